"""Provenance for results files: content hashes, versions, the extractor, the run block."""

from __future__ import annotations

import datetime
import functools
import hashlib
import importlib.metadata
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

from quotebench.corpus import Document
from quotebench.corpus.canonical import collection_sha256
from quotebench.version import __version__

__all__ = ["collection_sha256", "environment", "producer", "run_block"]


def producer(documents: Sequence[Document]) -> dict[str, str | list[str] | None]:
    """Origin, extractor and version from the documents' ``annotation`` (a list if they vary)."""
    out: dict[str, str | list[str] | None] = {}
    for name in ("origin", "extractor", "version"):
        values = sorted(
            {
                str(getattr(d.annotation, name))
                for d in documents
                if getattr(d.annotation, name) is not None
            }
        )
        out[name] = values[0] if len(values) == 1 else (values or None)
    return out


def _distribution(name: str) -> tuple[str | None, str | None]:
    """Version and sha256 of the RECORD (the installed wheel's file hashes) of a package."""
    try:
        dist = importlib.metadata.distribution(name)
    except importlib.metadata.PackageNotFoundError:
        return None, None
    record = dist.read_text("RECORD")
    sha = hashlib.sha256(record.encode("utf-8")).hexdigest() if record else None
    return dist.version, sha


@functools.lru_cache(maxsize=1)
def _environment() -> tuple[tuple[str, object], ...]:
    from quotebench.nlp import model_name

    model = model_name()
    model_version, record_sha = _distribution(model)
    return (
        ("quotebench", __version__),
        ("spacy", _distribution("spacy")[0]),
        (
            "spacy_model",
            (("name", model), ("version", model_version), ("record_sha256", record_sha)),
        ),
    )


def environment() -> dict[str, object]:
    """quotebench and spaCy versions, and the spaCy model's name, version and wheel RECORD hash
    (read once per process)."""
    return {k: dict(v) if isinstance(v, tuple) else v for k, v in _environment()}


def _git_commit() -> str | None:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=Path(__file__).resolve().parent,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except OSError:
        return None
    return done.stdout.strip() or None if done.returncode == 0 else None


def run_block(command: str | None, durations: Mapping[str, float]) -> dict[str, object]:
    """What varies between runs: UTC date, command, git commit and durations in seconds."""
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    return {
        "date": now.isoformat(),
        "command": command,
        "git_commit": _git_commit(),
        "durations": {k: round(v, 3) for k, v in durations.items()},
    }
