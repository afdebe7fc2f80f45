"""Training ``learned.v1`` on a gold collection: parse, tag, fit a CRF per candidate
regularisation, keep the one that scores best on the dev collection, write the folder.

The CRF is fitted by L-BFGS (python-crfsuite), which has no random step; the seed orders the
training sequences, which are first sorted by document id, so that the model depends on the
data and the seed, not on the order of the input file. One L-BFGS iteration is one pass over
the training data: an epoch, after which crfsuite scores the dev tokens (macro-F1 over the
tags). A candidate is chosen by the harness's ``quote.exact`` F1 on the dev collection.
"""

from __future__ import annotations

import json
import platform
import random
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pycrfsuite

from quotebench.baselines.common.marks import find_quoted
from quotebench.baselines.common.parsing import parse_documents
from quotebench.corpus import Document, UnusableInput
from quotebench.corpus.digests import collection_sha256
from quotebench.corpus.output import file_sha256

from .card import render_card
from .features import block_features, quote_states
from .labels import gold_tags
from .model import CARD_FILE, FORMAT, MODEL_FILE, LearnedModel, open_tagger

__all__ = ["Collection", "Epoch", "Settings", "train_model"]

SELECTION_METRIC = "quote.exact"
REPORTED = ("quote.exact", "quote.overlap@0.3", "quote.token", "cue.exact", "source.exact",
            "speaker_mention")  # fmt: skip
Epoch = Callable[[str, int, int, float | None], None]  # candidate, epoch, of, dev token F1


@dataclass(frozen=True)
class Settings:
    """How to train: L1 and candidate L2 weights, epochs, the seed, spaCy's batching."""

    c1: float = 0.05
    c2: tuple[float, ...] = (0.05, 0.2)
    epochs: int = 100
    seed: int = 0
    batch_size: int = 64
    n_process: int = 1


@dataclass(frozen=True)
class Collection:
    """A gold collection to learn from or select on: its name, documents and convention."""

    name: str
    documents: tuple[Document, ...]
    convention: str | None
    registered: str | None = None  # its registered corpus name, when it is one
    digests: tuple[bytes, ...] = ()  # of its file's lines as read, when read from one


@dataclass
class _Parsed:
    """What feeding a collection to the trainer left: its token and overlap counts and,
    when asked for (the dev collection, scored later), each document's blocks."""

    blocks: dict[str, list[tuple[int, Any]]] = field(default_factory=dict)
    tokens: int = 0
    overlapping: int = 0


def _feed(
    documents: Sequence[Document], settings: Settings, advance: Callable[[], None],
    append: Callable[[list[dict[str, Any]], list[str]], None], keep: bool = False,
) -> _Parsed:  # fmt: skip
    """Parse and tag ``documents`` in order, streaming each block's sequence to ``append``."""
    from quotebench.nlp import load_nlp

    parsed = _Parsed()
    stream = parse_documents(load_nlp(), documents, settings.batch_size, settings.n_process)
    for document, blocks in stream:
        if keep:
            parsed.blocks[document.id] = blocks
        states = quote_states(find_quoted(document.text), len(document.text))
        tagged = gold_tags(document, blocks)
        parsed.overlapping += tagged.overlapping
        for (offset, doc), tags in zip(blocks, tagged.tags, strict=True):
            if len(doc):
                append(block_features(doc, offset, states), tags)
                parsed.tokens += len(doc)
        advance()
    return parsed


class _Trainer(pycrfsuite.Trainer):
    """crfsuite's trainer; its log is parsed into each epoch's dev score, never printed."""

    on_epoch: Epoch
    epochs: int = 0
    candidate: str = ""
    curve: list[dict[str, Any]]

    def message(self, message: str) -> None:
        """Hear one piece of crfsuite's log."""
        if self.logparser.feed(message) != "iteration":
            return
        info = self.logparser.last_iteration
        score = info.get("avg_f1")
        self.curve.append({"epoch": info["num"], "loss": info["loss"], "dev_token_f1": score})
        self.on_epoch(self.candidate, info["num"], self.epochs, score)

    def fit(self, settings: Settings, c2: float, path: Path, holdout: bool) -> list[dict]:
        """Train with L2 weight ``c2`` into ``path``; returns each epoch's scores."""
        self.candidate, self.curve, self.epochs = f"c2={c2:g}", [], settings.epochs
        self.set_params({"c1": settings.c1, "c2": c2, "max_iterations": settings.epochs,
                         "feature.possible_transitions": True})  # fmt: skip
        self.train(str(path), holdout=1 if holdout else -1)
        return self.curve


def _dev_scores(
    weights: Path, card: dict[str, Any], dev: Collection, parsed: _Parsed
) -> dict[str, Any]:
    """The reported figures of the candidate ``weights`` on the (parsed) dev collection."""
    from quotebench.eval import evaluate

    from .extractor import LearnedExtractor

    extractor = LearnedExtractor(LearnedModel(weights.parent, card, open_tagger(weights)))
    preds = [extractor.annotate(d, parsed.blocks[d.id]) for d in dev.documents]
    metrics = evaluate(list(dev.documents), preds, resamples=1).data["metrics"]
    return {name: _f1(metrics.get(name)) for name in REPORTED}


