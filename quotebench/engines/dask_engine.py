"""Extraction over a sharded corpus on a Dask ``distributed`` cluster.

A local cluster by default (``LocalCluster``: one single-threaded worker process per core,
or ``workers``), or any scheduler by its address (dask-jobqueue, Kubernetes, a cloud
cluster: the workers must see the input and output paths). Each shard is one task; the
extractor and spaCy's pipeline load once per worker process (``sharded.Job.build``). A
worker that dies has its shard run again elsewhere (the scheduler's ``allowed-failures``);
a shard whose input is invalid fails alone and is reported, and the others go on.
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .sharded import Job, JobFolder, ShardDone, extract_shard
from .shards import Shard, count_documents, find_shards

__all__ = ["Outcome", "extract_sharded", "run_on_dask"]

Progress = Callable[[int, int], Callable[[ShardDone], None]]  # (shards, documents) to do
# a local cluster's workers parse text: the stack sampler (every 10 ms) and glibc's eager
# trimming (MALLOC_TRIM_THRESHOLD_) each cost about 8% of their speed here
_LOCAL = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ": {
        "OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1,
    },
}  # fmt: skip


@dataclass
class Outcome:
    """What a run did: the shards it finished now, those a previous run had, and the
    shards that failed with their error."""

    finished: list[ShardDone] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


@contextlib.contextmanager
def _client(scheduler: str | None, workers: int | None) -> Iterator[Any]:
    from distributed import Client, LocalCluster

    if scheduler is not None:
        with Client(scheduler) as client:
            yield client
        return
    import dask

    count = workers or os.cpu_count() or 1
    with (
        dask.config.set(_LOCAL),
        LocalCluster(
            n_workers=count, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _submit(client: Any, job: Job, shards: Sequence[Shard], folder: Path) -> dict[Any, Shard]:
    """One task per shard, named after it and this run (a shared scheduler merges tasks of
    one name); a future -> its shard."""
    run = uuid.uuid4().hex[:12]
    return {
        client.submit(extract_shard, job, shard, str(folder), pure=False,
                      key=f"quotebench-{run}-{k}-{Path(shard.path).name}"): shard
        for k, shard in enumerate(shards)
    }  # fmt: skip


def run_on_dask(
    job: Job,
    shards: Sequence[Shard],
    output: JobFolder,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    client_hook: Callable[[Any], None] | None = None,
) -> Outcome:
    """Run ``job`` over every shard not already finished in ``output``.

    ``progress(shards, documents)``, given what is left to do, gives the callback told of
    each finished shard; ``client_hook`` gets the client once the work is submitted (to
    watch or disturb the cluster).
    """
    from distributed import as_completed

    outcome = Outcome(skipped=[s.path for s in shards if output.finished(s)])
    todo = [s for s in shards if s.path not in outcome.skipped]
    if not todo:
        return outcome
    told = progress(len(todo), sum(map(count_documents, todo))) if progress else None
    try:
        with _client(scheduler, workers) as client:
            futures = _submit(client, job, todo, output.folder)
            if client_hook is not None:
                client_hook(client)
            for future in as_completed(futures):
                shard = futures[future]
                try:
                    done = future.result()
                except Exception as error:
                    outcome.failed[shard.path] = f"{type(error).__name__}: {error}"
                    continue
                output.record(done)
                outcome.finished.append(done)
                if told is not None:
                    told(done)
    except BaseException:
        output.remove_parts()  # the cluster is closed: no worker writes any more
        raise
    return outcome


def extract_sharded(
    job: Job,
    source: str,
    output: Path,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    client_hook: Callable[[Any], None] | None = None,
) -> Outcome:
    """Run ``job`` over the shards ``source`` names (a folder or a glob) into the folder
    ``output`` on a Dask cluster, as ``run_on_dask`` does.

    Raises ``UnusableInput`` for no shards, an unknown extractor, or an output folder that
    holds an input or something quotebench did not write there.
    """
    from quotebench.corpus import check_output

    shards = find_shards(source)
    check_output(output, [Path(s.path) for s in shards], folder=True, overwrite=True)
    version = job.build().version
    folder = JobFolder(output, job, version)
    folder.refuse_collisions(shards)
    return run_on_dask(job, shards, folder, scheduler=scheduler, workers=workers,
                       progress=progress, client_hook=client_hook)  # fmt: skip
