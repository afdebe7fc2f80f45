"""``dependency.v1``: spaCy dependency rules for direct, indirect and mixed quotes."""

from __future__ import annotations

from typing import Any

from quotebench.baselines.common.builder import DocumentBuilder
from quotebench.baselines.common.extractor import SpacyExtractor
from quotebench.baselines.common.index import TextIndex
from quotebench.baselines.common.marks import find_quoted
from quotebench.baselines.common.spans import token_spans
from quotebench.baselines.common.speakers import SpeakerResolver
from quotebench.registry import extractors

from .assemble import SCARE_REASON, Draft, drafts_for
from .rules import Candidate, find_candidates

__all__ = ["DependencyExtractor", "dependency_v1", "emit"]


def _depth(draft: Draft) -> int:
    depth, node = 0, draft.parent
    while node is not None:
        depth, node = depth + 1, node.parent
    return depth


class DependencyExtractor(SpacyExtractor):
    """Cue lexicon and dependency rules over spaCy's parse, with speaker resolution."""

    name = "dependency.v1"
    version = "1"
    developed_on = ("gold", "polnear-train")  # its rules were written and tuned on these corpora

    def cues(self, parsed: list[tuple[int, Any]]) -> list[Candidate]:
        """Every cue candidate of one parsed document."""
        return [c for offset, doc in parsed for c in find_candidates(doc, offset)]

    def predict(
        self, builder: DocumentBuilder, resolver: SpeakerResolver, parsed: list[tuple[int, Any]]
    ) -> None:
        """Quotes, their speakers and the scare quotes of one parsed document."""
        text = builder.text
        drafts, scare = drafts_for(text, TextIndex(parsed, find_quoted(text)), self.cues(parsed))
        emit(builder, resolver, drafts)
        for q in scare:
            builder.add_non_quote(q.outer[0], q.outer[1], SCARE_REASON)


def emit(builder: DocumentBuilder, resolver: SpeakerResolver, drafts: list[Draft]) -> None:
    """Add the drafts as quotes: outer ones first, each level in text order, so that
    pronouns see the speakers before them and "I" sees its quote's speaker."""
    text = builder.text
    ids: dict[int, Any] = {}
    previous = None
    for draft in sorted(drafts, key=lambda d: (_depth(d), d.position)):
        parent = ids.get(id(draft.parent)) if draft.parent else None
        inside = parent.speaker if parent else None
        source = resolver.mention(draft.subject, draft.offset, inside) if draft.subject else None
        speaker = None
        if not draft.cue and source is None and previous is not None and draft.parent is None:
            gap = text[previous.content[-1].end : draft.extent[0]]
            speaker = previous.speaker if gap.count("\n") <= 2 else None
        quote = builder.add_quote(
            draft.kind,
            draft.segments(text),
            token_spans(draft.cue, draft.offset, text),
            source=source,
            speaker=speaker,
            parent=parent.id if parent else None,
            score=draft.score,
        )
        if quote is None:
            continue
        ids[id(draft)] = quote
        resolver.spoke(draft.position, quote.speaker)
        if draft.parent is None:
            previous = quote


@extractors.register("dependency.v1")
def dependency_v1(batch_size: int = 64, n_process: int = 1) -> DependencyExtractor:
    """The ``dependency.v1`` extractor (see ``DependencyExtractor``)."""
    return DependencyExtractor(batch_size=batch_size, n_process=n_process)
