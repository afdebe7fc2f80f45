"""Provenance for results files: content hashes, versions, the extractor, the run block."""

from __future__ import annotations

import datetime
import functools
import hashlib
import importlib.metadata
import operator
import subprocess
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from quotebench.corpus import Document
from quotebench.version import __version__

__all__ = ["collection_sha256", "environment", "producer", "run_block"]


_by_id = operator.attrgetter("id")
_by_offsets = operator.attrgetter("start", "end")


def _as_is(item: str) -> str:
    return item


# field -> (key of its items, {nested field: key of the nested items})
_ORDER: dict[str, tuple[Callable, dict[str, Callable]]] = {
    "entities": (_by_id, {"members": _as_is}),
    "mentions": (_by_id, {}),
    "quotes": (_by_id, {"content": _by_offsets, "cue": _by_offsets}),
    "stances": (_by_id, {"evidence": _by_offsets}),
    "non_quotes": (_by_offsets, {}),
}


def _in_order(items: Sequence, key: Callable) -> bool:
    """Whether sorting ``items`` by ``key`` (a stable sort) would leave them as they are."""
    if len(items) < 2:
        return True
    keys = list(map(key, items))
    return keys == sorted(keys)


def _with_sorted(item: Any, name: str, key: Callable) -> Any:
    """``item`` with its nested list ``name`` in canonical order; ``item`` itself when it is."""
    nested = getattr(item, name)
    if _in_order(nested, key):
        return item
    return item.model_copy(update={name: tuple(sorted(nested, key=key))})


def _sorted(items: tuple, key: Callable, nested: dict[str, Callable]) -> tuple:
    """``items`` in canonical order, each with its nested lists in canonical order too;
    ``items`` itself when already so (checked in bulk: few items have two nested entries)."""
    out = items
    for name, nested_key in nested.items():
        if max(map(len, map(operator.attrgetter(name), out)), default=0) > 1:
            out = tuple(_with_sorted(item, name, nested_key) for item in out)
    return out if _in_order(out, key) else tuple(sorted(out, key=key))


def _canonical_json(document: Document) -> bytes:
    """The document as UTF-8 JSON (the bytes of ``Document.to_json``) with every annotation list
    in a fixed order (ids, then offsets; unique in a valid document)."""
    updates = {}
    for field, (key, nested) in _ORDER.items():
        items = getattr(document, field)
        if items:
            ordered = _sorted(items, key, nested)
            if ordered is not items:
                updates[field] = ordered
    canonical = document.model_copy(update=updates) if updates else document
    return canonical.__pydantic_serializer__.to_json(canonical)


def collection_sha256(documents: Sequence[Document]) -> str:
    """sha256 of a collection in canonical form: documents, and every list within them, sorted.

    The same annotations in any order of lines, quotes, segments or stances hash alike. Lines
    are sorted as UTF-8 bytes, which is the order of their characters.
    """
    digest = hashlib.sha256()
    for line in sorted(map(_canonical_json, documents)):
        digest.update(line)
        digest.update(b"\n")
    return digest.hexdigest()


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
