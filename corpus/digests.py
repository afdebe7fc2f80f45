"""A collection's sha256: of its documents' digests, sorted, so that neither the order of its
lines nor how it is sharded changes it, and a stream is hashed at 32 bytes per document.

A document's digest is the sha256 of its JSON line: of the bytes as read from a file, or, for
a document in memory, of the line ``write_documents`` writes for it. A collection and the file
quotebench writes of it hash alike; a line that another writer spaced, ordered or escaped
otherwise is other bytes, and hashes otherwise.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from .model import Document

__all__ = ["collection_sha256", "combined_sha256", "document_sha256", "line_sha256"]


def line_sha256(raw: bytes) -> bytes:
    """The digest of the document read from line ``raw`` (its surrounding whitespace aside)."""
    return hashlib.sha256(raw.strip()).digest()


def document_sha256(document: Document) -> bytes:
    """The digest of a document in memory: that of the line quotebench writes for it."""
    return hashlib.sha256(document.__pydantic_serializer__.to_json(document)).digest()


def combined_sha256(digests: Iterable[bytes]) -> str:
    """The collection hash from its documents' digests, in any order."""
    digest = hashlib.sha256()
    for item in sorted(digests):
        digest.update(item)
    return digest.hexdigest()


def collection_sha256(documents: Iterable[Document], digests: Sequence[bytes] = ()) -> str:
    """The sha256 of a collection: from the ``digests`` of its lines as read when they are
    given, else of its documents held in memory."""
    return combined_sha256(digests or map(document_sha256, documents))
