"""The packaged gold corpus."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .load import load_documents
from .model import Document

__all__ = ["gold_path", "load_gold"]


def gold_path() -> Path:
    """Where the packaged gold collection (JSON Lines) lies."""
    return Path(str(resources.files(__package__) / "data" / "gold.jsonl"))


def load_gold() -> list[Document]:
    """The gold documents, checked; raises ``InvalidData`` if the packaged file was broken."""
    return load_documents(gold_path())
