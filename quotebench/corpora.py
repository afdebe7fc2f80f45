"""The corpora a benchmark scores against: registered ones by name, or any gold file.

``corpora`` is a registry like the extractors' (entry-point group ``quotebench.corpora``):
the packaged gold, PolNeAR by split and the GenderGapTracker's dev half, each knowing its
convention and the published figures measured on it. An external corpus is read from a
folder the user names (``--data-dir``); no default path is assumed. Any JSON Lines gold
collection is a corpus too, by its path.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from quotebench.corpus import (
    Collection,
    Document,
    InvalidData,
    Problem,
    Target,
    UnusableInput,
    load_collection,
    load_gold,
)
from quotebench.corpus.conventions import get_convention
from quotebench.corpus.digests import collection_sha256
from quotebench.registry import Registry

__all__ = ["CORPUS_GROUP", "Anchors", "Corpus", "CorpusSpec", "corpora", "load_corpus"]

CORPUS_GROUP = "quotebench.corpora"
Anchors = Mapping[str, Mapping[str, float]]  # system -> figure -> published value
Loader = Callable[[Path | None, Sequence[Target] | None], tuple[Document, ...]]


@dataclass(frozen=True)
class CorpusSpec:
    """A registered corpus: how to load it, its convention, published figures on it."""

    name: str
    description: str
    load: Loader
    convention: str | None = None
    anchors: Anchors = field(default_factory=dict)
    anchors_source: str = ""
    data_dir: str = ""  # what --data-dir must hold; empty when none is needed


@dataclass(frozen=True)
class Corpus:
    """The documents to score against and what they are: the registered corpus they are
    (``known_as``, by name or by content), their convention, the published figures."""

    name: str
    documents: tuple[Document, ...]
    description: str
    known_as: str | None = None
    path: Path | None = None
    convention: str | None = None
    anchors: Anchors = field(default_factory=dict)
    anchors_source: str = ""
    digests: tuple[bytes, ...] = ()  # of the lines of the file it was read from, as read

    @property
    def sha256(self) -> str:
        """The sha256 of the documents, as results.json records the gold's."""
        return collection_sha256(self.documents, self.digests)

    @property
    def collection(self) -> Collection:
        """The documents as the gold collection the harness scores against."""
        return Collection.of(self.name, self.documents, self.digests)


corpora: Registry[CorpusSpec] = Registry(CORPUS_GROUP, pattern=re.compile(r"^[a-z0-9][a-z0-9-]*$"))


def _register(spec: CorpusSpec) -> None:
    corpora.register(spec.name)(lambda: spec)


def _one_per_article(documents: Sequence[Document]) -> tuple[Document, ...]:
    chosen: dict[str, Document] = {}
    for document in documents:  # sorted by (id, annotator): the first annotator wins
        chosen.setdefault(document.id, document)
    return tuple(chosen.values())


def _polnear(split: str) -> Loader:
    def load(data_dir: Path | None, targets: Sequence[Target] | None) -> tuple[Document, ...]:
        from quotebench.corpus.brat import import_brat

        folder = (data_dir or Path()) / "data" / split
        if not folder.is_dir():
            raise UnusableInput(f"{folder}: no PolNeAR {split} split here (see --data-dir)")
        return _one_per_article(import_brat(folder, lenient=split == "train"))

    return load


def _ggt_dev(data_dir: Path | None, targets: Sequence[Target] | None) -> tuple[Document, ...]:
    path = (data_dir or Path()) / "dev.jsonl"
    if not path.is_file():
        raise UnusableInput(f"{path}: no GenderGapTracker dev half here (see --data-dir)")
    return tuple(d.with_convention("ggt.v1") for d in _gold_file(path, targets).documents)


