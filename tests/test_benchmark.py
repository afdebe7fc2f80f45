"""``quotebench benchmark``: extractors and stance models scored by the harness, leaderboard."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

import quotebench.benchmark as bench
import quotebench.cli.benchmark as bench_cli
import quotebench.extraction as extraction
from quotebench.benchmark import run_benchmark
from quotebench.corpora import GGT_ANCHORS, POLNEAR_ANCHORS, corpora, load_corpus
from quotebench.corpus import (
    Annotation,
    Document,
    Quote,
    Span,
    UnusableInput,
    load_gold,
    load_targets,
    write_documents,
)
from quotebench.figures import quote_mark_only
from quotebench.registry import EXTRACTOR_GROUP, Registry
from tests.cli import run

ARTICLE = '"We stay," she said. He said that taxes fell.\n'


def _bound(ident: str, label: str, phrase: str, after: int = 0) -> str:
    start = ARTICLE.index(phrase, after)
    return f"{ident}\t{label} {start} {start + len(phrase)}\t{phrase}\n"


ANN = (
    _bound("T1", "Source", "she")
    + _bound("T2", "Cue", "said")
    + _bound("T3", "Content", '"We stay,"')
    + _bound("T0", "Attribution", "said")
    + "E1\tAttribution:T0 Content:T3 Cue:T2 Source:T1\n"
    + _bound("T4", "Source", "He")
    + _bound("T5", "Cue", "said", after=20)
    + _bound("T6", "Content", "that taxes fell")
    + _bound("T7", "Attribution", "said", after=20)
    + "E2\tAttribution:T7 Content:T6 Cue:T5 Source:T4\n"
)


class Copier:
    """A tiny extractor that answers with the reference annotation of each document."""

    name = "copier.v1"
    version = "1"

    def __init__(self, reference: Iterable[Document]) -> None:
        self.reference = {d.id: d for d in reference}

    def extract(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            found = self.reference[doc.id].model_copy(update={"stances": ()})
            yield found.model_copy(
                update={"annotation": Annotation(origin="extractor", extractor=self.name)}
            )


class Stranger:
    """A plug-in that answers with documents of other ids."""

    name = "stranger.v1"
    version = "1"

    def extract(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield Document(id=f"not-{doc.id}", text=doc.text)


class Crasher:
    """A plug-in that fails on every input."""

    name = "crasher.v1"
    version = "1"

    def extract(self, docs: Iterable[Document]) -> Iterator[Document]:
        raise RuntimeError("model file missing")


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch) -> Registry:
    """A registry of its own, so only the test's extractors run."""
    fresh: Registry = Registry(EXTRACTOR_GROUP)
    monkeypatch.setattr(bench, "extractors", fresh)
    monkeypatch.setattr(bench_cli, "extractors", fresh)
    monkeypatch.setattr(extraction, "extractors", fresh)
    return fresh


@pytest.fixture
def polnear(tmp_path: Path) -> Path:
    """A PolNeAR-shaped folder: two articles, one annotated twice."""
    for split in ("dev", "test"):
        dev = tmp_path / "polnear" / "data" / split
        for folder in ("text", "attributions"):
            (dev / folder).mkdir(parents=True)
        for article in ("a", "b"):
            (dev / "text" / f"{article}.txt").write_text(ARTICLE, encoding="utf-8")
        (dev / "attributions" / "a_x1.ann").write_text(ANN, encoding="utf-8")
        (dev / "attributions" / "a_y2.ann").write_text(ANN.split("T4")[0], encoding="utf-8")
        (dev / "attributions" / "b_y2.ann").write_text(ANN, encoding="utf-8")
    return tmp_path / "polnear"


def test_no_extractor_says_so(registry: Registry, tmp_path: Path) -> None:
    outcome = run("benchmark", "--output-dir", str(tmp_path / "out"))
    assert outcome.code == 0 and "no extractor is registered" in outcome.stdout
    assert not (tmp_path / "out").exists()


