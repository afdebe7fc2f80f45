"""The Hugging Face dataset folder: built, loaded with ``datasets``, compared with the corpus."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import datasets
import pytest

from quotebench.corpus import Document, UnusableInput, load_gold, load_targets
from quotebench.corpus.hf_build import (
    CONFIGS,
    build_dataset,
    dataset_tables,
    row_to_document,
    row_to_quote,
)
from quotebench.corpus.hf_card_inputs import CardInputs
from quotebench.corpus.output import MANIFEST, read_manifest

INPUTS = CardInputs(guidelines="# Guidelines\n\n## 1. Quotes\n\n- **R-Q-DEF** A quote.\n")


@pytest.fixture(scope="module")
def hf_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Hugging Face caches inside a temporary folder, offline."""
    cache = tmp_path_factory.mktemp("hf-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HF_HOME", str(cache / "home"))
        patch.setenv("HF_DATASETS_CACHE", str(cache / "datasets"))
        patch.setenv("HF_HUB_OFFLINE", "1")
        yield cache / "datasets"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("release") / "dataset"
    build_dataset(out, load_gold(), load_targets(), INPUTS)
    return out


def _load(folder: Path, config: str, cache: Path) -> datasets.Dataset:
    return datasets.load_dataset(str(folder), name=config, split="test", cache_dir=str(cache))


def test_the_folder_holds_a_parquet_file_per_config_and_the_card(built: Path) -> None:
    files = sorted(
        p.relative_to(built).as_posix()
        for p in built.rglob("*")
        if p.is_file() and p.name != MANIFEST
    )
    parquet = [f"data/{c}/test-00000-of-00001.parquet" for c in CONFIGS]
    assert files == sorted(["GUIDELINES.md", "README.md", *parquet])


@pytest.mark.parametrize("config", CONFIGS)
def test_each_config_loads_with_the_derived_features(built: Path, hf_cache: Path, config: str):
    loaded = _load(built, config, hf_cache)
    table = next(t for t in dataset_tables(load_gold(), load_targets()) if t.name == config)
    assert loaded.features == table.features
    assert loaded.num_rows == len(table.rows)


def test_document_rows_come_back_as_the_gold_field_by_field(built: Path, hf_cache: Path) -> None:
    loaded = _load(built, "documents", hf_cache)
    back = [row_to_document(row, loaded.features) for row in loaded]
    gold = load_gold()
    assert [d.id for d in back] == [d.id for d in gold]
    assert [d.annotation.convention for d in back] == ["quotebench.v1"] * len(gold)
    for mine, theirs in zip(back, gold, strict=True):
        for field in Document.model_fields:
            assert getattr(mine, field) == getattr(theirs, field), field


def test_quote_rows_come_back_as_the_gold_quotes_with_speakers(built: Path, hf_cache: Path):
    loaded = _load(built, "quotes", hf_cache)
    gold = {d.id: d for d in load_gold()}
    seen: dict[str, list[str]] = {}
    for row in loaded:
        document = gold[row["document_id"]]
        quote, stances = row_to_quote(row, loaded.features)
        assert quote == next(q for q in document.quotes if q.id == quote.id)
        assert stances == tuple(s for s in document.stances if s.quote == quote.id)
        names = {e.id: e.name for e in document.entities}
        assert row["speaker_name"] == names.get(quote.speaker or "")
        mentions = {m.id: m.text for m in document.mentions}
        assert row["source_text"] == mentions.get(quote.source or "")
        assert row["annotator"] == document.annotation.annotator
        seen.setdefault(document.id, []).append(quote.id)
    assert seen == {i: [q.id for q in d.quotes] for i, d in gold.items() if d.quotes}


def test_target_rows_are_the_inventory(built: Path, hf_cache: Path) -> None:
    loaded = _load(built, "targets", hf_cache)
    assert [dict(row) for row in loaded] == [t.model_dump() for t in load_targets()]


def test_a_previous_build_is_replaced(tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    build_dataset(out, load_gold(), load_targets(), INPUTS)
    (out / "GUIDELINES.md").write_text("stale", encoding="utf-8")
    build_dataset(out, load_gold(), load_targets(), INPUTS)
    assert (out / "GUIDELINES.md").read_text(encoding="utf-8") == INPUTS.guidelines
    assert [p.name for p in tmp_path.iterdir()] == ["dataset"]


@pytest.mark.parametrize("foreign", ["notes.txt", "data/other/x.parquet", "README.md"])
@pytest.mark.parametrize("built_before", [False, True])
def test_a_folder_holding_the_users_files_is_left_untouched(
    tmp_path: Path, foreign: str, built_before: bool
) -> None:
    out = tmp_path / "dataset"
    if built_before:  # a previous build, then a file of the user's own added to it
        build_dataset(out, load_gold(), load_targets(), INPUTS)
        foreign = "mine/" + foreign
    (out / foreign).parent.mkdir(parents=True, exist_ok=True)
    (out / foreign).write_text("mine", encoding="utf-8")
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    with pytest.raises(UnusableInput, match=f"holds {foreign}, which quotebench did not write"):
        build_dataset(out, load_gold(), load_targets(), INPUTS)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dataset"]


def test_overwrite_replaces_a_foreign_folder_whole(tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    build_dataset(out, load_gold(), load_targets(), INPUTS, overwrite=True)
    assert not (out / "notes.txt").exists() and (out / "README.md").is_file()


def test_the_manifest_lists_every_file_written(built: Path) -> None:
    listed = read_manifest(built)
    assert listed is not None
    on_disk = {p.relative_to(built).as_posix(): p for p in built.rglob("*") if p.is_file()}
    del on_disk[MANIFEST]
    assert set(listed) == set(on_disk)
    for name, path in on_disk.items():
        assert listed[name]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
