"""Annotation conventions: what a corpus counts as a quote, and where its spans end.

A convention is part of the data contract: gold and predictions are only comparable under
the same one. Each is a named, versioned object in ``conventions`` (a registry open to other
packages through the entry-point group ``quotebench.conventions``); its rules, each with a
hand-written example, are in ``annotation/CONVENTIONS.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from quotebench.registry import Registry

__all__ = ["CONVENTION_GROUP", "Convention", "conventions", "get_convention"]

CONVENTION_GROUP = "quotebench.conventions"
Acts = Literal["speech", "attribution"]
Continuation = Literal["segment", "quote"]


@dataclass(frozen=True)
class Convention:
    """What a corpus annotates as a quote.

    Attributes:
        name: the versioned name, e.g. ``ggt.v1``.
        title: what it is, in a few words.
        acts: ``speech`` (reported speech and writing only) or ``attribution`` (also beliefs,
            intentions, perceptions and knowledge attributed to a source).
        continuation: a cue-less quoted sentence after "X said." is a further content
            ``segment`` of the same quote, or a ``quote`` of its own with the same speaker.
        marks_in_content: whether the quotation marks around direct content (and a comma
            before the closing mark) are part of the content.
        nested: whether attributions inside a quote's content are annotated as quotes.
    """

    name: str
    title: str
    acts: Acts
    continuation: Continuation
    marks_in_content: bool
    nested: bool

    def differences(self, other: Convention) -> list[str]:
        """The rules on which ``other`` differs from this convention, by name."""
        rules = ("acts", "continuation", "marks_in_content", "nested")
        return [rule for rule in rules if getattr(self, rule) != getattr(other, rule)]


conventions: Registry[Convention] = Registry(CONVENTION_GROUP)


def _register(convention: Convention) -> None:
    conventions.register(convention.name)(lambda: convention)


_register(
    Convention(
        "quotebench.v1",
        "quotebench's annotation guidelines (the seed gold)",
        acts="speech",
        continuation="segment",
        marks_in_content=False,
        nested=True,
    )
)
_register(
    Convention(
        "polnear.v1",
        "PolNeAR (PARC 3.0 style attribution)",
        acts="attribution",
        continuation="segment",
        marks_in_content=True,
        nested=True,
    )
)
_register(
    Convention(
        "ggt.v1",
        "GenderGapTracker's evaluation annotation",
        acts="speech",
        continuation="quote",
        marks_in_content=True,
        nested=False,
    )
)


def get_convention(name: str) -> Convention:
    """The registered convention ``name``; raises ``UnusableInput`` naming the known ones."""
    from .problems import UnusableInput

    try:
        return conventions.create(name)
    except KeyError as error:
        raise UnusableInput(str(error.args[0])) from None
