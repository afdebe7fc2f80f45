"""JSON Lines collections: strict JSON per line, parsed into the data model; written safely.

The checked loader (``load``) builds on ``iter_raw_lines`` and ``parse_json_line``; commands
read through it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .model import Document
from .output import Inputs, output_file
from .problems import InvalidData, Problem, UnusableInput

__all__ = [
    "EMPTY_FILE",
    "field_path",
    "iter_json_lines",
    "iter_raw_lines",
    "loads_strict",
    "model_or_problems",
    "parse_json_line",
    "read_json_file",
    "read_line_at",
    "read_utf8",
    "scan_documents",
    "write_documents",
]

M = TypeVar("M", bound=BaseModel)
EMPTY_FILE = "the file holds no JSON lines"


class _NotJson(ValueError):
    """A value Python's ``json`` accepts but JSON does not: a repeated key, NaN, Infinity."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            raise _NotJson(f"the key {key!r} appears twice in one object")
        seen.add(key)
    return dict(pairs)


def _no_constant(name: str) -> None:
    raise _NotJson(f"{name} is not a JSON value")


def loads_strict(text: str | bytes) -> Any:
    """Parse JSON, refusing what JSON does not allow: repeated keys, NaN and Infinity.

    Raises ``ValueError`` (``json.JSONDecodeError`` for malformed text).
    """
    return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)


def iter_raw_lines(path: str | Path) -> Iterator[tuple[int, int, bytes]]:
    """Yield ``(line number, byte offset, bytes)`` for each non-blank line, streamed.

    Raises ``UnusableInput`` when the file cannot be opened.
    """
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, errors mapped first
    except OSError as error:
        raise UnusableInput(f"{path}: cannot open: {error.strerror or error}") from error
    offset = 0
    with handle:
        for number, raw in enumerate(handle, start=1):
            if raw.strip():
                yield number, offset, raw
            offset += len(raw)


def read_line_at(path: str | Path, offset: int) -> bytes:
    """The line of ``path`` that starts at byte ``offset``.

    Raises ``UnusableInput`` when the file cannot be read.
    """
    try:
        with open(path, "rb") as handle:
            handle.seek(offset)
            return handle.readline()
    except OSError as error:
        raise UnusableInput(f"{path}: cannot read: {error.strerror or error}") from error


def iter_json_lines(path: str | Path) -> Iterator[tuple[int, object | Problem]]:
    """Yield ``(line number, parsed JSON value or Problem)`` for each non-blank line.

    Streams the file; a line that is not UTF-8 or not JSON becomes a ``Problem``, and a
    file with no data line at all yields one ``Problem``. Raises ``UnusableInput`` when
    the file cannot be opened.
    """
    name = str(path)
    seen = False
    for number, _, raw in iter_raw_lines(path):
        seen = True
        yield number, parse_json_line(name, number, raw)
    if not seen:
        yield 0, Problem(name, None, None, None, EMPTY_FILE)


def parse_json_line(name: str, number: int, raw: bytes) -> object | Problem:
    """Line ``number`` of file ``name`` as a JSON value, or the ``Problem`` it has."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return Problem(name, number, None, None, f"not UTF-8 (byte {error.start}: {error.reason})")
    try:
        return loads_strict(line.strip())
    except json.JSONDecodeError as error:
        return Problem(
            name, number, None, None, f"malformed JSON: {error.msg} at column {error.colno}"
        )
    except ValueError as error:
        return Problem(name, number, None, None, f"not valid JSON: {error}")


def read_utf8(
    path: str | Path, name: str, doc_id: str | None = None, field: str | None = None
) -> tuple[bytes, str]:
    """A file's bytes and their UTF-8 text; ``name`` (and the document and field the text is
    for) is how problems call it.

    Raises ``UnusableInput`` when it cannot be read, ``InvalidData`` when it is not UTF-8.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise UnusableInput(f"{name}: cannot open: {error.strerror or error}") from error
    try:
        return data, data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = f"not UTF-8 (byte {error.start}: {error.reason})"
        raise InvalidData([Problem(name, line, doc_id, field, message)]) from None


def read_json_file(path: str | Path, name: str | None = None) -> object:
    """The JSON value in a UTF-8 file; ``name`` is how problems call the file.

    Raises ``UnusableInput`` when it cannot be read, ``InvalidData`` when it is not UTF-8
    or not JSON.
    """
    name = name or str(path)
    _, raw = read_utf8(path, name)
    try:
        return loads_strict(raw)
    except json.JSONDecodeError as error:
        problem = Problem(name, error.lineno, None, None, f"malformed JSON: {error.msg}")
        raise InvalidData([problem]) from None
    except ValueError as error:
        raise InvalidData([Problem(name, None, None, None, f"not valid JSON: {error}")]) from None


def field_path(loc: Iterable[object]) -> str:
    """Render a pydantic error location as ``quotes[2].content[0].start``."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else f".{part}" if path else str(part)
    return path


def model_or_problems(
    model: type[M], name: str, number: int, value: object, what: str = "a document"
) -> M | list[Problem]:
    """``value`` (line ``number`` of file ``name``) as a ``model``, or its problems, each
    naming the line, the ``id`` it holds and the field."""
    doc_id = value.get("id") if isinstance(value, dict) else None
    doc_id = doc_id if isinstance(doc_id, str) else None
    if not isinstance(value, dict):
        return [Problem(name, number, None, None, f"{what} must be a JSON object")]
    try:
        return model.model_validate_json(json.dumps(value))
    except ValidationError as error:
        return [
            Problem(name, number, doc_id, field_path(e["loc"]) or None, _message(e))
            for e in error.errors(include_url=False)
        ]


def _message(error: Mapping[str, Any]) -> str:
    value = error.get("input")
    if isinstance(value, str | int | float | bool) and error["type"] != "missing":
        return f"{error['msg']} (got {value!r})"
    return error["msg"]


def scan_documents(path: str | Path) -> Iterator[tuple[int, Document | list[Problem]]]:
    """Yield ``(line number, Document or its structural problems)`` for each line, streamed."""
    name = str(path)
    for number, value in iter_json_lines(path):
        if isinstance(value, Problem):
            yield number, [value]
        else:
            yield number, model_or_problems(Document, name, number, value)


def write_documents(path: str | Path, documents: Iterable[Document], inputs: Inputs = ()) -> int:
    """Write documents as JSON Lines through ``output.output_file`` (never onto one of
    ``inputs``, atomically); returns how many were written."""
    count = 0
    with output_file(path, inputs) as handle:
        for document in documents:
            handle.write(document.to_json() + "\n")
            count += 1
    return count
