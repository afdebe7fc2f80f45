"""Speaker attribution on matched quotes: three rules, each its own named metric."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from quotebench.corpus import Document

from .spans import Intervals, intervals, overlaps

__all__ = ["SPEAKER_RULES", "Attribution", "attributions", "normalise_name", "speaker_correct"]

SPEAKER_RULES = ("speaker_mention", "speaker_entity", "speaker_name")
_NOT_WORD = re.compile(r"[\W_]+")


@functools.lru_cache(maxsize=4096)
def normalise_name(name: str) -> str:
    """NFKD without accents, case-folded, punctuation dropped, whitespace collapsed (names
    recur across documents: results are cached)."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_NOT_WORD.sub(" ", bare.casefold()).split())


@dataclass(frozen=True)
class Attribution:
    """What a quote says of its speaker: the source mention, the speaker's mentions and name."""

    source: Intervals | None
    speaker_given: bool
    speaker_mentions: tuple[Intervals, ...]
    speaker_name: str | None

    def given(self, rule: str) -> bool:
        """Whether the quote answers the rule's question (a source mention, or a speaker)."""
        return self.source is not None if rule == "speaker_mention" else self.speaker_given


def attributions(document: Document) -> list[Attribution]:
    """The ``Attribution`` of each quote of ``document``, in order."""
    mentions = {m.id: intervals([m]) for m in document.mentions}
    by_entity: dict[str, list[Intervals]] = {}
    for mention in document.mentions:
        by_entity.setdefault(mention.entity, []).append(mentions[mention.id])
    names = {e.id: normalise_name(e.name) for e in document.entities}
    return [
        Attribution(
            mentions.get(q.source) if q.source is not None else None,
            q.speaker is not None,
            tuple(by_entity.get(q.speaker, ())) if q.speaker is not None else (),
            names.get(q.speaker) if q.speaker is not None else None,
        )
        for q in document.quotes
    ]


def speaker_correct(rule: str, gold: Attribution, pred: Attribution) -> bool:
    """Whether the prediction gets the gold speaker right under ``rule``.

    ``speaker_mention``: the source mentions overlap; ``speaker_entity``: a mention of the
    predicted speaker overlaps a mention of the gold speaker (a gold speaker without any
    mention falls back to the name rule); ``speaker_name``: the normalised names are equal.
    Neither side answering counts as correct, one side only as wrong.
    """
    if gold.given(rule) != pred.given(rule):
        return False
    if not gold.given(rule):
        return True
    if rule == "speaker_mention":
        return (
            gold.source is not None
            and pred.source is not None
            and overlaps(gold.source, pred.source)
        )
    if rule == "speaker_entity" and gold.speaker_mentions:
        return any(overlaps(a, b) for a in gold.speaker_mentions for b in pred.speaker_mentions)
    return gold.speaker_name is not None and gold.speaker_name == pred.speaker_name
