"""What the stance baselines share: candidate (quote, target) pairs and attaching stances."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from quotebench.corpus import Annotation, Document, Quote, Stance, Target

from .clauses import clauses, targets_named

__all__ = ["Pair", "candidate_pairs", "quote_text", "with_stances"]


@dataclass(frozen=True)
class Pair:
    """A (quote, target) pair to label, with the clauses of the quote that name the target."""

    quote: Quote
    target: str
    text: str


def quote_text(quote: Quote) -> str:
    """The quote's content segments joined by spaces."""
    return " ".join(span.text for span in quote.content)


def candidate_pairs(document: Document, targets: Sequence[Target]) -> list[Pair]:
    """Every (quote, target) pair whose target a clause of the quote names by keyword.

    Quotes without a speaker carry no stance (R-ST-HOLDER) and are left out.
    """
    pairs: list[Pair] = []
    for quote in document.quotes:
        if quote.speaker is None:
            continue
        named: dict[str, list[str]] = {}
        for clause in clauses(quote_text(quote)):
            for target in targets_named(clause, targets):
                named.setdefault(target, []).append(clause)
        pairs += [Pair(quote, t, " ".join(c)) for t, c in named.items()]
    return pairs


def with_stances(
    document: Document,
    labelled: Iterable[tuple[Pair, str, float | None]],
    name: str,
    version: str,
) -> Document:
    """``document`` with its stances replaced by the labelled pairs (holder: the speaker)."""
    stances = tuple(
        Stance(
            id=f"s-{pair.quote.id}-{pair.target}",
            holder=pair.quote.speaker or "",
            quote=pair.quote.id,
            target=pair.target,
            label=label,
            explicit=True,
            score=score,
        )
        for pair, label, score in labelled
    )
    annotation = Annotation(origin="extractor", extractor=name, version=version)
    return document.model_copy(update={"stances": stances, "annotation": annotation})
