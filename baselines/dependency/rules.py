"""Dependency rules that find cues and their content in one parsed paragraph.

Each rule yields ``Candidate``s: a cue (verb group, speech noun, participle, "according
to"), the token its speaker hangs on and the character range of its content. Deciding
which candidates are direct, indirect or mixed quotes is ``assemble``'s work.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .lexicon import (
    ATTITUDE_VERBS,
    COMMISSIVE_NOUNS,
    COMMISSIVE_VERBS,
    EVALUATIVE_NOUNS,
    LIGHT_VERBS,
    SOURCE_NOUNS,
    SPEECH_NOUNS,
    SPEECH_VERBS,
)

__all__ = ["V1", "Candidate", "Rules", "find_candidates", "subject_of", "verb_group"]

Token = Any  # spacy.tokens.Token (spaCy is imported lazily by the extractor)

_UP_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp"})
_SOURCE_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_CUE_VERBS = SPEECH_VERBS | ATTITUDE_VERBS
_CUE_NOUNS = SPEECH_NOUNS | EVALUATIVE_NOUNS
_CARRIERS = SPEECH_VERBS | LIGHT_VERBS


@dataclass(frozen=True)
class Rules:
    """What the rules may do, beyond ``dependency.v1``'s (its defaults are v1's):

    Attributes:
        adjunct_tags: participle tags that start a writer's adjunct cut off the content
            (", responding to"); v1 also cuts at past participles, which are as often a
            coordinated verb of the reported clause ("he drank, used drugs and ...").
        any_according: "according to" any noun phrase (a report, a poll), not only a
            speaker (R-Q-ACCORDING); PolNeAR and the GenderGapTracker set count documents.
        np_verbs: verbs whose content may be their object noun phrase ("endorsed Cruz",
            "accused him of lying"), with its complements.
        preposed: a reported clause before its cue ("The attack took minutes, police
            said.") counts even when parsed as parataxis.
        object_verbs: verbs (in the lexicon or not) whose object noun phrase, with its
            complements, is their content when they have no clause ("endorsed Cruz",
            "accused him of lying", "called the plan a disgrace"): PolNeAR's attributions.
        reporting_clauses: a reporting clause the parser hung on the reported one ("The
            attack took minutes, police said."; "Police, Sinclair says, have no policies")
            reports the rest of that clause.
    """

    adjunct_tags: tuple[str, ...] = ("VBG", "VBN")
    any_according: bool = False
    np_verbs: frozenset[str] = frozenset(["pledge", "promise", "vow", "offer", "guarantee",
                                          "demand"])  # fmt: skip
    preposed: bool = False
    object_verbs: frozenset[str] = frozenset()
    reporting_clauses: bool = False


V1 = Rules()
_OBJECTS = ("NOUN", "PROPN", "PRON")
_COMPLEMENTS = frozenset({"oprd", "xcomp", "ccomp", "acomp"})
_COMPLEMENT_PREPS = frozenset({"of", "as", "for", "about", "over", "on"})


@dataclass
class Candidate:
    """A cue with its content range (document characters) and the token its speaker is."""

    cue: list[Token]
    subject: Token | None
    content: tuple[int, int]
    offset: int
    kind: str  # speech | attitude | colon | noun | according
    score: float
    rule: str = ""  # the rule that found it, when not its kind (dependency.v2's rules)

    @property
    def position(self) -> int:
        """Where the cue starts in the document."""
        return self.offset + self.cue[0].idx


def verb_group(verb: Token) -> list[Token]:
    """The cue verb with its auxiliaries, negation and adverbs before it (R-Q-CUE-VERB)."""
    group = [verb]
    for child in reversed([c for c in verb.children if c.i < verb.i]):
        if (
            child.i == group[0].i - 1
            and child.dep_ in ("aux", "neg", "advmod")
            and (child.pos_ != "PART" or child.dep_ == "neg")
        ):
            group.insert(0, child)
    return group


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The token naming who speaks: the subject, the antecedent of a relative pronoun, the
    agent of a passive, or (participles, conjuncts) the subject of the clause above.

    A cue coordinated with or attached to a reported clause ("argued that X has collapsed
    and expressed", "stated that X must be set, adding") is taken as the reporting verb's
    sibling: a common misparse.
    """
    head = verb.head
    if depth < 3 and verb.dep_ in _UP_DEPS and head.dep_ == "ccomp" and _is_cue(verb):
        return subject_of(head.head, depth + 1)
    for child in verb.children:
        if child.dep_ == "nsubj":
            relative = child.tag_ in ("WP", "WDT") or child.lower_ == "that"
            return head if relative and verb.dep_ == "relcl" else child
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
        if child.dep_ == "nsubjpass" and depth == 0:
            return None
    up = _UP_DEPS | {"ccomp"} if depth > 0 else _UP_DEPS
    if verb.dep_ in up and depth < 3 and head is not verb:
        return subject_of(head, depth + 1)
    return None


def _is_cue(token: Token) -> bool:
    return token.lemma_ in _CARRIERS


def _cut_point(head: Token, rules: Rules = V1) -> int:
    """Index of the first writer's participle adjunct (", responding to", ", adding") under
    ``head`` after it, or the end of the subtree."""
    end = head.right_edge.i + 1
    for token in head.subtree:
        if (
            token.i > head.i
            and token.tag_ in rules.adjunct_tags
            and token.dep_ in ("advcl", "conj", "xcomp")
            and token.doc[token.left_edge.i - 1].text in (",", ";", "\u2014")
        ):
            end = min(end, token.left_edge.i - 1)
        if token.i > head.i and token.dep_ == "conj" and token.pos_ == "VERB" and _is_cue(token):
            end = min(end, token.left_edge.i)
    doc = head.doc
    while end > head.i + 1 and (doc[end - 1].dep_ == "cc" or doc[end - 1].is_punct):
        end -= 1
    return end


def _clause(head: Token, offset: int, rules: Rules = V1) -> tuple[int, int]:
    """Characters of the clause headed by ``head``: without a leading ``that``, without
    writer's participle adjuncts after it."""
    doc = head.doc
    first, end = head.left_edge.i, _cut_point(head, rules)
    while first < end and (doc[first].lower_ == "that" and doc[first].dep_ == "mark"):
        first += 1
    if first >= end:
        return offset + head.idx, offset + head.idx
    last = doc[end - 1]
    return offset + doc[first].idx, offset + last.idx + len(last.text)


def _content_head(verb: Token) -> Token | None:
    children = list(verb.children)
    for dep in ("ccomp", "parataxis"):
        found = [c for c in children if c.dep_ == dep and c.i != verb.i]
        if found and (dep == "ccomp" or found[0].i > verb.i):
            return found[0]
    if verb.lemma_ in COMMISSIVE_VERBS or verb.lemma_ in ATTITUDE_VERBS:
        for child in children:
            if child.dep_ == "xcomp" and any(c.dep_ == "aux" for c in child.children):
                return child
    return None


def _np_content(verb: Token, offset: int, rules: Rules = V1) -> tuple[int, int] | None:
    if verb.lemma_ not in rules.np_verbs:
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
    if obj is None:
        return None
    datives = [c.right_edge.i for c in verb.children if c.dep_ == "dative"]
    doc = verb.doc
    first, last = doc[obj.left_edge.i], doc[max([obj.right_edge.i, *datives])]
    return offset + first.idx, offset + last.idx + len(last.text)


def _colon_content(verb: Token, offset: int) -> tuple[int, int] | None:
    doc = verb.doc
    nxt = verb.i + 1
    while nxt < len(doc) and doc[nxt].dep_ in ("npadvmod", "dobj", "dative") and nxt - verb.i < 3:
        nxt += 1
    if nxt >= len(doc) or doc[nxt].text != ":":
        return None
    sent_end = doc[nxt].sent.end
    last = doc[sent_end - 1]
    return offset + doc[nxt].idx + 1, offset + last.idx + len(last.text)


def _verb_candidates(doc: Any, offset: int, rules: Rules = V1) -> Iterator[Candidate]:
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_ not in _CUE_VERBS:
            continue
        speech = verb.lemma_ in SPEECH_VERBS
        head = _content_head(verb)
        content = _clause(head, offset, rules) if head is not None else None
        kind = "speech" if speech else "attitude"
        if content is None and speech:
            content, kind = _colon_content(verb, offset), "colon"
        if content is None and speech:
            content, kind = _np_content(verb, offset, rules), "speech"
        if content is None or content[0] >= content[1]:
            continue
        if head is not None and head.dep_ == "parataxis" and head.i < verb.i and not rules.preposed:
            continue
        between = doc.text[verb.idx + len(verb.text) : content[0] - offset]
        kind = "colon" if speech and between.strip().endswith(":") else kind
        score = 0.8 if speech else 0.5
        yield Candidate(verb_group(verb), subject_of(verb), content, offset, kind, score)


def _object_content(verb: Token, offset: int) -> tuple[int, int] | None:
    """The verb's object noun phrase with the complements after it ("him of lying")."""
    obj = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ in _OBJECTS), None)
    if obj is None:
        return None
    last = obj.right_edge.i
    for child in verb.children:
        prep = child.dep_ == "prep" and child.lower_ in _COMPLEMENT_PREPS
        if child.i > obj.i and (child.dep_ in _COMPLEMENTS or prep):
            last = max(last, child.right_edge.i)
    doc = verb.doc
    while last > obj.left_edge.i and doc[last].is_punct:
        last -= 1
    first, end = doc[obj.left_edge.i], doc[last]
    return offset + first.idx, offset + end.idx + len(end.text)


