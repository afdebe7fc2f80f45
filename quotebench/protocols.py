"""The interfaces extractors and stance models implement."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Protocol, runtime_checkable

from quotebench.corpus import Document, Target

__all__ = ["QuoteExtractor", "StanceModel"]


@runtime_checkable
class QuoteExtractor(Protocol):
    """Finds quotes (and speakers) in documents; only ``id`` and ``text`` are read.

    It may also declare ``developed_on``: the corpora it was developed or tuned on, by the
    benchmark's names (``gold``, ``polnear-train``, ``polnear-dev``), so that figures on
    them are marked as not held out (the leaderboard and the dataset card say so).
    """

    name: str
    version: str

    def extract(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Yield one predicted document per input document, in input order."""
        ...


@runtime_checkable
class StanceModel(Protocol):
    """Labels the stance each quote expresses toward inventory targets."""

    name: str
    version: str

    def predict_stances(
        self, documents_with_quotes: Iterable[Document], targets: Sequence[Target]
    ) -> Iterator[Document]:
        """Yield each document with ``stances`` filled for its (given) quotes."""
        ...