def test_a_perfect_extractor_tops_the_gold_leaderboard(registry: Registry, tmp_path: Path) -> None:
    registry.register("copier.v1")(lambda: Copier(load_gold()))
    report = run_benchmark(tmp_path)
    entry = report["extractors"]["copier.v1"]
    assert entry["overlap@0.3/all"]["f1"] == entry["overlap@0.8/all"]["f1"] == 1.0
    assert entry["speaker_accuracy/all"]["accuracy"] == 1.0
    assert (
        entry["overlap@0.3/all"]["gold"]
        == report["gold_quotes"]
        == sum(entry[f"overlap@0.3/{t}"]["gold"] for t in ("direct", "indirect", "mixed"))
    )
    results = json.loads((tmp_path / "copier.v1" / "results.json").read_text())
    assert results["predictions"]["extractor"] == "copier.v1"
    assert json.loads((tmp_path / "leaderboard.json").read_text()) == report


def test_every_stance_model_runs_in_both_settings(registry: Registry, tmp_path: Path) -> None:
    registry.register("copier.v1")(lambda: Copier(load_gold()))
    stance = run_benchmark(tmp_path)["stance"]
    assert set(stance) >= {"stance-lexicon.v1", "stance-majority.v1", "stance-tfidf.v1"}
    assert "leave one quote out" in stance["stance-tfidf.v1"]["protocol"]
    for name, entry in stance.items():
        assert entry["oracle"]["macro_f1"] is not None
        # the copier's quotes are the gold quotes: end-to-end equals the oracle setting
        assert entry["end-to-end"]["copier.v1"] == entry["oracle"]
        assert (tmp_path / "copier.v1" / name / "results.json").is_file()


def test_the_cli_prints_the_leaderboard_and_its_json(registry: Registry, tmp_path: Path) -> None:
    registry.register("copier.v1")(lambda: Copier(load_gold()))
    table = run("benchmark", "--output-dir", str(tmp_path / "t"))
    assert table.code == 0 and "copier.v1" in table.stdout and "overlap@0.3 F1" in table.stdout
    as_json = run("benchmark", "--output-dir", str(tmp_path / "j"), "--json")
    assert as_json.json() == run_benchmark(tmp_path / "api")


def test_a_failing_extractor_is_reported_and_the_others_scored(
    registry: Registry, tmp_path: Path
) -> None:
    registry.register("copier.v1")(lambda: Copier(load_gold()))
    registry.register("crasher.v1")(Crasher)
    registry.register("stranger.v1")(Stranger)
    report = run_benchmark(tmp_path)
    assert report["extractors"]["crasher.v1"] == {"error": "RuntimeError: model file missing"}
    assert report["extractors"]["copier.v1"]["overlap@0.3/all"]["f1"] == 1.0
    assert report["extractors"]["copier.v1"]["skipped_documents"] == 0
    stranger = report["extractors"]["stranger.v1"]
    assert stranger["skipped_documents"] == len(load_gold())
    assert stranger["overlap@0.3/all"]["f1"] == 0.0


def test_polnear_dev_keeps_one_annotator_per_article(polnear: Path) -> None:
    corpus = load_corpus("polnear-dev", polnear)
    assert [(d.id, d.annotation.annotator) for d in corpus.documents] == [("a", "x1"), ("b", "y2")]