def _object_candidates(doc: Any, offset: int, rules: Rules, taken: set[int]) -> Iterator[Candidate]:
    for verb in doc:
        if verb.pos_ != "VERB" or verb.lemma_ not in rules.object_verbs or verb.i in taken:
            continue
        if _content_head(verb) is not None:
            continue
        content = _object_content(verb, offset)
        if content is None or content[0] >= content[1]:
            continue
        kind = "speech" if verb.lemma_ in SPEECH_VERBS else "attitude"
        yield Candidate(verb_group(verb), subject_of(verb), content, offset, kind, 0.5, "object")


def _piece(doc: Any, lo: int, hi: int, offset: int) -> tuple[int, int] | None:
    """Characters of the tokens ``lo..hi``, without edge punctuation or conjunctions."""
    while lo <= hi and (doc[lo].is_punct or doc[lo].dep_ in ("cc", "mark")):
        lo += 1
    while hi >= lo and doc[hi].is_punct:
        hi -= 1
    return (offset + doc[lo].idx, offset + doc[hi].idx + len(doc[hi].text)) if lo <= hi else None


def _reported(verb: Token, start: int, offset: int) -> list[tuple[int, int]]:
    """What a reporting clause starting at token ``start`` reports: the words of the clause
    it hangs on (or of its sentence) before it and, when it interrupts that clause, those
    after it."""
    doc, head = verb.doc, verb.head
    first = head.left_edge.i if head is not verb else verb.sent.start
    pieces = [_piece(doc, first, start - 1, offset)]
    if head is not verb and head.i > verb.i:
        pieces.append(_piece(doc, verb.right_edge.i + 1, head.right_edge.i, offset))
    return [p for p in pieces if p is not None]