POLNEAR_ANCHORS = {  # GenderGapTracker's protocol, PolNeAR test: overlap@0.3 F1
    "GenderGapTracker rule-based": {"all@0.3": 0.53, "quote_marks@0.3": 0.73},
    "textacy 0.13": {"all@0.3": 0.25, "quote_marks@0.3": 0.54},
}
GGT_ANCHORS = {  # GenderGapTracker's protocol on its evaluation articles' dev half
    "GenderGapTracker rule-based": {"all@0.3": 0.849, "all@0.8": 0.777, "quote_marks@0.3": 0.901,
                                    "quote_marks@0.8": 0.867, "speaker": 0.856},
    "textacy 0.13": {"all@0.3": 0.496, "all@0.8": 0.451, "quote_marks@0.3": 0.720,
                     "quote_marks@0.8": 0.702, "speaker": 0.616},
}  # fmt: skip
for _split in ("train", "dev", "test"):
    _register(CorpusSpec(
        f"polnear-{_split}", f"PolNeAR {_split}, one annotator per article (the first in sorted"
        " order)", _polnear(_split), "polnear.v1",
        POLNEAR_ANCHORS,
        "Asr et al., PLOS ONE 2021 (GenderGapTracker), measured on PolNeAR test"
        + ("" if _split == "test" else f", not on {_split}"),
        "a PolNeAR checkout (data/train, data/dev, data/test)",
    ))  # fmt: skip
_register(CorpusSpec(
    "ggt-dev", "GenderGapTracker evaluation articles, dev half", _ggt_dev, "ggt.v1", GGT_ANCHORS,
    "measured by the GenderGapTracker protocol on this dev half (the corpus's README)",
    "the GenderGapTracker folder holding dev.jsonl",
))  # fmt: skip
_register(CorpusSpec("gold", "the packaged gold corpus", lambda d, t: tuple(load_gold()),
                     "quotebench.v1"))  # fmt: skip


def load_corpus(
    name: str,
    data_dir: Path | None = None,
    targets: Sequence[Target] | None = None,
    convention: str | None = None,
) -> Corpus:
    """A registered corpus by name (external ones from ``data_dir``), or the gold collection
    at the path ``name`` (checked as ``validate`` checks it, one version per document).

    ``convention`` names a file's convention when its documents name none. Raises
    ``UnusableInput`` for an unknown corpus, a missing ``data_dir`` or a convention that
    contradicts the corpus's; ``InvalidData`` for an invalid collection.
    """
    if convention is not None:
        get_convention(convention)
    if name in corpora.names():
        return _registered(corpora.create(name), data_dir, targets, convention)
    path = Path(name)
    if path.suffix != ".jsonl" and not path.is_file():
        known = ", ".join(corpora.names())
        raise UnusableInput(f"--corpus {name!r}: expected one of {known} or a JSON Lines file")
    gold = _gold_file(path, targets)
    documents = gold.documents
    named = {d.annotation.convention for d in documents} - {None}
    chosen = convention or (named.pop() if len(named) == 1 else None)
    if convention and named - {convention}:
        raise UnusableInput(f"{path} follows {', '.join(sorted(named))}, not {convention}")
    known_as = "gold" if gold.sha256 == collection_sha256(load_gold()) else None
    about = f"{path} ({len(documents)} document(s))"
    return Corpus(str(path), documents, about, known_as, path, chosen, digests=gold.digests)


def _registered(
    spec: CorpusSpec,
    data_dir: Path | None,
    targets: Sequence[Target] | None,
    convention: str | None,
) -> Corpus:
    if spec.data_dir and data_dir is None:
        raise UnusableInput(f"--corpus {spec.name} reads {spec.data_dir}: give it with --data-dir")
    if convention and convention != spec.convention:
        raise UnusableInput(f"--corpus {spec.name} follows {spec.convention}, not {convention}")
    documents = spec.load(data_dir, targets)
    return Corpus(spec.name, documents, spec.description, spec.name, data_dir, spec.convention,
                  spec.anchors, spec.anchors_source)  # fmt: skip


def _gold_file(path: Path, targets: Sequence[Target] | None) -> Collection:
    """A gold collection for a benchmark: valid, one version per document, not an
    extractor's output."""
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
    return collection