def test_a_corpus_with_published_figures_gets_the_protocol_figures(
    registry: Registry, polnear: Path, tmp_path: Path
) -> None:
    corpus = load_corpus("polnear-test", polnear)
    registry.register("copier.v1")(lambda: Copier(corpus.documents))
    report = run_benchmark(tmp_path / "out", "polnear-test", polnear)
    figures = report["extractors"]["copier.v1"]["protocol"]
    assert {k: v.get("f1", v.get("accuracy")) for k, v in figures.items()} == dict.fromkeys(
        ("all@0.3", "all@0.8", "quote_marks@0.3", "quote_marks@0.8", "speaker"), 1.0
    )
    assert (figures["all@0.3"]["gold"], figures["quote_marks@0.3"]["gold"]) == (4, 2)
    assert report["anchors"]["figures"] == POLNEAR_ANCHORS and "stance" not in report
    assert (report["convention"], report["known_as"]) == ("polnear.v1", "polnear-test")
    assert "overlap@0.3 F1" in report["protocol"]
    dev = run_benchmark(tmp_path / "dev", "polnear-dev", polnear)
    assert dev["anchors"]["source"].endswith("measured on PolNeAR test, not on dev")
    assert "protocol" in dev["extractors"]["copier.v1"]


def test_the_ggt_dev_half_is_read_from_its_folder_under_its_convention(
    registry: Registry, tmp_path: Path
) -> None:
    document = Document(
        id="g1", text='"We stay," she said.', annotation=Annotation(origin="import")
    )
    (tmp_path / "ggt").mkdir()
    write_documents(tmp_path / "ggt" / "dev.jsonl", [document])
    corpus = load_corpus("ggt-dev", tmp_path / "ggt")
    assert [d.annotation.convention for d in corpus.documents] == ["ggt.v1"]
    assert corpus.anchors == GGT_ANCHORS
    with pytest.raises(UnusableInput, match=r"follows ggt\.v1, not polnear\.v1"):
        load_corpus("ggt-dev", tmp_path / "ggt", convention="polnear.v1")


def test_the_built_in_corpora_are_a_registry() -> None:
    assert {"gold", "polnear-train", "polnear-dev", "polnear-test", "ggt-dev"} <= set(
        corpora.names()
    )
    assert corpora.create("polnear-dev").convention == "polnear.v1"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--corpus", "nope"], "expected one of ggt-dev, gold, polnear-dev"),
        (["--corpus", "polnear-dev"], "give it with --data-dir"),
        (["--corpus", "polnear-dev", "--data-dir", "absent"], "no PolNeAR dev split"),
        (["--corpus", "gold", "--convention", "ggt.v1"], "follows quotebench.v1, not ggt.v1"),
        (["--corpus", "gold", "--convention", "nope.v1"], "no quotebench.conventions entry"),
    ],
)
def test_unusable_arguments_exit_2(
    registry: Registry, tmp_path: Path, args: list[str], message: str
) -> None:
    registry.register("copier.v1")(lambda: Copier(load_gold()))
    outcome = run("benchmark", "--output-dir", str(tmp_path), *args)
    assert outcome.code == 2 and message in outcome.stderr


@pytest.mark.parametrize(
    ("text", "start", "kept"),
    [
        ('"We stay," she said.', 0, True),
        ('"We stay," she said.', 1, True),  # the extractor left the mark out of the content
        ("\u201cWe stay,\u201d she said.", 0, True),
        ("She said we stay.", 9, False),
    ],
)
def test_quote_mark_quotes_start_with_or_after_a_mark(text: str, start: int, kept: bool) -> None:
    span = Span(start=start, end=start + 4, text=text[start : start + 4])
    quote = Quote(id="q", type="direct", content=(span,))
    document = Document(id="d", text=text, quotes=(quote,))
    assert len(quote_mark_only(document).quotes) == int(kept)


def test_an_unknown_corpus_is_unusable() -> None:
    with pytest.raises(UnusableInput):
        load_corpus("other")


class Tuned(Copier):
    """A copier that says it was developed on the packaged gold."""

    name = "tuned.v1"
    developed_on = ("gold",)


def _own_corpus(path: Path, documents: list[Document]) -> Path:
    write_documents(path, documents)
    return path


