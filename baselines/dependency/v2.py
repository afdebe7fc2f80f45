"""``dependency.v2``: ``dependency.v1``'s rules, following the convention asked for.

The rules find quotes as ``dependency.v1`` does (every attribution, continuations as
further segments, quotation marks outside direct content, nested quotes); then the quotes
are written in the convention asked for (``quotebench.v1`` by default): under a speech-only
convention the quotes whose cue is a belief, intention or perception are dropped, and the
other rules are mapped with ``corpus.projection``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from quotebench.baselines.common.builder import DocumentBuilder
from quotebench.baselines.common.index import TextIndex
from quotebench.baselines.common.marks import find_quoted
from quotebench.baselines.common.speakers import SpeakerResolver
from quotebench.corpus import Document
from quotebench.corpus.conventions import Convention, get_convention
from quotebench.corpus.marks import quote_type
from quotebench.corpus.projection import project
from quotebench.registry import extractors

from .assemble import SCARE_REASON, Draft, drafts_for, nest
from .extractor import DependencyExtractor, emit
from .layout import colon_paragraphs, dash_attributions, pull_quotes, quoted_cues, speaker_lines
from .lexicon import GGT_NOT_QUOTES, NOT_SPEECH, OBJECT_VERBS
from .precision import PRECISION, rule_key
from .rules import Candidate, Rules, find_candidates

__all__ = ["DependencyV2", "dependency_v2"]

# how the rules annotate before the output is mapped onto the convention asked for
RULES = Convention("dependency-rules.v1", "the rules' own way", acts="attribution",
                   continuation="segment", marks_in_content=False, nested=True)  # fmt: skip


# what a convention leaves out beyond beliefs, intentions and perceptions: the
# GenderGapTracker set counts neither offers, promises and requests (commissives and
# directives with an infinitive or object), nor questions, nor negated reports
EXCLUDED = {"ggt.v1": GGT_NOT_QUOTES}
SPEECH_RULES = Rules(adjunct_tags=("VBG",), preposed=True, reporting_clauses=True)
RULES_BY_CONVENTION = {
    "quotebench.v1": SPEECH_RULES,  # documents are no speakers (R-Q-ACCORDING)
    "ggt.v1": replace(SPEECH_RULES, any_according=True),
    "polnear.v1": replace(SPEECH_RULES, any_according=True, object_verbs=OBJECT_VERBS),
}


_DOUBLED = re.compile("''")
_OPENS_AFTER = " \t\n([{\u2014\u2013-/:"


def doubled_apostrophes(text: str) -> str:
    """``text`` with each pair of apostrophes used as a double quotation mark (''So,'' he
    said: some newspapers' style) turned into one mark and a space, on the side that keeps
    it an opening or a closing mark: offsets are unchanged."""

    def mark(match: re.Match[str]) -> str:
        start = match.start()
        return ' "' if start == 0 or text[start - 1] in _OPENS_AFTER else '" '

    return _DOUBLED.sub(mark, text)


class DependencyV2(DependencyExtractor):
    """``dependency.v1``'s rules, written in the convention asked for."""

    name = "dependency.v2"
    version = "2"
    conventions = tuple(RULES_BY_CONVENTION)
    developed_on = ("gold", "polnear-train", "polnear-dev", "ggt-dev")

    def __init__(
        self, batch_size: int = 64, n_process: int = 1, convention: str | None = "quotebench.v1"
    ) -> None:
        super().__init__(batch_size, n_process, convention or "quotebench.v1")
        self.target = get_convention(self.convention)
        self.precision = PRECISION[self.convention]

    def annotate(self, document: Document, parsed: list[tuple[int, Any]]) -> Document:
        """The predicted document, in the convention asked for."""
        found = super().annotate(document, parsed)
        rules = replace(RULES, acts=self.target.acts)
        (written,), _ = project([found], rules, self.target)
        return _typed_by_marks(written) if self.target.marks_in_content else written

    def resolver(self, builder: DocumentBuilder) -> SpeakerResolver:
        """Speakers as a reader resolves them: "Crane & Loft" is one organisation; under a
        convention without coreference (PolNeAR's) an unresolved pronoun is its own speaker,
        as the corpus annotates it."""
        return SpeakerResolver(
            builder, keep_unresolved=self.target.acts == "attribution", whole_names=True
        )

    def predict(
        self, builder: DocumentBuilder, resolver: SpeakerResolver, parsed: list[tuple[int, Any]]
    ) -> None:
        """Quotes as ``dependency.v1`` finds them, then those the layout gives away."""
        text = builder.text
        index = TextIndex(parsed, find_quoted(doubled_apostrophes(text)))
        drafts, scare = drafts_for(text, index, self.cues(parsed))
        drafts = quoted_cues(drafts)
        drafts = speaker_lines(text, index, drafts, headlines=self.target.acts == "attribution")
        colon_paragraphs(text, index, drafts)
        dash_attributions(text, index, drafts)
        drafts = pull_quotes(text, index, drafts)
        nest(drafts)
        for draft in drafts:
            draft.score = self.estimate(draft)
        emit(builder, resolver, drafts)
        for q in scare:
            builder.add_non_quote(q.outer[0], q.outer[1], SCARE_REASON)

    def estimate(self, draft: Draft) -> float:
        """The draft's score: the precision measured for the rule that found it (and its
        quote type) under the convention (``precision.PRECISION``)."""
        table = self.precision
        return table.get(rule_key(draft), table.get(draft.rule, table.get("*", 0.5)))

    def cues(self, parsed: list[tuple[int, Any]]) -> list[Candidate]:
        """The cue candidates under the convention's rules; under a speech-only convention,
        no belief, intention or perception."""
        rules = RULES_BY_CONVENTION[self.convention]
        found = [c for offset, doc in parsed for c in find_candidates(doc, offset, rules)]
        if self.target.acts != "speech":
            return found
        excluded = NOT_SPEECH | EXCLUDED.get(self.convention, frozenset())
        return [
            c for c in found
            if c.kind != "attitude" and c.cue[-1].lemma_ not in excluded
            and not (self.convention == "ggt.v1" and any(t.dep_ == "neg" for t in c.cue))
        ]  # fmt: skip


def _typed_by_marks(document: Document) -> Document:
    """Each quote typed by the quotation marks in its content, as corpora that keep the marks
    in it type theirs (PolNeAR, the GenderGapTracker set): a transcript's speaker line
    without marks is indirect, a cue-less stretch with words outside its marks mixed."""
    quotes = tuple(
        q.model_copy(
            update={"type": quote_type(document.text, [(s.start, s.end) for s in q.content])}
        )
        for q in document.quotes
    )
    return document.model_copy(update={"quotes": quotes})


@extractors.register("dependency.v2")
def dependency_v2(
    batch_size: int = 64, n_process: int = 1, convention: str | None = None
) -> DependencyV2:
    """The ``dependency.v2`` extractor (see ``DependencyV2``)."""
    return DependencyV2(batch_size=batch_size, n_process=n_process, convention=convention)
