"""``extract --engine dask``: a real local cluster (2 workers) over a small sharded corpus."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from quotebench.corpus import Document, UnusableInput, load_documents
from quotebench.engines.dask_engine import extract_sharded
from quotebench.engines.sharded import Job, _predictions
from tests.cli import run

TEXTS = [
    "\u201cWe are ready for talks,\u201d Vladimir Putin said on Friday.",
    "Officials said that the bridge would reopen in May.\nNobody else spoke.",
    "\u201cIt is a disgrace,\u201d said Tom Ray, \u201cand the city knows it.\u201d",
    "She added that costs would rise. \u201cWe will see,\u201d the mayor said.",
]
JOB = Job("dependency.v1", None)


def _corpus(folder: Path, shards: int = 4, per_shard: int = 3) -> list[Document]:
    """JSON Lines shards and one Parquet shard; returns every document, in shard order."""
    folder.mkdir()
    documents = []
    for k in range(shards):
        lines = []
        for j in range(per_shard):
            document = Document(id=f"s{k}-{j}", text=TEXTS[(k + j) % len(TEXTS)])
            documents.append(document)
            lines.append(json.dumps({"id": document.id, "text": document.text}))
        (folder / f"part-{k}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    extra = [Document(id=f"pq-{j}", text=t) for j, t in enumerate(TEXTS)]
    pq.write_table(pa.table({"id": [d.id for d in extra], "text": [d.text for d in extra]}),
                   folder / "zz.parquet")  # fmt: skip
    return documents + extra


def _single_process(tmp_path: Path, documents: list[Document]) -> dict[str, str]:
    source, out = tmp_path / "all.jsonl", tmp_path / "all-pred.jsonl"
    source.write_text("".join(json.dumps({"id": d.id, "text": d.text}) + "\n" for d in documents))
    done = run(
        "extract", "--extractor", "dependency.v1", "--input", str(source), "--output", str(out)
    )
    assert done.code == 0, done.stderr
    return {d.id: d.to_json() for d in load_documents(out)}


def _sharded(folder: Path) -> dict[str, str]:
    return {d.id: d.to_json() for p in sorted(folder.glob("*.jsonl")) for d in load_documents(p)}


def test_a_killed_worker_is_replaced_and_the_output_matches_one_process(tmp_path: Path) -> None:
    documents = _corpus(tmp_path / "in")
    out = tmp_path / "out"
    killed: list[int] = []

    def kill_one(client: object) -> None:
        pids = client.run(os.getpid)  # type: ignore[attr-defined]
        victim = sorted(pids.values())[0]
        os.kill(victim, signal.SIGKILL)
        killed.append(victim)

    outcome = extract_sharded(JOB, str(tmp_path / "in"), out, workers=2, client_hook=kill_one)
    assert killed and not outcome.failed and len(outcome.finished) == 5
    assert _sharded(out) == _single_process(tmp_path, documents)
    manifest = json.loads((out / ".quotebench-manifest.json").read_text())
    assert [s["output"] for s in manifest["shards"]] == [f"part-{k}.jsonl" for k in range(4)] + [
        "zz.jsonl"
    ]
    assert manifest["job"]["extractor"] == "dependency.v1"
    assert sum(s["documents"] for s in manifest["shards"]) == len(documents)


def test_an_interrupted_job_resumes_and_a_changed_shard_is_redone(tmp_path: Path) -> None:
    documents = _corpus(tmp_path / "in")
    out = tmp_path / "out"

    def stop_after_one(_shards: int, _documents: int):  # type: ignore[no-untyped-def]
        def done(_shard: object) -> None:
            raise KeyboardInterrupt

        return done

    with pytest.raises(KeyboardInterrupt):
        extract_sharded(JOB, str(tmp_path / "in"), out, workers=2, progress=stop_after_one)
    assert len(list(out.glob("*.jsonl"))) >= 1
    assert not list(out.glob(".*.part"))
    again = extract_sharded(JOB, str(tmp_path / "in"), out, workers=2)
    assert len(again.skipped) >= 1 and len(again.skipped) + len(again.finished) == 5
    assert _sharded(out) == _single_process(tmp_path, documents)
    (tmp_path / "in" / "part-0.jsonl").write_text(
        json.dumps({"id": "new", "text": TEXTS[0]}) + "\n"
    )
    third = extract_sharded(JOB, str(tmp_path / "in"), out, workers=2)
    assert [Path(s.input).name for s in third.finished] == ["part-0.jsonl"]
    assert [d.id for d in load_documents(out / "part-0.jsonl")] == ["new"]


def test_the_command_runs_on_a_named_scheduler_and_reports_a_bad_shard(tmp_path: Path) -> None:
    from distributed import LocalCluster

    _corpus(tmp_path / "in", shards=2)
    bad = tmp_path / "in" / "part-1.jsonl"
    bad.write_text(bad.read_text() + '{"id": "x", "te\n')
    out = tmp_path / "out"
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        done = run("extract", "--engine", "dask", "--scheduler", cluster.scheduler_address,
                   "--extractor", "quotemarks.v1", "--input", str(tmp_path / "in" / "*"),
                   "--output", str(out))  # fmt: skip
    assert done.code == 1
    assert f"{bad}:4: malformed JSON" in done.stderr
    assert sorted(p.name for p in out.glob("*.jsonl")) == ["part-0.jsonl", "zz.jsonl"]
    assert "2 shard(s) done" in done.stdout and "1 failed" in done.stdout


def test_a_foreign_or_another_jobs_folder_is_refused(tmp_path: Path) -> None:
    _corpus(tmp_path / "in", shards=1)
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "mine.txt").write_text("mine")
    with pytest.raises(UnusableInput, match=r"mine\.txt, which quotebench did not write"):
        extract_sharded(JOB, str(tmp_path / "in"), foreign, workers=1)
    out = tmp_path / "out"
    extract_sharded(Job("quotemarks.v1", None), str(tmp_path / "in"), out, workers=1)
    with pytest.raises(UnusableInput, match="the output of another job"):
        extract_sharded(JOB, str(tmp_path / "in"), out, workers=1)
    with pytest.raises(UnusableInput, match=r"names no \.jsonl or \.parquet shard"):
        extract_sharded(JOB, str(tmp_path / "nothing-*.jsonl"), tmp_path / "o2", workers=1)


class _Crashing:
    """An extractor that crashes on one text, as a faulty plug-in would."""

    name, version = "crashing.v1", "1"

    def extract(self, docs):  # type: ignore[no-untyped-def]
        for document in docs:
            if "disgrace" in document.text:
                raise RuntimeError("cannot handle this one")
            yield Document(id=document.id, text=document.text)


def test_a_document_the_extractor_fails_on_is_recorded_and_the_others_kept() -> None:
    documents = [Document(id=str(k), text=t) for k, t in enumerate(TEXTS)]
    predicted = list(_predictions(_Crashing(), documents))
    assert [d.id for d in predicted] == ["0", "1", "2", "3"]
    assert [bool(d.annotation.failures) for d in predicted] == [False, False, True, False]
    assert "RuntimeError: cannot handle this one" in predicted[2].annotation.failures[0]


def test_a_shard_whose_output_another_input_wrote_is_refused(tmp_path: Path) -> None:
    for month in ("jan", "feb"):
        (tmp_path / month).mkdir()
        (tmp_path / month / "news.jsonl").write_text(
            json.dumps({"id": month, "text": TEXTS[0]}) + "\n"
        )
    out = tmp_path / "out"
    extract_sharded(JOB, str(tmp_path / "jan"), out, workers=1)
    with pytest.raises(UnusableInput, match="holds the predictions of"):
        extract_sharded(JOB, str(tmp_path / "feb"), out, workers=1)
    assert [d.id for d in load_documents(out / "news.jsonl")] == ["jan"]
    # the same file spelled another way is the same shard: nothing to do
    again = extract_sharded(JOB, str(tmp_path / "jan" / "." / "*.jsonl"), out, workers=1)
    assert len(again.skipped) == 1 and not again.finished
