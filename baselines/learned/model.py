"""The model folder of ``learned.v1``: the CRF's weights and a model card, checked on load.

A folder holds ``model.crfsuite`` (the weights), ``model.json`` (the card: what it was
trained on, how, and what it scored, with the sha256 of the weights) and ``README.md`` (the
card for a reader). The default folder is ``$QUOTEBENCH_MODELS/learned.v1``, else
``$XDG_CACHE_HOME/quotebench/models/learned.v1`` (``~/.cache`` when that is unset).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quotebench.corpus import InvalidData, UnusableInput
from quotebench.corpus.jsonl import read_json_file
from quotebench.corpus.output import file_sha256
from quotebench.extraction import ModelMissing

__all__ = [
    "CARD_FILE",
    "FORMAT",
    "MODEL_FILE",
    "LearnedModel",
    "default_model_dir",
    "load_model",
    "open_tagger",
    "train_hint",
]

FORMAT = "quotebench.learned.v1/1"  # the extractor and the layout of its folder
MODEL_FILE = "model.crfsuite"
CARD_FILE = "model.json"
_REQUIRED = ("format", "convention", "training", "files")


def default_model_dir() -> Path:
    """Where ``learned.v1`` looks for its model when none is named."""
    models = os.environ.get("QUOTEBENCH_MODELS")
    if models:
        return Path(models) / "learned.v1"
    cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache) / "quotebench" / "models" / "learned.v1"


def train_hint(folder: Path) -> str:
    """The command that trains a model into ``folder``."""
    return f"quotebench train --corpus polnear-train --data-dir POLNEAR --output {folder}"


@dataclass(frozen=True)
class LearnedModel:
    """A loaded model folder: its card and its CRF tagger."""

    folder: Path
    card: dict[str, Any]
    tagger: Any

    @property
    def convention(self) -> str | None:
        """The convention of the corpus the model learned from."""
        return self.card["convention"]


def _card(folder: Path) -> dict[str, Any]:
    path = folder / CARD_FILE
    if not path.is_file():
        raise UnusableInput(f"{path}: missing: {folder} is not a learned.v1 model folder")
    try:
        card = read_json_file(path)
    except InvalidData as error:
        raise UnusableInput(f"{path}: corrupt: {error.problems[0].message}") from None
    if not isinstance(card, dict) or card.get("format") != FORMAT:
        found = card.get("format") if isinstance(card, dict) else None
        raise UnusableInput(
            f"{path}: a model of format {found!r}, not {FORMAT!r}: retrain it with this quotebench"
        )
    missing = [key for key in _REQUIRED if key not in card]
    if missing:
        raise UnusableInput(f"{path}: corrupt: no {', '.join(missing)}")
    return card


def load_model(folder: str | Path | None = None) -> LearnedModel:
    """The model in ``folder`` (default: ``default_model_dir()``), its weights checked
    against the card's sha256.

    Raises ``UnusableInput`` naming the file when the folder is missing (``ModelMissing``
    when none was named), was written by another version, or a file is missing or corrupt.
    """
    named = folder is not None
    folder = Path(folder) if folder is not None else default_model_dir()
    if not folder.is_dir():
        missing = UnusableInput if named else ModelMissing
        raise missing(f"{folder}: no learned.v1 model here; train one: {train_hint(folder)}")
    card = _card(folder)
    weights = folder / MODEL_FILE
    if not weights.is_file():
        raise UnusableInput(f"{weights}: missing")
    expected = card["files"].get(MODEL_FILE, {}).get("sha256")
    if file_sha256(weights) != expected:
        raise UnusableInput(f"{weights}: corrupt: its sha256 is not the one {CARD_FILE} records")
    return LearnedModel(folder, card, open_tagger(weights))


def open_tagger(weights: Path) -> Any:
    """A CRF tagger over the weights file; ``UnusableInput`` when crfsuite cannot read it."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    try:
        tagger.open(str(weights))
    except (OSError, ValueError) as error:
        raise UnusableInput(f"{weights}: corrupt: {error}") from None
    return tagger
