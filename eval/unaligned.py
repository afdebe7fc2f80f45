"""Strings a system gave that did not become quotes: false positives, and the alignment rates.

A prediction aligned from strings (``quotebench align``) records each string in
``annotation.alignment``; one left ``unaligned``, or a ``duplicate`` of an earlier string's
characters, has no offsets, so content matching never sees it. Each is credited here as a
false positive of every quote content mode (not token-level: it touches no token) and of
``quote+<rule>`` for each scored speaker rule, in ``all`` and in its type's slice when the
system gave a type. Its unit is its document (the gold quote nearest the text's start when
quotes are the units).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from quotebench.corpus import Document
from quotebench.corpus.model import ALIGN_METHODS

from .columns import Tasks
from .matching import QUOTE_MODES
from .speakers import SPEAKER_RULES
from .units import Tally, Units

__all__ = ["alignment_counts", "alignment_rates", "score_unaligned"]


def score_unaligned(preds: Sequence[Document], units: Units, tally: Tally, tasks: Tasks) -> None:
    """Credit every string of ``preds`` that became no quote as a false positive."""
    names = [f"quote.{m}" for m in QUOTE_MODES]
    names += [f"quote+{rule}" for rule in SPEAKER_RULES if tasks.has(rule)]
    for k, pred in enumerate(preds):
        left = [a for a in pred.annotation.alignment if a.quote is None]
        if not left:
            continue
        unit = units.documents[k if units.kind == "document" else 0].position(0)
        for record in left:
            for slice_ in ("all", record.type) if record.type else ("all",):
                for name in names:
                    tally.add(f"{name}/{slice_}", unit, fp=1)


def alignment_counts(preds: Sequence[Document]) -> Counter[str]:
    """How many strings of ``preds`` each alignment method placed."""
    return Counter(a.method for p in preds for a in p.annotation.alignment)


def alignment_rates(methods: Counter[str]) -> dict[str, object] | None:
    """How strings were aligned (``alignment_counts``): counts per method and the share
    aligned (``None`` when no prediction was aligned from strings)."""
    total = sum(methods.values())
    if not total:
        return None
    aligned = total - methods["unaligned"] - methods["duplicate"]
    return {
        "strings": total,
        **{method: methods[method] for method in ALIGN_METHODS},
        "aligned_rate": round(aligned / total, 4),
    }
