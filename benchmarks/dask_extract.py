"""Extraction on a 2-worker local Dask cluster against one process, on a synthetic corpus.

The corpus is built from hand-written sentence templates (names, cues, quotes, filler), so
nothing in it comes from a licensed text: ``--documents`` articles of 3 to 6 sentences in
JSON Lines shards of ``--shard-size``. Measured in one run, on the same machine:

- one process: the extractor over every document, streamed (as ``quotebench extract``);
- the cluster: ``extract --engine dask`` with ``--workers`` local workers (the speed-up is
  one process's time over the cluster's, cluster start included);
- peak memory (max RSS) of each worker after ``--small`` and after ``--documents``
  documents, to show that it does not grow with the corpus;
- the scheduler's overhead per shard: the time per task of as many no-op tasks.

Usage: python benchmarks/dask_extract.py [--documents 20000] [--small 2000]
           [--shard-size 500] [--workers 2] [--extractor dependency.v1]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import tempfile
import time
from pathlib import Path

from quotebench.corpus import Document
from quotebench.engines.dask_engine import _client
from quotebench.engines.sharded import Job

NAMES = ["Maria Lopez", "the mayor", "John Okafor", "a spokeswoman", "Chen Wei", "the minister",
         "Priya Natarajan", "officials", "the company", "Olaf Berg"]  # fmt: skip
CUES = ["said", "told reporters", "added", "argued", "warned", "announced", "wrote"]
CLAIMS = ["the bridge would reopen in May", "costs would rise next year", "talks had stalled",
          "the plan was a mistake", "more teachers were needed", "the vote was fair",
          "prices had fallen", "the river was rising"]  # fmt: skip
QUOTES = ["We will not give up", "This is a disgrace", "Nobody saw this coming",
          "We are ready for talks", "It is too early to say",
          "The numbers speak for themselves"]  # fmt: skip
FILLER = ["The meeting lasted two hours.", "Rain fell across the region on Tuesday.",
          "The report runs to 40 pages.", "Shares closed higher."]  # fmt: skip


def _sentence(rng: random.Random) -> str:
    name, cue = rng.choice(NAMES), rng.choice(CUES)
    kind = rng.randrange(3)
    if kind == 0:
        return f"\u201c{rng.choice(QUOTES)},\u201d {name} {cue}."
    if kind == 1:
        return f"{name[0].upper()}{name[1:]} {cue} that {rng.choice(CLAIMS)}."
    return rng.choice(FILLER)


def write_corpus(folder: Path, documents: int, shard_size: int, seed: int = 0) -> list[Document]:
    """Write ``documents`` synthetic articles as shards into ``folder``; returns them."""
    rng, made = random.Random(seed), []
    for k in range(documents):
        sentences = [_sentence(rng) for _ in range(rng.randint(3, 6))]
        made.append(Document(id=f"doc-{k:06d}", text="\n".join(sentences)))
    for start in range(0, documents, shard_size):
        lines = (json.dumps({"id": d.id, "text": d.text}) for d in made[start : start + shard_size])
        (folder / f"shard-{start // shard_size:05d}.jsonl").write_text("\n".join(lines) + "\n")
    return made


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _worker_memory(
    job: Job, folder: Path, out: Path, workers: int
) -> tuple[float, list[float], float]:
    """The cluster's time and each worker's peak RSS (MB) once every shard is done."""
    from distributed import as_completed

    from quotebench.engines.sharded import JobFolder, extract_shard
    from quotebench.engines.shards import find_shards

    shards = find_shards(str(folder))
    target = JobFolder(out, job, job.build().version)
    started = time.perf_counter()
    with _client(None, workers) as client:
        futures = [client.submit(extract_shard, job, s, str(out), pure=False) for s in shards]
        for future in as_completed(futures):
            target.record(future.result())
        seconds = time.perf_counter() - started
        peaks = sorted(client.run(_max_rss_mb).values())
        overhead = _overhead(client, len(shards))
    return seconds, peaks, overhead


def _noop(k: int) -> int:
    return k


def _overhead(client: object, tasks: int) -> float:
    """Seconds per task of ``tasks`` no-op tasks: the scheduler's own cost per shard."""
    started = time.perf_counter()
    client.gather([client.submit(_noop, k, pure=False) for k in range(tasks)])  # type: ignore[attr-defined]
    return (time.perf_counter() - started) / tasks


def _one_process(job: Job, documents: list[Document]) -> tuple[float, int]:
    extractor = job.build()
    started = time.perf_counter()
    quotes = sum(len(d.quotes) for d in extractor.extract(documents))
    return time.perf_counter() - started, quotes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--small", type=int, default=2_000)
    parser.add_argument("--shard-size", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--extractor", default="dependency.v1")
    args = parser.parse_args()
    job = Job(args.extractor, None, (("batch_size", 64),))
    report: dict[str, object] = {"extractor": args.extractor, "workers": args.workers}
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        for label, count in (("small", args.small), ("large", args.documents)):
            (root / label).mkdir()
            documents = write_corpus(root / label, count, args.shard_size)
            words = sum(len(d.text.split()) for d in documents)
            cluster, peaks, overhead = _worker_memory(
                job, root / label, root / f"{label}-out", args.workers
            )
            report[label] = {
                "documents": count, "words": words, "shards": -(-count // args.shard_size),
                "cluster_seconds": round(cluster, 1),
                "worker_peak_rss_mb": [round(p) for p in peaks],
                "scheduler_seconds_per_task": round(overhead, 4),
            }  # fmt: skip
        single, quotes = _one_process(job, documents)
        report["large"]["one_process_seconds"] = round(single, 1)  # type: ignore[index]
        report["large"]["quotes"] = quotes  # type: ignore[index]
        report["large"]["one_process_words_per_second"] = round(words / single)  # type: ignore[index]
        report["large"]["speed_up"] = round(single / cluster, 2)  # type: ignore[index]
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
