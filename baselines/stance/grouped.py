"""Stance models learned from the gold, scored by grouped cross-validation over it.

A prediction for a document of the training gold comes from a model fitted without its
group: the document (leave one document out), or, while the gold holds one document, the
gold quotes overlapping the quote being labelled (leave one quote out). Documents outside
the training gold are labelled by a model fitted on all of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from quotebench.corpus import Document, Quote, Target, load_gold

from .clauses import clauses, targets_named
from .common import Pair, candidate_pairs, quote_text, with_stances

__all__ = ["Example", "GroupedModel", "examples"]

Fit = Callable[[list[str], list[str]], Callable[[str], tuple[str, float]]]


@dataclass(frozen=True)
class Example:
    """A gold (quote, target) pair with its label, and where it comes from."""

    document: str
    quote: Quote
    text: str
    label: str


def features(quote: Quote, target: str, inventory: Sequence[Target]) -> str:
    """The target's token and the clauses naming it (the whole quote when none does)."""
    named = [c for c in clauses(quote_text(quote)) if target in targets_named(c, inventory)]
    return f"target_{target.replace('-', '_')} " + " ".join(named or [quote_text(quote)])


def examples(gold: Iterable[Document], inventory: Sequence[Target]) -> list[Example]:
    """Every gold stance on a quote, as a training example."""
    out = []
    for document in gold:
        quotes = {q.id: q for q in document.quotes}
        for stance in document.stances:
            quote = quotes.get(stance.quote or "")
            if quote is not None:
                text = features(quote, stance.target, inventory)
                out.append(Example(document.id, quote, text, stance.label))
    return out


def _overlaps(a: Quote, b: Quote) -> bool:
    return any(x.start < y.end and y.start < x.end for x in a.content for y in b.content)


class GroupedModel:
    """Base of the learned baselines: ``fit`` builds a labelling function from examples."""

    name = ""
    version = "1"

    def __init__(self, training: Sequence[Document] | None = None) -> None:
        self.training = list(load_gold() if training is None else training)
        self.single = len({d.id for d in self.training}) == 1

    @property
    def protocol(self) -> str:
        """How the model's predictions on its own training gold are held out."""
        unit = "one quote out (the gold holds one document)" if self.single else "one document out"
        return f"grouped cross-validation over the gold: leave {unit}"

    def fit(self, texts: list[str], labels: list[str]) -> Callable[[str], tuple[str, float]]:
        """A function text -> (label, score) learned from the examples."""
        raise NotImplementedError

    def _held_out(self, example: Example, document: Document, pair: Pair) -> bool:
        if example.document != document.id:
            return False
        return not self.single or _overlaps(example.quote, pair.quote)

    def predict_stances(
        self, documents_with_quotes: Iterable[Document], targets: Sequence[Target]
    ) -> Iterator[Document]:
        """Yield each document with a stance per (quote with a speaker, target it names)."""
        pool = examples(self.training, targets)
        cache: dict[frozenset[int], Callable[[str], tuple[str, float]] | None] = {}
        for document in documents_with_quotes:
            labelled = []
            for pair in candidate_pairs(document, targets):
                kept = frozenset(
                    k for k, e in enumerate(pool) if not self._held_out(e, document, pair)
                )
                if kept not in cache:
                    chosen = [pool[k] for k in sorted(kept)]
                    texts, labels = [e.text for e in chosen], [e.label for e in chosen]
                    cache[kept] = self.fit(texts, labels) if chosen else None
                if cache[kept] is not None:
                    label, score = cache[kept](features(pair.quote, pair.target, targets))
                    labelled.append((pair, label, score))
            yield with_stances(document, labelled, self.name, self.version)
