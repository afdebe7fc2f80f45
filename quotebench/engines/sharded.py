"""Extraction shard by shard into a folder that a rerun resumes.

The output folder holds one ``<stem>.jsonl`` per input shard and ``MANIFEST``: the job
(extractor, version, convention, settings) and, per finished shard, its input's path and
sha256 and its counts, beside the ``files`` block every quotebench folder has. A shard is
skipped on a rerun when the manifest lists it with the same input sha256 and its output
file still has the recorded sha256. A worker writes each shard to a hidden ``.part`` file;
the client lists it in the manifest (rewritten atomically) and renames it into place, so a
killed job leaves only finished shards behind (part files are removed by the next run).

A worker process builds the extractor once (``_extractor``), as spaCy's pipeline is loaded
once per process; a document the extractor fails on is predicted alone, and one that still
fails becomes an empty prediction whose ``annotation.failures`` says why.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from quotebench.corpus import Document, UnusableInput
from quotebench.corpus.output import MANIFEST, file_sha256
from quotebench.extraction import build_extractor

from .shards import Shard, read_shard

__all__ = ["Job", "JobFolder", "ShardDone", "extract_shard"]

WRITER = "quotebench extract --engine dask"
PART = ".part"


@dataclass(frozen=True)
class Job:
    """What runs over every shard: the extractor, its convention and its settings, kept as
    plain values in name order (paths as text, ``None`` left out), the same on every worker
    and in the manifest."""

    extractor: str
    convention: str | None
    settings: tuple[tuple[str, Any], ...] = ()

    def __post_init__(self) -> None:
        given = ((k, str(v) if isinstance(v, Path) else v) for k, v in self.settings)
        object.__setattr__(
            self, "settings", tuple(sorted((k, v) for k, v in given if v is not None))
        )

    def build(self) -> Any:
        """The extractor, built once per process."""
        return _extractor(self)


@functools.lru_cache(maxsize=4)
def _extractor(job: Job) -> Any:
    return build_extractor(job.extractor, job.convention, **dict(job.settings))


@dataclass(frozen=True)
class ShardDone:
    """A finished shard: its input's path and sha256, its output's name and sha256, and the
    documents, quotes and documents with failures it holds."""

    input: str
    input_sha256: str
    output: str
    output_sha256: str
    documents: int
    quotes: int
    failed_documents: int


def extract_shard(job: Job, shard: Shard, folder: str) -> ShardDone:
    """Run ``job`` over ``shard`` into ``folder`` (see the module); runs on a worker.

    Raises ``InvalidData`` for a shard with an invalid line, ``UnusableInput`` for one that
    cannot be read.
    """
    extractor = job.build()
    target = Path(folder) / shard.output_name
    part = _part(target)
    documents = quotes = failed = 0
    try:
        with open(part, "w", encoding="utf-8", newline="\n") as out:
            for predicted in _predictions(extractor, list(read_shard(shard))):
                out.write(predicted.to_json() + "\n")
                documents, quotes = documents + 1, quotes + len(predicted.quotes)
                failed += bool(predicted.annotation.failures)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    input_sha256 = file_sha256(shard.path)
    return ShardDone(
        shard.path, input_sha256, target.name, file_sha256(part), documents, quotes, failed
    )


def _part(target: Path) -> Path:
    """Where a shard is written before the client takes it in."""
    return target.with_name(f".{target.name}{PART}")


def _predictions(extractor: Any, documents: list[Document]) -> Iterator[Document]:
    """The extractor over ``documents`` as one stream; if it fails, each document alone."""
    try:
        predicted = list(extractor.extract(documents))
    except Exception:
        predicted = [_alone(extractor, d) for d in documents]
    yield from predicted


def _alone(extractor: Any, document: Document) -> Document:
    try:
        (predicted,) = extractor.extract([document])
    except Exception as error:
        failure = f"{extractor.name} failed on this document: {type(error).__name__}: {error}"
        empty = Document(id=document.id, text=document.text, meta=document.meta)
        return empty.with_annotation(
            origin="extractor",
            extractor=extractor.name,
            version=extractor.version,
            failures=(failure,),
        )
    return predicted


class JobFolder:
    """The output folder of a job: what it holds, and its manifest kept up to date."""

    def __init__(self, folder: Path, job: Job, version: str) -> None:
        self.folder, self.job = folder, job
        self.header = {"extractor": job.extractor, "version": version, "convention": job.convention,
                       "settings": dict(job.settings)}  # fmt: skip
        self.done: dict[str, dict[str, Any]] = {}
        self._read()

    def _read(self) -> None:
        """Take over the shards a previous run of the same job finished; refuse a folder that
        holds anything else."""
        if not self.folder.exists():
            self.folder.mkdir(parents=True)
        self.remove_parts()
        manifest = _manifest(self.folder)
        present = sorted(p.name for p in self.folder.iterdir() if p.name != MANIFEST)
        if manifest is None:
            if present:
                raise UnusableInput(
                    f"{self.folder}: holds {present[0]}, which quotebench did not write there;"
                    " choose a new folder"
                )
            return
        if manifest.get("written_by") != WRITER or manifest.get("job") != self.header:
            raise UnusableInput(
                f"{self.folder}: holds the output of another job ({manifest.get('job')});"
                " choose a new folder"
            )
        listed = manifest.get("files", {})
        foreign = next((name for name in present if name not in listed), None)
        if foreign is not None:
            raise UnusableInput(
                f"{self.folder}: holds {foreign}, which quotebench did not write there"
            )
        self.done = {s["input"]: s for s in manifest.get("shards", [])}

    def remove_parts(self) -> None:
        """Remove the part files of shards that were not taken in."""
        for stale in self.folder.glob(f".*{PART}"):
            stale.unlink(missing_ok=True)

    def refuse_collisions(self, shards: list[Shard]) -> None:
        """Refuse a shard whose output a previous run wrote for another input."""
        owners = {entry["output"]: path for path, entry in self.done.items()}
        for shard in shards:
            owner = owners.get(shard.output_name, shard.path)
            if owner != shard.path:
                raise UnusableInput(
                    f"{shard.path}: its output {shard.output_name} in {self.folder} holds the"
                    f" predictions of {owner}; choose another folder"
                )

    def finished(self, shard: Shard) -> bool:
        """Whether a previous run finished ``shard`` on the same input, its output intact."""
        entry = self.done.get(shard.path)
        if entry is None:
            return False
        output = self.folder / entry["output"]
        return (
            output.is_file()
            and entry["input_sha256"] == file_sha256(shard.path)
            and entry["output_sha256"] == file_sha256(output)
        )

    def record(self, done: ShardDone) -> None:
        """Take in a finished shard: list it in the manifest (rewritten atomically), then
        rename its part file into place (a kill in between leaves a listed shard whose
        sha256 does not match: it is run again)."""
        self.done[done.input] = asdict(done)
        shards = sorted(self.done.values(), key=lambda s: s["output"])
        files = {s["output"]: {"sha256": s["output_sha256"]} for s in shards}
        manifest = {"written_by": WRITER, "job": self.header, "shards": shards, "files": files}
        staged = self.folder / f".{MANIFEST}{PART}"
        staged.write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
        os.replace(staged, self.folder / MANIFEST)
        target = self.folder / done.output
        os.replace(_part(target), target)


def _manifest(folder: Path) -> dict[str, Any] | None:
    try:
        value = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None
