"""The one checked way to read documents: every command reads collections through here.

A line is read as JSON (strictly: no repeated keys, no NaN), parsed into the data model, and
checked against every invariant (``validate.check_document``); a collection may hold each
``(id, annotator)`` once. Problems name file, line, document and field, as ``validate`` does.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .digests import collection_sha256, line_sha256
from .jsonl import EMPTY_FILE, iter_raw_lines, model_or_problems, parse_json_line
from .model import Document
from .problems import InvalidData, Problem, UnusableInput
from .targets import Target, load_targets
from .validate import check_document

__all__ = [
    "Collection",
    "checked_line",
    "checked_lines",
    "load_collection",
    "load_documents",
    "load_versions",
    "stream_documents",
    "validate_paths",
]


@dataclass(frozen=True)
class Collection:
    """Documents with the name of their file, the line each came from and, when read from a
    file, the digest of each line as read (``digests``)."""

    name: str
    documents: tuple[Document, ...]
    lines: tuple[int, ...]
    digests: tuple[bytes, ...] = ()

    @classmethod
    def of(
        cls, name: str, documents: Sequence[Document], digests: Sequence[bytes] = ()
    ) -> Collection:
        """A collection from memory: the line is the 1-based position; ``digests`` those of
        the lines the documents were read from, if they were."""
        return cls(name, tuple(documents), tuple(range(1, len(documents) + 1)), tuple(digests))

    @property
    def sha256(self) -> str:
        """The collection's sha256 (``digests``): of its lines as read, or, held in memory,
        of the lines quotebench writes for its documents."""
        return collection_sha256(self.documents, self.digests)

    def entries(self) -> list[tuple[int, Document]]:
        """``(line, document)`` pairs in input order."""
        return list(zip(self.lines, self.documents, strict=True))


def _target_ids(targets: Sequence[Target] | None) -> list[str]:
    return [t.id for t in (load_targets() if targets is None else targets)]


def checked_lines(
    path: str | Path, targets: Sequence[Target] | None = None
) -> Iterator[tuple[int, Document | None, list[Problem], bytes]]:
    """``(line, document or None, its problems, the line as read)`` for every line of a
    collection, streamed.

    ``targets`` is the stance-target inventory (the packaged one when ``None``). The
    document is ``None`` when the line is no document at all; a file without a data line
    yields one problem on line 0. Raises ``UnusableInput`` when the file cannot be opened.
    """
    name, ids = str(path), _target_ids(targets)
    versions: dict[tuple[str, str | None], int] = {}
    seen = False
    for line, _, raw in iter_raw_lines(path):
        seen = True
        document, problems = checked_line(name, line, raw, ids)
        if document is not None:
            key = (document.id, document.annotation.annotator)
            if key in versions:
                message = f"(id, annotator) {key} repeats line {versions[key]}"
                problems.append(Problem(name, line, document.id, "annotation.annotator", message))
            versions.setdefault(key, line)
        yield line, document, problems, raw
    if not seen:
        yield 0, None, [Problem(name, None, None, None, EMPTY_FILE)], b""


def _invariant_problems(name: str, line: int, document: Document, ids: list[str]) -> list[Problem]:
    return [Problem(name, line, document.id, f, m) for f, m in check_document(document, ids)]


def checked_line(
    name: str, number: int, raw: bytes, target_ids: list[str]
) -> tuple[Document | None, list[Problem]]:
    """Line ``number`` of file ``name`` as a document checked as ``checked_lines`` checks it
    (but for repeated ids, which need the whole file), and its problems; ``target_ids`` are
    the inventory's target ids."""
    value = parse_json_line(name, number, raw)
    if isinstance(value, Problem):
        return None, [value]
    item = model_or_problems(Document, name, number, value)
    if isinstance(item, list):
        return None, item
    return item, _invariant_problems(name, number, item, target_ids)


