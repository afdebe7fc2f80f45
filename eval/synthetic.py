"""Synthetic gold and predictions of any size, for speed measurements and property checks."""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence

from quotebench.corpus import (
    QUOTE_TYPES,
    STANCE_LABELS,
    Annotation,
    Document,
    Entity,
    Mention,
    Quote,
    Span,
    Stance,
)

__all__ = ["quotes_only", "synthetic_gold", "synthetic_predictions"]

_WORDS = ("troops", "peace", "talks", "border", "guarantees", "forces", "meeting", "Kyiv")
_NAMES = ("Anna Berg", "Ravi Patel", "Li Wei", "Omar Haddad", "Eva Novak")


def _span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


def _sentences(rng: random.Random, quotes: int) -> tuple[str, list[tuple[int, ...]]]:
    """The text, and per quote: name start, cue start, content start and end, entity."""
    parts: list[str] = []
    plan: list[tuple[int, ...]] = []
    offset = 0
    for _ in range(quotes):
        entity = rng.randrange(len(_NAMES))
        content = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(4, 14)))
        sentence = f'{_NAMES[entity]} said "{content}." '
        name_end = offset + len(_NAMES[entity])
        plan.append((offset, name_end + 1, name_end + 7, name_end + 8 + len(content), entity))
        parts.append(sentence)
        offset += len(sentence)
    return "".join(parts).rstrip(), plan


def _document(doc_id: str, rng: random.Random, quotes: int, targets: Sequence[str]) -> Document:
    text, plan = _sentences(rng, quotes)
    mentions, quote_list, stances = [], [], []
    for k, (name, cue, start, end, entity) in enumerate(plan):
        mention = _span(text, name, cue - 1).model_dump()
        mentions.append(Mention(id=f"m{k}", entity=f"e{entity}", **mention))
        quote_list.append(
            Quote(
                id=f"q{k}",
                type=rng.choice(QUOTE_TYPES),
                content=(_span(text, start, end),),
                cue=(_span(text, cue, cue + 4),),
                source=f"m{k}",
                speaker=f"e{entity}",
            )
        )
        if targets and rng.random() < 0.5:
            label = rng.choice(STANCE_LABELS)
            stances.append(
                Stance(
                    id=f"s{k}",
                    holder=f"e{entity}",
                    quote=f"q{k}",
                    target=rng.choice(targets),
                    label=label,
                    explicit=True,
                )
            )
    return Document(
        id=doc_id,
        text=text,
        annotation=Annotation(annotator="gold", origin="gold"),
        entities=tuple(Entity(id=f"e{k}", name=n, kind="person") for k, n in enumerate(_NAMES)),
        mentions=tuple(mentions),
        quotes=tuple(quote_list),
        stances=tuple(stances),
    )


def synthetic_gold(
    documents: int, quotes_per_document: int, seed: int = 0, targets: Sequence[str] = ()
) -> list[Document]:
    """``documents`` gold documents of ``quotes_per_document`` quotes each (seeded)."""
    rng = random.Random(seed)
    width = len(str(documents))
    return [
        _document(f"doc-{k:0{width}d}", rng, quotes_per_document, targets) for k in range(documents)
    ]


def _perturbed_quote(quote: Quote, text: str, rng: random.Random) -> Quote | None:
    roll = rng.random()
    if roll < 0.1:
        return None
    content = quote.content[0]
    start, end = content.start, content.end
    if roll < 0.3:
        start = min(end - 1, start + rng.randint(1, 3))
    elif roll < 0.4:
        end = max(start + 1, end - (end - start) // 2)
    changes: dict[str, object] = {"content": (_span(text, start, end),), "score": 0.5}
    if rng.random() < 0.1:
        changes["type"] = rng.choice(QUOTE_TYPES)
    if rng.random() < 0.1:
        changes["speaker"] = f"e{rng.randrange(len(_NAMES))}"
    return quote.model_copy(update=changes)


def _distinct(quotes: Iterable[Quote]) -> tuple[Quote, ...]:
    """The quotes without a later one whose content repeats an earlier one's (shifting and
    halving can make two quotes identical, which no valid prediction holds)."""
    first: dict[tuple[tuple[int, int], ...], Quote] = {}
    for quote in quotes:
        first.setdefault(tuple((s.start, s.end) for s in quote.content), quote)
    return tuple(first.values())


def synthetic_predictions(gold: Sequence[Document], seed: int = 1) -> list[Document]:
    """An imperfect system's output on ``gold``: missed, shifted, halved, retyped quotes,
    wrong speakers, flipped stances."""
    rng = random.Random(seed)
    predictions = []
    for document in gold:
        quotes = [_perturbed_quote(q, document.text, rng) for q in document.quotes]
        kept = _distinct(q for q in quotes if q is not None)
        ids = {q.id for q in kept}
        linked = {q.source: q.speaker for q in kept if q.source is not None}
        mentions = tuple(  # a wrong speaker is a source mention linked to the wrong entity
            m.model_copy(update={"entity": linked.get(m.id) or m.entity}) for m in document.mentions
        )
        stances = tuple(
            s.model_copy(update={"label": rng.choice(STANCE_LABELS), "score": 0.5})
            for s in document.stances
            if s.quote in ids
        )
        annotation = Annotation(
            annotator="synthetic", origin="extractor", extractor="synthetic.v1", version="1"
        )
        predictions.append(
            document.model_copy(
                update={
                    "mentions": mentions,
                    "quotes": kept,
                    "stances": stances,
                    "annotation": annotation,
                }
            )
        )
    return predictions


def quotes_only(documents: Sequence[Document]) -> list[Document]:
    """The documents with nothing but their quotes' type and content: a system that predicts
    no cue, speaker or stance."""
    return [
        Document(
            id=d.id,
            text=d.text,
            annotation=d.annotation,
            quotes=tuple(Quote(id=q.id, type=q.type, content=q.content) for q in d.quotes),
        )
        for d in documents
    ]