def _f1(metric: dict[str, Any] | None) -> float | None:
    return None if metric is None else metric["all"]["f1"]


def _counts(collection: Collection, parsed: _Parsed) -> dict[str, Any]:
    return {
        "name": collection.name,
        "sha256": collection_sha256(collection.documents, collection.digests),
        "documents": len(collection.documents),
        "quotes": sum(len(d.quotes) for d in collection.documents),
        "tokens": parsed.tokens,
        "quotes_overlapping_another": parsed.overlapping,
    }


def _versions() -> dict[str, str]:
    from quotebench.nlp import model_name
    from quotebench.version import __version__

    spacy_model = model_name()
    return {"quotebench": __version__, "python": platform.python_version(),
            "python-crfsuite": version("python-crfsuite"), "spacy": version("spacy"),
            spacy_model: version(spacy_model.replace("_", "-"))}  # fmt: skip


def train_model(
    train: Collection,
    dev: Collection | None,
    folder: Path,
    settings: Settings,
    progress: Callable[[str, int], Callable[[], None]],
    on_epoch: Epoch,
) -> dict[str, Any]:
    """Train into the (new, empty) ``folder`` and return the model card.

    ``progress(what, total)`` gives the callable that advances a progress bar by one
    document; ``on_epoch`` hears each epoch's dev score. Raises ``UnusableInput`` when the
    training collection holds no quote, or the dev collection follows another convention.
    """
    _check(train, dev)
    started = time.perf_counter()
    trainer = _Trainer(verbose=False)
    trainer.on_epoch = on_epoch
    order = sorted(train.documents, key=lambda d: d.id)
    random.Random(settings.seed).shuffle(order)
    bar = progress(f"parsing {train.name}", len(order))
    parsed = _feed(order, settings, bar, trainer.append)
    dev_parsed = None
    if dev is not None:
        bar = progress(f"parsing {dev.name}", len(dev.documents))
        dev_documents = sorted(dev.documents, key=lambda d: d.id)
        dev_parsed = _feed(dev_documents, settings, bar, _holdout(trainer), keep=True)
    card = _card_head(train, dev, parsed, dev_parsed, settings)
    with tempfile.TemporaryDirectory(dir=folder) as scratch:
        candidates = []
        for c2 in settings.c2:
            path = Path(scratch) / f"c2-{c2:g}.crfsuite"
            curve = trainer.fit(settings, c2, path, holdout=dev_parsed is not None)
            scores = _dev_scores(path, card, dev, dev_parsed) if dev_parsed else None
            candidates.append({"c2": c2, "dev": scores, "epochs": curve, "path": path})
        chosen = max(candidates, key=_selection_score)  # the first of equals
        chosen["path"].rename(folder / MODEL_FILE)
    card["candidates"] = [{k: v for k, v in c.items() if k != "path"} for c in candidates]
    by = f"{SELECTION_METRIC} F1 on {dev.name}" if dev else "the first (no dev collection)"
    card["selected"] = {"c2": chosen["c2"], "by": by}
    card["dev_scores"] = chosen["dev"]
    card["training_seconds"] = round(time.perf_counter() - started, 1)
    _write_card(folder, card)
    return card


def _holdout(trainer: _Trainer) -> Callable[[list[dict[str, Any]], list[str]], None]:
    return lambda features, tags: trainer.append(features, tags, 1)


def _selection_score(candidate: dict[str, Any]) -> float:
    return (candidate["dev"] or {}).get(SELECTION_METRIC) or 0.0


def _write_card(folder: Path, card: dict[str, Any]) -> None:
    card["files"] = {MODEL_FILE: {"sha256": file_sha256(folder / MODEL_FILE)}}
    text = json.dumps(card, indent=2, ensure_ascii=False) + "\n"
    (folder / CARD_FILE).write_text(text, encoding="utf-8")
    (folder / "README.md").write_text(render_card(card), encoding="utf-8")


def _check(train: Collection, dev: Collection | None) -> None:
    if not any(d.quotes for d in train.documents):
        raise UnusableInput(f"{train.name}: holds no quote to learn from")
    if dev is not None and dev.convention != train.convention:
        raise UnusableInput(
            f"--dev {dev.name} follows {dev.convention}, the training collection"
            f" {train.convention}: select on a collection of the same convention"
        )


def _card_head(
    train: Collection, dev: Collection | None, parsed: _Parsed, dev_parsed: _Parsed | None,
    settings: Settings,
) -> dict[str, Any]:  # fmt: skip
    return {
        "format": FORMAT,
        "extractor": "learned.v1",
        "convention": train.convention,
        "training": {**_counts(train, parsed),
                     "corpora": [c.registered for c in (train, dev) if c and c.registered]},
        "dev": _counts(dev, dev_parsed) if dev and dev_parsed else None,
        "hyperparameters": {"algorithm": "crfsuite lbfgs", **asdict(settings),
                            "features": "baselines/learned/features.py"},
        "seed": settings.seed,
        "versions": _versions(),
    }  # fmt: skip
