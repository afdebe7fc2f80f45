"""``dependency.v2``: ``dependency.v1``'s rules, following the convention asked for.

The rules find quotes as ``dependency.v1`` does (every attribution, continuations as
further segments, quotation marks outside direct content, nested quotes); then the quotes
are written in the convention asked for (``quotebench.v1`` by default): under a speech-only
convention the quotes whose cue is a belief, intention or perception are dropped, and the
other rules are mapped with ``corpus.projection``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from quotebench.corpus import Document
from quotebench.corpus.conventions import Convention, get_convention
from quotebench.corpus.projection import project
from quotebench.registry import extractors

from .extractor import DependencyExtractor
from .lexicon import NOT_SPEECH
from .rules import Candidate

__all__ = ["DependencyV2", "dependency_v2"]

# how the rules annotate before the output is mapped onto the convention asked for
RULES = Convention("dependency-rules.v1", "the rules' own way", acts="attribution",
                   continuation="segment", marks_in_content=False, nested=True)  # fmt: skip


class DependencyV2(DependencyExtractor):
    """``dependency.v1``'s rules, written in the convention asked for."""

    name = "dependency.v2"
    version = "2"
    conventions = ("quotebench.v1", "polnear.v1", "ggt.v1")
    developed_on = ("gold", "polnear-train", "polnear-dev", "ggt-dev")

    def __init__(
        self, batch_size: int = 64, n_process: int = 1, convention: str | None = "quotebench.v1"
    ) -> None:
        super().__init__(batch_size, n_process, convention or "quotebench.v1")
        self.target = get_convention(self.convention)

    def annotate(self, document: Document, parsed: list[tuple[int, Any]]) -> Document:
        """The predicted document, in the convention asked for."""
        found = super().annotate(document, parsed)
        rules = replace(RULES, acts=self.target.acts)
        (written,), _ = project([found], rules, self.target)
        return written

    def cues(self, parsed: list[tuple[int, Any]]) -> list[Candidate]:
        """The cue candidates; under a speech-only convention, no belief, intention or
        perception."""
        found = super().cues(parsed)
        if self.target.acts != "speech":
            return found
        return [c for c in found if c.kind != "attitude" and c.cue[-1].lemma_ not in NOT_SPEECH]


@extractors.register("dependency.v2")
def dependency_v2(
    batch_size: int = 64, n_process: int = 1, convention: str | None = None
) -> DependencyV2:
    """The ``dependency.v2`` extractor (see ``DependencyV2``)."""
    return DependencyV2(batch_size=batch_size, n_process=n_process, convention=convention)
