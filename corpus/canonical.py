"""The canonical form of a collection and its sha256: the same annotations in any order
(of lines, quotes, segments, stances) hash alike."""

from __future__ import annotations

import hashlib
import operator
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from .model import Document

__all__ = ["collection_sha256", "combined_sha256", "document_sha256"]


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


def document_sha256(document: Document) -> bytes:
    """The sha256 digest of one document in canonical form."""
    return hashlib.sha256(_canonical_json(document)).digest()


def combined_sha256(digests: Iterable[bytes]) -> str:
    """The collection hash from its documents' ``document_sha256`` digests, in any order."""
    digest = hashlib.sha256()
    for item in sorted(digests):
        digest.update(item)
    return digest.hexdigest()


def collection_sha256(documents: Iterable[Document]) -> str:
    """sha256 of a collection in canonical form: of the sorted digests of its documents, each
    with every list within it sorted.

    The same annotations in any order of lines, quotes, segments or stances hash alike, and a
    collection streamed document by document hashes with 32 bytes kept per document.
    """
    return combined_sha256(map(document_sha256, documents))
