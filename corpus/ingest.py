"""Plain-text articles into un-annotated documents, text kept byte for byte."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from pathlib import Path

from .jsonl import read_utf8
from .model import ID_PATTERN, Annotation, Document, Meta
from .problems import InvalidData, Problem, UnusableInput

__all__ = ["META_FIELDS", "ingest_file"]

META_FIELDS = tuple(name for name in Meta.model_fields if name not in {"sha256", "extra"})


def ingest_file(path: str | Path, doc_id: str, meta: Mapping[str, str] | None = None) -> Document:
    """Read a UTF-8 article and return it as a document with no annotations.

    Args:
        path: the article; its bytes must decode as UTF-8 and hold some non-blank text.
        doc_id: the document's id.
        meta: metadata; keys of ``Meta`` fill those fields, any other key goes to ``extra``.
    Raises:
        UnusableInput: the file cannot be opened or ``doc_id`` is not a valid id.
        InvalidData: the file is not UTF-8 or holds no text.
    """
    name = str(path)
    if not re.fullmatch(ID_PATTERN, doc_id):
        raise UnusableInput(f"--id {doc_id!r}: an id is one line, not blank, not padded")
    data, text = read_utf8(path, name, doc_id, "text")
    if not text.strip():
        raise InvalidData([Problem(name, None, doc_id, "text", "the article holds no text")])
    return Document(
        id=doc_id,
        text=text,
        meta=_meta(name, hashlib.sha256(data).hexdigest(), meta or {}),
        annotation=Annotation(origin="import"),
    )


def _meta(source_file: str, sha256: str, given: Mapping[str, str]) -> Meta:
    fixed = {k: v for k, v in given.items() if k in META_FIELDS}
    extra = {k: v for k, v in given.items() if k not in META_FIELDS and k != "sha256"}
    return Meta(**{"source_file": source_file, **fixed}, sha256=sha256, extra=extra)
