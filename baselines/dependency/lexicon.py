"""The cue lexicon of ``dependency.v1``: lemmas of speech verbs, attitude verbs and speech
nouns.

Written for this project from three published inventories, not copied from code:
the cue verbs of the PARC 3.0 attribution corpus (Pareti, LREC 2016), the quotation verbs
of the GenderGapTracker quote extractor (Asr, Mazraeh, Lopes et al., PLOS ONE 2021), and
Levin's English verb classes (Levin 1993: 37 verbs of communication, 29.4-29.5 declare and
conjecture verbs, 31 psych-verbs, 48.1.2 reveal verbs). Attitude verbs (beliefs, intentions,
perceptions) are attributions in PARC and PolNeAR but not quotes in this project's
guidelines (R-NQ-ATTITUDE); the extractor uses them only outside quoted material.
"""

from __future__ import annotations

__all__ = [
    "ATTITUDE_VERBS",
    "COMMISSIVE_NOUNS",
    "COMMISSIVE_VERBS",
    "EVALUATIVE_NOUNS",
    "GGT_NOT_QUOTES",
    "LIGHT_VERBS",
    "NOT_SPEECH",
    "OBJECT_VERBS",
    "SOURCE_NOUNS",
    "SPEECH_NOUNS",
    "SPEECH_VERBS",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Assertives and reporting verbs (Levin 37.7 say, 37.1 transfer of a message, 37.3 manner of
# speaking, 37.8 complain, 37.9 advise, 29.4 declare, 48.1.2 reveal; PARC 3.0; GGT).
SPEECH_VERBS = _words(
    """
    say tell state claim add note explain argue insist maintain contend assert declare
    announce report reveal disclose confirm deny acknowledge admit concede allege charge
    accuse warn caution threaten predict forecast estimate suggest propose recommend advise
    urge ask demand request plead beg order instruct command tell remind inform notify
    assure reassure promise pledge vow swear guarantee offer reply respond answer retort
    counter rebut object protest complain lament grumble moan whine bemoan criticize
    criticise condemn denounce blast slam praise hail laud applaud commend welcome thank
    congratulate apologize boast brag joke quip tweet post write blog email text cable
    telegraph testify recount recall recollect remember describe characterize characterise
    portray depict call label brand dub term mention comment remark observe point
    stress emphasize emphasise underline underscore highlight reiterate repeat restate
    echo affirm reaffirm aver avow attest certify contest dispute question challenge
    doubt signal indicate imply hint intimate insinuate speculate theorize theorise
    hypothesize guess surmise conclude decide determine rule find judge reckon
    concur agree disagree concede grant allow acknowledge confess divulge leak publish
    broadcast air voice express convey communicate relay pass share tell shout yell
    scream cry exclaim whisper mutter murmur mumble stammer stutter sigh gasp snap
    snarl growl bark thunder roar chant sing preach lecture teach explain clarify
    elaborate specify detail outline summarize summarise list cite quote paraphrase
    reason rationalize justify defend explain excuse blame credit attribute fault
    project anticipate expect foresee envision envisage prophesy vouch swear counsel
    caution alert advise implore entreat exhort appeal petition lobby press push
    campaign rally pray opine editorialize pontificate declaim proclaim pronounce
    decree dictate stipulate prescribe specify confide concede recant retract
    reverse withdraw disavow repudiate reject refuse dismiss rebuff scoff sneer mock
    ridicule deride taunt tease jeer scold chide rebuke reprimand admonish berate
    castigate lambaste excoriate chastise reproach warn forewarn brief update inform
    testify depose swear certify sign acknowledge announce unveil tout trumpet
    herald pitch promote sell tease vow
    """
)

# Commissives and directives whose content may be a noun phrase or an infinitive
# ("pledged post-war security guarantees", "offered to host", R-Q-CONTENT).
COMMISSIVE_VERBS = _words(
    """
    pledge promise vow offer threaten guarantee demand request urge ask propose
    recommend call seek plead beg order instruct command swear commit undertake
    agree refuse decline
    """
)

# Beliefs, intentions, perceptions, emotions and evidence (Levin 29.5 conjecture, 31.3
# marvel, 30 perception, 78 indicate; PARC 3.0 belief, intention and evidence cues).
ATTITUDE_VERBS = _words(
    """
    believe think feel suppose suspect assume presume consider regard deem figure
    imagine fancy know understand realize realise recognize recognise learn discover
    notice see hear sense perceive hope wish want intend plan aim expect fear worry
    dread doubt wonder trust bet hold maintain reckon gather infer deduce judge view
    conclude agree accept admit grant acknowledge prefer favor favour support oppose
    resent regret mourn rue marvel celebrate appreciate welcome cherish question
    show demonstrate prove suggest indicate reveal confirm find
    """
)

# Speech nouns whose content is a that-clause or an infinitive ("announcement that",
# "an offer to host"); the possessor is the source (R-Q-CUE-NOUN).
SPEECH_NOUNS = _words(
    """
    statement announcement claim assertion declaration remark comment comments remarks
    report reports warning warnings threat threats promise promises pledge pledges vow
    vows offer offers demand demands request requests call calls appeal plea proposal
    suggestion recommendation insistence argument arguments allegation allegations
    accusation accusations charge charges denial denials admission admissions confession
    testimony prediction predictions forecast assurance assurances guarantee guarantees
    acknowledgment acknowledgement explanation explanations answer reply response
    suggestion message note letter memo tweet tweets post posts speech address
    interview briefing conclusion conclusions finding findings verdict ruling decision
    order instruction instructions advice contention position view views belief beliefs
    opinion opinions assessment estimate estimates estimation expectation expectations
    hope hopes fear fears concern concerns worry worries doubt doubts idea notion
    insinuation implication hint signal signals vow commitment commitments ultimatum
    reminder announcement revelation disclosure confirmation reassurance objection
    complaint complaints criticism praise boast joke retort rebuttal
    """
)

COMMISSIVE_NOUNS = _words(
    """
    pledge pledges promise promises vow vows offer offers threat threats demand demands
    request requests call calls appeal plea proposal commitment commitments guarantee
    guarantees ultimatum invitation bid
    """
)

# Evaluative speech nouns whose content follows "about", "of" or "over" ("expressed
# skepticism about", R-Q-CONTENT (b)).
EVALUATIVE_NOUNS = _words(
    """
    skepticism scepticism concern concerns doubt doubts worry worries criticism
    optimism pessimism confidence frustration anger outrage alarm dismay disappointment
    satisfaction support opposition approval disapproval praise regret displeasure
    reservations misgivings fears hope hopes
    """
)

# Verbs that carry a speech noun ("reiterated an offer", "expressed skepticism").
LIGHT_VERBS = _words(
    """
    express voice raise make issue reiterate repeat renew give deliver extend air
    register lodge file send post publish put forward restate
    """
)

# Nouns that name people who speak, for "according to" and agentless heads
# ("according to officials", "sources said").
SOURCE_NOUNS = _words(
    """
    official officials source sources spokesman spokeswoman spokesperson aide aides
    adviser advisers advisor advisors analyst analysts expert experts observer
    observers critic critics supporter supporters opponent opponents witness witnesses
    lawmaker lawmakers senator senators member members leader leaders diplomat
    diplomats investigator investigators prosecutor prosecutors police officer officers
    people resident residents voter voters campaign government administration ministry
    department agency court
    """
)

# What a speech-only convention (C-ACTS: speech) does not count, among the cues above: the
# attitude verbs, and the beliefs, intentions, perceptions and findings that PARC also files
# under speech (``dependency.v2``; ``dependency.v1`` does not use it).
NOT_SPEECH = ATTITUDE_VERBS | _words(
    """
    expect anticipate foresee envision envisage project find conclude decide determine
    judge reckon guess surmise hypothesize hypothesise theorize theorise doubt remember
    recall recollect agree disagree concur show demonstrate prove
    view views belief beliefs opinion opinions hope hopes fear fears concern concerns
    worry worries doubt doubts idea notion expectation expectations conclusion
    conclusions finding findings assessment position contention
    """
)

# Verbs whose object noun phrase PolNeAR annotates as the attributed content when they have
# no clause ("endorsed Cruz", "accused him of lying", "called them deplorables"):
# evaluation, endorsement and reporting of a topic (``dependency.v2`` under polnear.v1).
OBJECT_VERBS = _words(
    """
    endorse support back oppose reject criticize criticise praise accuse blame call
    describe defend attack cite mention discuss question condemn denounce slam blast
    mock applaud welcome dismiss deny dispute challenge propose recommend announce
    reveal report detail outline tout highlight promise pledge offer demand urge
    """
)

# What the GenderGapTracker set does not annotate as quotes, beyond beliefs (its quote verbs
# are verbs of saying): offers, promises, requests and questions, permission, estimates.
GGT_NOT_QUOTES = _words(
    """
    offer promise pledge vow guarantee commit commitment demand request ask urge
    propose proposal allow permit signal estimate forecast threat threats
    """
)
