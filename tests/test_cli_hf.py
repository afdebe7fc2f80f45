"""``quotebench hf build|push`` end to end, in-process."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from huggingface_hub import DatasetCard

from quotebench.corpus import load_gold, write_documents
from quotebench.corpus.hf_push import upload_plan
from tests.cli import run
from tests.test_hf_push import closed_port


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    out = tmp_path_factory.mktemp("cli") / "dataset"
    outcome = run("hf", "build", str(out), "--json")
    assert outcome.code == 0, outcome.stderr
    return out, outcome.json()


def _listing(folder: Path) -> list[dict]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))
    return [{"path": p.relative_to(folder).as_posix(), "bytes": p.stat().st_size} for p in files]


def test_build_lists_what_it_wrote(built: tuple[Path, list[dict]]) -> None:
    out, listing = built
    assert listing == _listing(out)
    assert {"README.md", "GUIDELINES.md"} <= {item["path"] for item in listing}


def test_the_card_reads_the_seed_manifest_and_states_no_results(built) -> None:
    card = (built[0] / "README.md").read_text(encoding="utf-8")
    manifest = json.loads(
        (Path(__file__).resolve().parent.parent / "seeds" / "MANIFEST.json").read_text(
            encoding="utf-8"
        )
    )
    assert all(entry["notes"] in card for entry in manifest)
    assert "No baseline results were given" in card
    assert DatasetCard(card).data.license == "unknown"


def test_the_card_reports_a_results_file_the_harness_wrote(tmp_path: Path) -> None:
    """The gold scored against itself by ``quotebench evaluate``: every F1 is 1 in the card."""
    write_documents(tmp_path / "pred.jsonl", load_gold())
    scored = run(
        "evaluate",
        "--pred",
        str(tmp_path / "pred.jsonl"),
        "--output-dir",
        str(tmp_path / "results" / "gold-itself"),
    )
    assert scored.code == 0, scored.stderr
    outcome = run("hf", "build", str(tmp_path / "out"), "--results", str(tmp_path / "results"))
    assert outcome.code == 0, outcome.stderr
    card = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    rows = [line for line in card.splitlines() if line.startswith("| quote.strict.all (f1) |")]
    assert rows == ["| quote.strict.all (f1) | 1.000 [1.00, 1.00] |"]
    assert "| stance.end-to-end.all (macro_f1) | 1.000" in card


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [(None, 2, "holds no <extractor>/results.json"), ("{", 1, "results.json:1")],
)
def test_bad_results_fail_cleanly_and_write_nothing(tmp_path: Path, content, code, message):
    if content is not None:
        (tmp_path / "results" / "x").mkdir(parents=True)
        (tmp_path / "results" / "x" / "results.json").write_text(content, encoding="utf-8")
    outcome = run("hf", "build", str(tmp_path / "out"), "--results", str(tmp_path / "results"))
    assert outcome.code == code
    assert message in outcome.stderr and "Traceback" not in outcome.stderr
    assert not (tmp_path / "out").exists()


def test_build_refuses_a_foreign_folder(tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("keep", encoding="utf-8")
    outcome = run("hf", "build", str(tmp_path))
    assert outcome.code == 2 and "holds mine.txt, which quotebench did not" in outcome.stderr
    assert (tmp_path / "mine.txt").read_text(encoding="utf-8") == "keep"


def test_push_refuses_unknown_license_text(built) -> None:
    outcome = run("hf", "push", str(built[0]), "--repo-id", "user/quotebench", "--dry-run")
    assert outcome.code == 2
    assert "--allow-unknown-license" in outcome.stderr


def test_dry_run_lists_exactly_the_upload(built) -> None:
    out = built[0]
    args = ("hf", "push", str(out), "--repo-id", "user/q", "--dry-run", "--allow-unknown-license")
    outcome = run(*args)
    assert outcome.code == 0, outcome.stderr
    plan = upload_plan(out, allow_unknown_license=True)
    lines = outcome.stdout.splitlines()
    assert [line.split() for line in lines[:-1]] == [[str(i.size), i.path] for i in plan.items]
    assert lines[-1] == f"dry run: {len(plan.items)} file(s) would be uploaded to user/q"


def test_push_without_a_folder_builds_one_first() -> None:
    outcome = run("hf", "push", "--repo-id", "user/q", "--dry-run", "--allow-unknown-license")
    assert outcome.code == 0, outcome.stderr
    paths = [line.split()[1] for line in outcome.stdout.splitlines()[:-1]]
    assert "README.md" in paths and "data/quotes/test-00000-of-00001.parquet" in paths


def test_push_without_network_fails_fast_with_one_line(built, monkeypatch) -> None:
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{closed_port()}")
    monkeypatch.setenv("HF_TOKEN", "hf_not_a_real_token")
    outcome = run("hf", "push", str(built[0]), "--repo-id", "u/q", "--allow-unknown-license")
    assert outcome.code == 2
    assert outcome.stderr.startswith(
        "error: cannot reach the Hugging Face hub at http://127.0.0.1:"
    )
    assert len(outcome.stderr.strip().splitlines()) == 1


def test_a_users_corpus_is_published_with_its_citation(tmp_path: Path) -> None:
    seed = load_gold()[0]
    own = seed.model_copy(update={"id": "mine-1", "stances": ()})
    write_documents(tmp_path / "mine.jsonl", [own])
    (tmp_path / "mine.bib").write_text("@misc{mine, title = {Mine}}\n", encoding="utf-8")
    out = tmp_path / "out"
    args = ("--corpus", str(tmp_path / "mine.jsonl"), "--citation", str(tmp_path / "mine.bib"))
    outcome = run("hf", "build", str(out), *args)
    assert outcome.code == 0, outcome.stderr
    card = (out / "README.md").read_text(encoding="utf-8")
    assert "```bibtex\n@misc{mine, title = {Mine}}\n```" in card and "mine-1" in card
    assert DatasetCard(card).data.task_categories == ["token-classification"]


def test_the_packaged_gold_carries_its_own_citation(built) -> None:
    card = (built[0] / "README.md").read_text(encoding="utf-8")
    assert "@misc{quotebench_seed_corpus," in card


def test_results_of_another_gold_are_refused(tmp_path: Path) -> None:
    other = load_gold()[0].model_copy(update={"id": "other"})
    write_documents(tmp_path / "other.jsonl", [other])
    scored = run(
        "evaluate", "--gold", str(tmp_path / "other.jsonl"), "--pred",
        str(tmp_path / "other.jsonl"), "--output-dir", str(tmp_path / "results" / "x.v1"),
    )  # fmt: skip
    assert scored.code == 0, scored.stderr
    outcome = run("hf", "build", str(tmp_path / "out"), "--results", str(tmp_path / "results"))
    assert outcome.code == 1 and "scored on another gold" in outcome.stderr
    assert not (tmp_path / "out").exists()


def test_a_dry_run_shows_what_it_would_refuse(built, tmp_path: Path) -> None:
    folder = tmp_path / "copy"
    shutil.copytree(built[0], folder)
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    outcome = run("hf", "push", str(folder), "--repo-id", "user/q", "--dry-run")
    assert outcome.code == 2
    assert "README.md" in outcome.stdout  # what would be uploaded is still listed
    assert "refused: notes.txt: not written by `hf build`" in outcome.stderr
    assert "refused: the text's license is unknown" in outcome.stderr
    assert "dry run: the upload to user/q would be refused" in outcome.stderr


def test_a_malformed_repository_id_is_refused_before_building(tmp_path: Path) -> None:
    outcome = run("hf", "push", "--repo-id", "no-owner", "--dry-run")
    assert outcome.code == 2 and "--repo-id 'no-owner'" in outcome.stderr