def _clause_start(verb: Token, subject: Token) -> int | None:
    """Where a reporting clause starts: its subtree, or for a sentence's root (the parser
    made the reported clause a dependent of "said") its subject, after a comma."""
    if verb.dep_ in ("parataxis", "advcl", "conj"):
        return verb.left_edge.i
    if (
        verb.dep_ == "ROOT"
        and subject.i < verb.i
        and not any(c.dep_ in ("dobj", "xcomp") for c in verb.children)
    ):
        return subject.left_edge.i
    return None


def _reporting_candidates(doc: Any, offset: int, taken: set[int]) -> Iterator[Candidate]:
    for verb in doc:
        if verb.i in taken or verb.lemma_ not in SPEECH_VERBS or verb.pos_ != "VERB":
            continue
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]  # "X ..., he said": two
        subject = subjects[-1] if subjects else None
        if subject is None or _content_head(verb) is not None:
            continue
        start = _clause_start(verb, subject)
        if start is None or start <= verb.sent.start or doc[start - 1].text not in (",", "\u2014"):
            continue
        pieces = _reported(verb, start, offset)
        if pieces and sum(b - a for a, b in pieces) >= 15:
            content = (pieces[0][0], pieces[-1][1])
            yield Candidate(verb_group(verb), subject, content, offset, "speech", 0.7, "reporting")


