"""A sharded corpus: JSON Lines files (one document per line, ``id`` and ``text`` at least)
and Parquet files (``id`` and ``text`` columns), named by a folder or a glob pattern."""

from __future__ import annotations

import glob
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from quotebench.corpus import Document, InvalidData, Problem, UnusableInput, stream_documents
from quotebench.corpus.jsonl import model_or_problems

__all__ = ["FORMATS", "Shard", "count_documents", "find_shards", "read_shard"]

FORMATS = {".jsonl": "jsonl", ".parquet": "parquet"}


@dataclass(frozen=True)
class Shard:
    """One input file, its format and the name of its output shard (``<stem>.jsonl``)."""

    path: str
    format: str

    @property
    def output_name(self) -> str:
        """The file name of its predictions in the output folder."""
        return Path(self.path).stem + ".jsonl"


def find_shards(spec: str) -> list[Shard]:
    """The shards a folder (its ``.jsonl`` and ``.parquet`` files) or a glob pattern names,
    by absolute path, sorted.

    Raises ``UnusableInput`` when it names none, a file of another kind, or two shards whose
    outputs would share a name.
    """
    folder = Path(spec)
    found = (
        [p for p in folder.iterdir() if p.suffix in FORMATS] if folder.is_dir() else glob.glob(spec)
    )
    paths = sorted(str(Path(p).resolve()) for p in found)  # one spelling of each file
    if not paths:
        raise UnusableInput(f"{spec}: names no .jsonl or .parquet shard")
    shards: list[Shard] = []
    seen: dict[str, str] = {}
    for path in paths:
        suffix = Path(path).suffix
        if suffix not in FORMATS:
            raise UnusableInput(f"{path}: not a shard (.jsonl or .parquet)")
        shard = Shard(path, FORMATS[suffix])
        if shard.output_name in seen:
            raise UnusableInput(
                f"{path}: its output would be {shard.output_name}, as {seen[shard.output_name]}'s"
            )
        seen[shard.output_name] = path
        shards.append(shard)
    return shards


def read_shard(shard: Shard) -> Iterator[Document]:
    """The documents of ``shard``, streamed and checked as ``extract`` checks its input.

    Raises ``InvalidData`` at the first line (or row) with a problem, ``UnusableInput``
    when it cannot be opened.
    """
    if shard.format == "jsonl":
        yield from stream_documents(shard.path)
    else:
        yield from _parquet_documents(shard.path)


def _parquet_file(path: str):  # type: ignore[no-untyped-def]
    import pyarrow.parquet as pq

    try:
        return pq.ParquetFile(path)
    except (OSError, ValueError) as error:
        raise UnusableInput(f"{path}: cannot read as Parquet: {error}") from None


def _parquet_documents(path: str) -> Iterator[Document]:
    """Rows of a Parquet file as documents: row ``n`` is reported as line ``n`` (from 1)."""
    handle = _parquet_file(path)
    missing = {"id", "text"} - set(handle.schema_arrow.names)
    if missing:
        raise InvalidData([Problem(path, None, None, f, "no such column") for f in sorted(missing)])
    row, seen = 0, {}
    for batch in handle.iter_batches(columns=["id", "text"], batch_size=1024):
        for values in batch.to_pylist():
            row += 1
            document = model_or_problems(Document, path, row, values, "a row")
            if isinstance(document, list):
                raise InvalidData(document)
            if document.id in seen:
                message = f"duplicate id (first on row {seen[document.id]})"
                raise InvalidData([Problem(path, row, document.id, "id", message)])
            seen[document.id] = row
            yield document


def count_documents(shard: Shard) -> int:
    """How many documents ``shard`` holds (non-blank lines, or rows)."""
    if shard.format == "parquet":
        return _parquet_file(shard.path).metadata.num_rows
    try:
        with open(shard.path, "rb") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError as error:
        raise UnusableInput(f"{shard.path}: cannot open: {error.strerror or error}") from None