def load_collection(
    path: str | Path, targets: Sequence[Target] | None = None, *, lenient: bool = False
) -> tuple[Collection, list[Problem]]:
    """The valid documents of a file (with their lines) and the problems of the others.

    Raises ``InvalidData`` listing every problem unless ``lenient``; ``UnusableInput`` when
    the file cannot be opened.
    """
    documents: list[Document] = []
    lines: list[int] = []
    digests: list[bytes] = []
    problems: list[Problem] = []
    for line, document, found, raw in checked_lines(path, targets):
        problems += found
        if document is not None and not found:
            documents.append(document)
            lines.append(line)
            digests.append(line_sha256(raw))
    if problems and not lenient:
        raise InvalidData(problems)
    return Collection(str(path), tuple(documents), tuple(lines), tuple(digests)), problems


def load_documents(path: str | Path, targets: Sequence[Target] | None = None) -> list[Document]:
    """Every document of a valid collection; raises ``InvalidData`` listing every problem."""
    return list(load_collection(path, targets)[0].documents)


def stream_documents(
    path: str | Path, targets: Sequence[Target] | None = None
) -> Iterator[Document]:
    """The documents of a collection one at a time, for work that streams.

    Raises ``InvalidData`` at the first line with a problem (all of that line's problems).
    """
    for _, document, problems, _ in checked_lines(path, targets):
        if problems or document is None:
            raise InvalidData(problems)
        yield document


def load_versions(
    paths: Iterable[str | Path], targets: Sequence[Target] | None = None
) -> list[Document]:
    """The documents of several collections of annotators' versions, each checked, where
    the versions of one document share its text (sha256) and each ``(id, annotator)``
    appears once across all files.

    Raises ``InvalidData`` listing every problem; ``UnusableInput`` for an unreadable file
    or one given twice.
    """
    documents: list[Document] = []
    problems: list[Problem] = []
    first: dict[str, tuple[str, int, str]] = {}  # id -> (file, line, sha256)
    seen: dict[tuple[str, str | None], tuple[str, int]] = {}
    paths = list(paths)
    _refuse_repeated_files(paths)
    for path in paths:
        collection, found = load_collection(path, targets, lenient=True)
        problems += found
        for line, document in collection.entries():
            problems += _version_problems(str(path), line, document, first, seen)
            documents.append(document)
    if problems:
        raise InvalidData(problems)
    return documents


def _version_problems(
    name: str,
    line: int,
    document: Document,
    first: dict[str, tuple[str, int, str]],
    seen: dict[tuple[str, str | None], tuple[str, int]],
) -> list[Problem]:
    sha = hashlib.sha256(document.text.encode("utf-8")).hexdigest()
    where = first.setdefault(document.id, (name, line, sha))
    problems = []
    if where[2] != sha:
        message = f"text differs from the version at {where[0]}:{where[1]} (sha256 {sha[:12]}...)"
        problems.append(Problem(name, line, document.id, "text", message))
    key = (document.id, document.annotation.annotator)
    earlier = seen.setdefault(key, (name, line))
    if earlier != (name, line) and earlier[0] != name:  # repeats within a file: checked_lines
        message = f"annotator {key[1]!r} gave this document at {earlier[0]}:{earlier[1]} already"
        problems.append(Problem(name, line, document.id, "annotation.annotator", message))
    return problems


def _refuse_repeated_files(paths: list[str | Path]) -> None:
    for k, path in enumerate(paths):
        for other in paths[:k]:
            with contextlib.suppress(OSError):
                if os.path.samefile(path, other):
                    raise UnusableInput(f"{path}: given twice (as {other})")


def validate_paths(
    paths: Iterable[str | Path], targets: Sequence[Target] | None = None
) -> tuple[int, list[Problem]]:
    """Validate collections; returns (documents read, every problem found across them).

    Raises ``UnusableInput`` for a file that cannot be opened.
    """
    count, problems = 0, []
    for path in paths:
        for _, document, found, _ in checked_lines(path, targets):
            count += document is not None
            problems += found
    return count, problems