def test_a_users_own_corpus_is_benchmarked_with_its_own_targets(
    registry: Registry, tmp_path: Path
) -> None:
    seed = load_gold()[0]
    renamed = {t.id: f"own-{k}" for k, t in enumerate(load_targets())}
    targets = [t.model_copy(update={"id": renamed[t.id]}) for t in load_targets()]
    (tmp_path / "targets.json").write_text(
        json.dumps([t.model_dump() for t in targets]), encoding="utf-8"
    )
    stances = tuple(s.model_copy(update={"target": renamed[s.target]}) for s in seed.stances)
    own = seed.model_copy(update={"id": "mine-1", "stances": stances})
    path = _own_corpus(tmp_path / "mine.jsonl", [own])
    registry.register("tuned.v1")(lambda: Tuned([own]))
    outcome = run(
        "benchmark", "--corpus", str(path), "--targets", str(tmp_path / "targets.json"),
        "--output-dir", str(tmp_path / "out"), "--json",
    )  # fmt: skip
    assert outcome.code == 0, outcome.stderr
    report = outcome.json()
    assert (report["corpus"], report["known_as"], report["documents"]) == (str(path), None, 1)
    entry = report["extractors"]["tuned.v1"]
    assert entry["overlap@0.3/all"]["f1"] == 1.0
    assert entry["developed_on_this_corpus"] is False
    assert report["anchors"] is None and "protocol" not in entry
    assert set(report["stance"]) >= {"stance-lexicon.v1", "stance-majority.v1"}


def test_a_copy_of_the_packaged_gold_is_known_as_the_gold(registry: Registry, tmp_path: Path):
    path = _own_corpus(tmp_path / "copy.jsonl", load_gold())
    registry.register("tuned.v1")(lambda: Tuned(load_gold()))
    registry.register("copier.v1")(lambda: Copier(load_gold()))
    report = run_benchmark(tmp_path / "out", str(path))
    assert report["known_as"] == "gold"
    assert report["extractors"]["tuned.v1"]["developed_on_this_corpus"] is True
    assert report["extractors"]["copier.v1"]["developed_on_this_corpus"] is False


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: [d, d.model_copy(update={"annotation": Annotation(annotator="b")})],
            "a second version of this document",
        ),
        (
            lambda d: [d.model_copy(update={"annotation": Annotation(origin="extractor")})],
            "are an extractor's output",
        ),
    ],
    ids=["two versions", "an extractor's output"],
)
def test_a_corpus_that_cannot_be_a_benchmark_gold_exits_1(
    registry: Registry, tmp_path: Path, change, message: str
) -> None:
    registry.register("copier.v1")(lambda: Copier(load_gold()))
    path = _own_corpus(tmp_path / "bad.jsonl", change(load_gold()[0]))
    outcome = run("benchmark", "--corpus", str(path), "--output-dir", str(tmp_path / "out"))
    assert outcome.code == 1 and message in outcome.stderr and f"{path}:" in outcome.stderr
    assert not (tmp_path / "out").exists()


def test_an_extractor_that_cannot_run_makes_the_benchmark_exit_2(
    registry: Registry, tmp_path: Path
) -> None:
    registry.register("copier.v1")(lambda: Copier(load_gold()))
    registry.register("crasher.v1")(Crasher)
    out = tmp_path / "out"
    outcome = run("benchmark", "--output-dir", str(out))
    assert outcome.code == 2
    assert "error: crasher.v1 could not run: RuntimeError: model file missing" in outcome.stderr
    leaderboard = json.loads((out / "leaderboard.json").read_text(encoding="utf-8"))
    assert leaderboard["could_not_run"] == ["crasher.v1"]
    assert (out / "copier.v1" / "results.json").is_file()


def test_an_unknown_spacy_model_is_reported_with_its_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quotebench.nlp import MODEL_ENV, load_nlp

    load_nlp.cache_clear()
    monkeypatch.setenv(MODEL_ENV, "no_such_pipeline")
    report = run_benchmark(tmp_path / "out")
    load_nlp.cache_clear()
    for name in ("dependency.v1", "dependency.v2", "quotemarks.v1", "textacy.v1"):
        assert "no_such_pipeline" in report["extractors"][name]["error"]
        assert MODEL_ENV in report["extractors"][name]["error"]