def _noun_content(noun: Token, offset: int) -> tuple[int, int] | None:
    if noun.lower_ in EVALUATIVE_NOUNS and noun.dep_ == "dobj" and noun.head.lemma_ in LIGHT_VERBS:
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ in ("about", "of", "over", "on"):
                obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return _clause(obj, offset)
    stack = [c for c in noun.children if c.dep_ in ("acl", "ccomp")]
    while stack:
        verb = stack.pop(0)
        if any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children) or (
            noun.lower_ in COMMISSIVE_NOUNS and any(c.lower_ == "to" for c in verb.children)
        ):
            return _clause(verb, offset)
        stack.extend(c for c in verb.children if c.dep_ in ("advcl", "xcomp"))
    return None


def _noun_cue(noun: Token) -> list[Token]:
    verb = noun.head
    if noun.dep_ == "dobj" and verb.lemma_ in _CARRIERS:
        tokens = list(noun.doc[verb.i : noun.i + 1])
        if all(t.dep_ in ("det", "amod", "compound") for t in tokens[1:-1]):
            nxt = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
            about = nxt is not None and noun.lower_ in EVALUATIVE_NOUNS and nxt.dep_ == "prep"
            return [*verb_group(verb)[:-1], *tokens, *([nxt] if about else [])]
    return [noun]


def _noun_speaker(noun: Token) -> Token | None:
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is not None:
        return owner
    head = noun.head.head if noun.dep_ == "pobj" else noun.head
    if noun.dep_ in ("dobj", "pobj") and head.pos_ in ("VERB", "AUX"):
        return subject_of(head)
    return None


def _noun_candidates(doc: Any, offset: int) -> Iterator[Candidate]:
    for noun in doc:
        if noun.pos_ != "NOUN" or noun.lower_ not in _CUE_NOUNS:
            continue
        content = _noun_content(noun, offset)
        if content is None or content[0] >= content[1]:
            continue
        yield Candidate(_noun_cue(noun), _noun_speaker(noun), content, offset, "noun", 0.6)


def _is_source(token: Token) -> bool:
    if token.pos_ == "PRON" or token.lemma_.lower() in SOURCE_NOUNS:
        return True
    return token.ent_type_ in _SOURCE_ENTS


def _according_candidates(doc: Any, offset: int, rules: Rules = V1) -> Iterator[Candidate]:
    for according in doc:
        if according.lower_ != "according":
            continue
        to = next((c for c in according.children if c.lower_ == "to"), None)
        obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
        if obj is None or not (rules.any_according or _is_source(obj)):
            continue
        clause = according.head
        sub = [t.i for t in according.subtree]
        rest = [t for t in clause.subtree if t.i not in sub and not t.is_punct]
        if not rest:
            continue
        start, last = rest[0], rest[-1]
        content = (offset + start.idx, offset + last.idx + len(last.text))
        yield Candidate([according, to], obj, content, offset, "according", 0.7)


def find_candidates(doc: Any, offset: int, rules: Rules = V1) -> list[Candidate]:
    """Every cue with content in one parsed paragraph starting at ``offset``.

    Args:
        doc: a spaCy ``Doc`` (tagged, parsed, with entities).
        offset: where the paragraph starts in the document text.
        rules: what the rules may do (``V1``: ``dependency.v1``'s).

    Returns:
        The candidates, in no particular order.
    """
    verbs = list(_verb_candidates(doc, offset, rules))
    taken = {c.cue[-1].i for c in verbs}
    return [
        *verbs,
        *_noun_candidates(doc, offset),
        *_according_candidates(doc, offset, rules),
        *_object_candidates(doc, offset, rules, taken),
        *(_reporting_candidates(doc, offset, taken) if rules.reporting_clauses else ()),
    ]
