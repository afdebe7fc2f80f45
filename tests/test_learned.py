"""``quotebench train`` and ``learned.v1``: trained on hand-written news in seconds, saved,
reloaded, deterministic, valid, scored by the benchmark; bad inputs refused by name."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from quotebench.baselines.learned import LearnedExtractor, load_model
from quotebench.baselines.learned.model import CARD_FILE, MODEL_FILE
from quotebench.corpus import Document, UnusableInput, write_documents
from quotebench.corpus.digests import collection_sha256
from quotebench.corpus.validate import check_document
from quotebench.eval import evaluate
from tests.cli import run
from tests.conftest import SHARED, require
from tests.learned_corpus import hand_written

TRAIN = hand_written(14, seed=1, prefix="train")
DEV = hand_written(4, seed=2, prefix="dev")
TEST = hand_written(6, seed=3, prefix="test")


def _train(tmp_path: Path, name: str, *extra: str, train=TRAIN, dev=DEV) -> Path:
    write_documents(tmp_path / "train.jsonl", train)
    write_documents(tmp_path / "dev.jsonl", dev)
    done = run("train", "--corpus", str(tmp_path / "train.jsonl"), "--dev",
               str(tmp_path / "dev.jsonl"), "--output", str(tmp_path / name), "--epochs", "25",
               *extra)  # fmt: skip
    assert done.code == 0, done.stderr
    return tmp_path / name


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _train(tmp_path_factory.mktemp("learned"), "model", "--c2", "0.01", "--c2", "1.0")


def _predict(folder: Path, documents: list[Document]) -> list[Document]:
    bare = [Document(id=d.id, text=d.text) for d in documents]
    return list(LearnedExtractor(folder).extract(bare))


def test_a_trained_model_finds_unseen_quotes_with_their_cues_and_sources(model_dir: Path):
    preds = _predict(model_dir, TEST)
    assert all(check_document(p, ()) == [] for p in preds)
    metrics = evaluate(TEST, preds, resamples=1).data["metrics"]
    assert metrics["quote.overlap@0.3"]["all"]["f1"] >= 0.9
    assert metrics["cue.exact"]["all"]["f1"] >= 0.8
    assert metrics["source.exact"]["all"]["f1"] >= 0.8
    assert {p.annotation.convention for p in preds} == {"quotebench.v1"}
    assert {q.type for p in preds for q in p.quotes} == {"direct", "indirect"}


def test_the_model_card_says_what_it_learned_from_and_how(model_dir: Path) -> None:
    card = json.loads((model_dir / CARD_FILE).read_text(encoding="utf-8"))
    assert card["training"]["sha256"] == collection_sha256(TRAIN)
    assert card["training"]["quotes"] == sum(len(d.quotes) for d in TRAIN)
    assert card["dev"]["documents"] == len(DEV) and card["convention"] == "quotebench.v1"
    assert [c["c2"] for c in card["candidates"]] == [0.01, 1.0]
    chosen = max(card["candidates"], key=lambda c: c["dev"]["quote.exact"])
    assert card["selected"]["c2"] == chosen["c2"] and card["dev_scores"] == chosen["dev"]
    epochs = card["candidates"][0]["epochs"]
    assert [e["epoch"] for e in epochs] == list(range(1, len(epochs) + 1))
    assert epochs and all(0.0 <= e["dev_token_f1"] <= 1.0 for e in epochs)
    assert {"python-crfsuite", "spacy", "quotebench"} <= set(card["versions"])
    assert card["seed"] == 0 and card["training_seconds"] > 0
    assert "quote.exact" in (model_dir / "README.md").read_text(encoding="utf-8")


def test_same_seed_and_data_give_the_same_model_whatever_the_input_order(
    tmp_path: Path, model_dir: Path
) -> None:
    again = _train(tmp_path, "again", "--c2", "0.01", "--c2", "1.0", train=TRAIN[::-1])
    assert (again / MODEL_FILE).read_bytes() == (model_dir / MODEL_FILE).read_bytes()
    assert _predict(again, TEST) == _predict(model_dir, TEST)
    other = _train(tmp_path, "other", "--seed", "7", "--c2", "0.01", "--c2", "1.0")
    assert json.loads((other / CARD_FILE).read_text(encoding="utf-8"))["seed"] == 7


def test_extract_and_benchmark_use_the_model_folder(tmp_path: Path, model_dir: Path) -> None:
    write_documents(tmp_path / "test.jsonl", TEST)
    done = run("extract", "--extractor", "learned.v1", "--model", str(model_dir), "--input",
               str(tmp_path / "test.jsonl"), "--output", str(tmp_path / "pred.jsonl"))  # fmt: skip
    assert done.code == 0, done.stderr
    done = run("benchmark", "--corpus", str(tmp_path / "test.jsonl"), "--model", str(model_dir),
               "--output-dir", str(tmp_path / "bench"), "--json")  # fmt: skip
    board = json.loads(done.stdout)
    assert board["extractors"]["learned.v1"]["convention"]["followed"] == "quotebench.v1"
    assert "learned.v1" not in board["not_run"]


def test_the_benchmark_says_how_to_train_a_model_when_none_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUOTEBENCH_MODELS", str(tmp_path / "models"))
    done = run("benchmark", "--output-dir", str(tmp_path / "bench"), "--json")
    assert done.code == 0, done.stderr
    reason = json.loads(done.stdout)["not_run"]["learned.v1"]
    assert str(tmp_path / "models" / "learned.v1") in reason and "quotebench train" in reason
    assert "learned.v1" not in json.loads(done.stdout)["extractors"]


def _corrupt(folder: Path, what: str) -> None:
    if what == "no card":
        (folder / CARD_FILE).unlink()
    elif what == "malformed card":
        (folder / CARD_FILE).write_text('{"format": ', encoding="utf-8")
    elif what == "another version":
        card = json.loads((folder / CARD_FILE).read_text(encoding="utf-8"))
        (folder / CARD_FILE).write_text(json.dumps({**card, "format": "learned/0"}))
    elif what == "no weights":
        (folder / MODEL_FILE).unlink()
    else:
        with open(folder / MODEL_FILE, "r+b") as handle:
            handle.seek(100)
            handle.write(b"\0" * 8)


@pytest.mark.parametrize(("what", "file", "message"), [
    ("no card", CARD_FILE, "missing"), ("malformed card", CARD_FILE, "corrupt"),
    ("another version", CARD_FILE, "retrain"), ("no weights", MODEL_FILE, "missing"),
    ("damaged weights", MODEL_FILE, "sha256"),
])  # fmt: skip
def test_a_broken_model_folder_is_refused_naming_the_file(
    tmp_path: Path, model_dir: Path, what: str, file: str, message: str
) -> None:
    folder = tmp_path / "model"
    shutil.copytree(model_dir, folder)
    _corrupt(folder, what)
    with pytest.raises(UnusableInput, match=message):
        load_model(folder)
    write_documents(tmp_path / "test.jsonl", TEST[:1])
    done = run("extract", "--extractor", "learned.v1", "--model", str(folder), "--input",
               str(tmp_path / "test.jsonl"), "--output", str(tmp_path / "pred.jsonl"))  # fmt: skip
    assert done.code == 2 and str(folder / file) in done.stderr
    assert not (tmp_path / "pred.jsonl").exists()


def test_a_collection_without_quotes_is_refused(tmp_path: Path) -> None:
    bare = [d.model_copy(update={"quotes": (), "mentions": (), "entities": ()}) for d in TRAIN]
    write_documents(tmp_path / "bare.jsonl", bare)
    done = run("train", "--corpus", str(tmp_path / "bare.jsonl"), "--output",
               str(tmp_path / "model"), "--epochs", "2")  # fmt: skip
    assert done.code == 2 and "holds no quote to learn from" in done.stderr
    assert not (tmp_path / "model").exists()


def test_quotes_inside_another_quote_are_counted_not_hidden(tmp_path: Path) -> None:
    first = TRAIN[0]
    outer = first.quotes[0]
    inner = outer.model_copy(update={"id": "q-inner", "cue": (), "content": (
        outer.content[0].model_copy(update={"end": outer.content[0].start + 8,
                                            "text": outer.content[0].text[:8]}),)})  # fmt: skip
    nested = first.model_copy(update={"quotes": (*first.quotes, inner)})
    model = _train(tmp_path, "model", train=[nested, *TRAIN[1:]])
    card = json.loads((model / CARD_FILE).read_text(encoding="utf-8"))
    assert card["training"]["quotes_overlapping_another"] == 1


def test_a_dev_collection_of_another_convention_is_refused(tmp_path: Path) -> None:
    other = [d.with_convention("ggt.v1") for d in DEV]
    write_documents(tmp_path / "train.jsonl", TRAIN)
    write_documents(tmp_path / "dev.jsonl", other)
    done = run("train", "--corpus", str(tmp_path / "train.jsonl"), "--dev",
               str(tmp_path / "dev.jsonl"), "--output", str(tmp_path / "m"))  # fmt: skip
    assert done.code == 2 and "same convention" in done.stderr


def test_polnear_train_articles_through_the_registered_corpus(tmp_path: Path) -> None:
    polnear = SHARED / "external" / "polnear" / "data"
    require(polnear.is_dir(), "PolNeAR is absent (../shared/external/polnear)")
    for split, count in (("train", 3), ("dev", 1)):
        for part in ("text", "attributions"):
            (tmp_path / "data" / split / part).mkdir(parents=True)
        for text in sorted((polnear / split / "text").glob("*.txt"))[:count]:
            (tmp_path / "data" / split / "text" / text.name).symlink_to(text)
            for ann in (polnear / split / "attributions").glob(f"{text.stem}_*.ann"):
                (tmp_path / "data" / split / "attributions" / ann.name).symlink_to(ann)
    done = run("train", "--corpus", "polnear-train", "--polnear-dir", str(tmp_path), "--output",
               str(tmp_path / "model"), "--epochs", "5")  # fmt: skip
    assert done.code == 0, done.stderr
    card = json.loads((tmp_path / "model" / CARD_FILE).read_text(encoding="utf-8"))
    assert card["convention"] == "polnear.v1" and card["training"]["documents"] == 3
    assert card["training"]["corpora"] == ["polnear-train", "polnear-dev"]
    assert card["dev"]["name"] == "polnear-dev" and card["dev_scores"]["quote.exact"] is not None
