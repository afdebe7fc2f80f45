"""The tally's vocabulary: slices, the scored tasks and the column of every count."""

from __future__ import annotations

from dataclasses import dataclass

from quotebench.corpus import QUOTE_TYPES, STANCE_LABELS

from .matching import QUOTE_MODES
from .speakers import SPEAKER_RULES
from .stance import STANCE_SETTINGS

__all__ = ["ANCHOR_MODE", "COMPONENTS", "CUE_MODES", "SLICES", "Tasks", "columns"]

SLICES = ("all", *QUOTE_TYPES)
ANCHOR_MODE = "overlap@0.3"  # the matching that speakers and end-to-end stance build on
CUE_MODES = ("exact", ANCHOR_MODE)  # for cues and source mentions alike
COMPONENTS = ("cue", "source")  # the parts of a quote scored as spans of their own


@dataclass(frozen=True)
class Tasks:
    """Which optional tasks are scored: names from ``cue``, the speaker rules, the settings."""

    scored: frozenset[str]

    def has(self, task: str) -> bool:
        """Whether ``task`` is scored."""
        return task in self.scored


def columns(tasks: Tasks) -> list[str]:
    """Every tally column of the scored tasks, in a fixed order."""
    names = [f"quote.{m}" for m in QUOTE_MODES] + ["quote.token"]
    for component in (c for c in COMPONENTS if tasks.has(c)):
        names += [f"{component}.{m}" for m in CUE_MODES]
    for rule in (r for r in SPEAKER_RULES if tasks.has(r)):
        names += [rule, f"quote+{rule}"]
    flat = [f"{n}/{s}" for n in names for s in SLICES]
    for setting in (s for s in STANCE_SETTINGS if tasks.has(s)):
        flat += [f"stance.{setting}/{s}/{label}" for s in SLICES for label in STANCE_LABELS]
    return flat
