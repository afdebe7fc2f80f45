"""Provenance for results files: content hashes, versions, the extractor, the run block."""

from __future__ import annotations

import datetime
import functools
import hashlib
import importlib.metadata
import operator
import subprocess
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from quotebench.corpus import Document
from quotebench.corpus.digests import collection_sha256
from quotebench.corpus.model import Annotation, Call
from quotebench.version import __version__

__all__ = [
    "PRODUCER_FIELDS",
    "calls_summary",
    "collection_sha256",
    "environment",
    "producer",
    "producer_of",
    "producer_row",
    "run_block",
]


PRODUCER_FIELDS = ("origin", "extractor", "version")
_annotation_of, _row = operator.attrgetter("annotation"), operator.attrgetter(*PRODUCER_FIELDS)


def producer(documents: Sequence[Document]) -> dict[str, str | list[str] | None]:
    """Origin, extractor and version from the documents' ``annotation`` (a list if they vary)."""
    return producer_of(set(map(_row, map(_annotation_of, documents))))


def producer_row(annotation: Annotation) -> tuple:
    """``(origin, extractor, version)`` of one document's annotation."""
    return _row(annotation)


def producer_of(values: Iterable[tuple]) -> dict[str, str | list[str] | None]:
    """``producer`` from the documents' ``(origin, extractor, version)`` (each once, or as
    often as it occurs)."""
    rows = list(values)
    return {name: _one_or_all(row[k] for row in rows) for k, name in enumerate(PRODUCER_FIELDS)}


def _one_or_all(values: Iterable[object]) -> Any:
    """The one distinct value among ``values`` (``None`` ignored), a sorted list of them if
    they vary, ``None`` if there is none."""
    distinct = sorted({str(v) for v in values if v is not None})
    return distinct[0] if len(distinct) == 1 else (distinct or None)


def calls_summary(calls: Sequence[Call]) -> dict[str, object] | None:
    """What the requests of a remote system (the documents' ``annotation.calls``) were:
    model, prompt and its sha256, temperature, how many, the tokens used and the latency when
    answered (``None`` when there was no request)."""
    if not calls:
        return None
    latencies = [c.latency for c in calls if c.latency is not None]
    summary: dict[str, object] = {
        name: _one_or_all(getattr(c, name) for c in calls)
        for name in ("model", "prompt", "prompt_sha256", "temperature")
    }
    summary["requests"] = len(calls)
    for name in ("prompt_tokens", "completion_tokens"):
        counts = [getattr(c, name) for c in calls if getattr(c, name) is not None]
        summary[name] = sum(counts) if counts else None
    summary["latency_seconds"] = None if not latencies else {
        "total": round(sum(latencies), 3),
        "mean": round(sum(latencies) / len(latencies), 3),
        "max": round(max(latencies), 3),
    }  # fmt: skip
    return summary


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
