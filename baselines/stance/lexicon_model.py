"""``stance-lexicon.v1``: target keywords per clause, then cue words with negation scope."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from quotebench.corpus import Document, Target
from quotebench.registry import stance_models

from .clauses import clause_label
from .common import candidate_pairs, with_stances

__all__ = ["LexiconStance"]


class LexiconStance:
    """Labels each (quote, target) pair the quote names from the clauses that name it."""

    name = "stance-lexicon.v1"
    version = "1"

    def predict_stances(
        self, documents_with_quotes: Iterable[Document], targets: Sequence[Target]
    ) -> Iterator[Document]:
        """Yield each document with a stance per (quote with a speaker, target it names)."""
        for document in documents_with_quotes:
            labelled = [(p, clause_label(p.text), None) for p in candidate_pairs(document, targets)]
            yield with_stances(document, labelled, self.name, self.version)


@stance_models.register("stance-lexicon.v1")
def make_lexicon_stance() -> LexiconStance:
    """The lexicon baseline (no settings)."""
    return LexiconStance()
