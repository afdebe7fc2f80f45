"""Building a registered extractor, for a convention when one is asked for."""

from __future__ import annotations

import inspect
from typing import Any

from quotebench.corpus import UnusableInput
from quotebench.corpus.conventions import get_convention
from quotebench.registry import extractors

__all__ = ["ConventionUnsupported", "ModelMissing", "build_extractor"]


class ConventionUnsupported(UnusableInput):
    """An extractor asked to follow a convention it cannot follow."""


class ModelMissing(UnusableInput):
    """A trained extractor with no model at its default location (none was named)."""


def build_extractor(name: str, convention: str | None = None, **settings: Any) -> Any:
    """The registered extractor ``name`` following ``convention`` (``None``: its own way),
    given those ``settings`` its factory accepts.

    Raises ``UnusableInput`` when no extractor has that name or no such convention exists,
    ``ConventionUnsupported`` when the extractor cannot follow it.
    """
    try:
        factory = extractors.get(name)
    except KeyError as error:
        raise UnusableInput(str(error.args[0])) from None
    accepted = inspect.signature(factory).parameters
    chosen = {k: v for k, v in settings.items() if k in accepted}
    if convention is None:
        return factory(**chosen)
    get_convention(convention)
    if "convention" not in accepted:
        raise ConventionUnsupported(f"{name} takes no convention: it follows none of them")
    return factory(**chosen, convention=convention)
