"""The corpora a benchmark scores against: the packaged gold, PolNeAR's dev split, or any
validated JSON Lines gold collection a user names."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from quotebench.corpus import (
    Document,
    InvalidData,
    Problem,
    Target,
    UnusableInput,
    load_collection,
    load_gold,
)
from quotebench.corpus.canonical import collection_sha256

__all__ = ["CORPORA", "DEFAULT_POLNEAR", "Corpus", "load_corpus"]

CORPORA = ("gold", "polnear-dev")
DEFAULT_POLNEAR = Path("../shared/external/polnear")


@dataclass(frozen=True)
class Corpus:
    """The documents to score against, what they are, and which known corpus they are
    (``gold``, ``polnear-dev``; ``None`` for a user's own), by content."""

    name: str
    documents: tuple[Document, ...]
    description: str
    known_as: str | None = None
    path: Path | None = None

    @property
    def sha256(self) -> str:
        """The canonical sha256 of the documents (as results.json records the gold's)."""
        return collection_sha256(self.documents)


def load_corpus(
    name: str, polnear_dir: Path = DEFAULT_POLNEAR, targets: Sequence[Target] | None = None
) -> Corpus:
    """The packaged gold, PolNeAR's dev split (one annotator per article), or the gold
    collection at the path ``name`` (checked as ``validate`` checks it, one version per id).

    Raises ``UnusableInput`` for an unknown corpus or a PolNeAR folder without ``data/dev``;
    ``InvalidData`` for a collection that breaks the data model, repeats a document id or is
    an extractor's output.
    """
    if name == "gold":
        return Corpus(name, tuple(load_gold()), "the packaged gold corpus", "gold")
    if name == "polnear-dev":
        return _polnear_dev(Path(polnear_dir))
    path = Path(name)
    if path.suffix != ".jsonl" and not path.is_file():
        raise UnusableInput(
            f"--corpus {name!r}: expected one of {', '.join(CORPORA)} or a JSON Lines file"
        )
    return _own_corpus(path, targets)


def _polnear_dev(polnear_dir: Path) -> Corpus:
    from quotebench.corpus.brat import import_brat

    dev = polnear_dir / "data" / "dev"
    if not dev.is_dir():
        raise UnusableInput(f"{dev}: no PolNeAR dev split here (set --polnear-dir)")
    chosen: dict[str, Document] = {}
    for document in import_brat(dev):  # sorted by (id, annotator): the first annotator wins
        chosen.setdefault(document.id, document)
    about = "PolNeAR dev, one annotator per article (the first in sorted order)"
    return Corpus("polnear-dev", tuple(chosen.values()), about, "polnear-dev", dev)


def _own_corpus(path: Path, targets: Sequence[Target] | None) -> Corpus:
    from quotebench.eval.files import refuse_extractor_gold

    collection, _ = load_collection(path, targets)
    refuse_extractor_gold(collection)
    lines: dict[str, list[int]] = defaultdict(list)
    for line, document in collection.entries():
        lines[document.id].append(line)
    problems = [
        Problem(str(path), found[1], doc_id, "annotation.annotator",
                f"a second version of this document (first on line {found[0]}): a benchmark"
                " gold holds one version per document (quotebench annotate adjudicate)")
        for doc_id, found in lines.items()
        if len(found) > 1
    ]  # fmt: skip
    if problems:
        raise InvalidData(problems)
    documents = collection.documents
    gold_sha = collection_sha256(load_gold())
    known = "gold" if collection_sha256(documents) == gold_sha else None
    about = f"{path} ({len(documents)} document(s))"
    return Corpus(str(path), documents, about, known, path)
