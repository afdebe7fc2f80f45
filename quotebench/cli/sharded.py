"""``quotebench extract --engine dask``: a sharded corpus into a folder, on a Dask cluster."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from quotebench.corpus import UnusableInput

__all__ = ["extract_on_dask"]


def _bars(progress: Any) -> Callable[[int, int], Callable[[Any], None]]:
    def start(shards: int, documents: int) -> Callable[[Any], None]:
        by_shard = progress.add_task("shards", total=shards)
        by_document = progress.add_task("documents", total=documents)

        def done(shard: Any) -> None:
            progress.advance(by_shard)
            progress.advance(by_document, shard.documents)

        return done

    return start


def extract_on_dask(
    extractor: str,
    convention: str | None,
    settings: dict[str, Any],
    source: Path,
    output: Path,
    scheduler: str | None,
    workers: int | None,
    progress: Any,
) -> None:
    """Run the job, print what it did; exit 1 naming each shard that failed."""
    from quotebench.engines.dask_engine import extract_sharded
    from quotebench.engines.sharded import Job

    try:
        import distributed  # noqa: F401
    except ImportError:
        raise UnusableInput("--engine dask needs Dask: pip install 'quotebench[dask]'") from None

    job = Job(extractor, convention, tuple(settings.items()))
    with progress:
        outcome = extract_sharded(
            job, str(source), output, scheduler=scheduler, workers=workers, progress=_bars(progress)
        )
    documents = sum(s.documents for s in outcome.finished)
    quotes = sum(s.quotes for s in outcome.finished)
    typer.echo(
        f"{output}: {len(outcome.finished)} shard(s) done ({documents} document(s),"
        f" {quotes} quote(s) by {extractor}), {len(outcome.skipped)} already done,"
        f" {len(outcome.failed)} failed"
    )
    if outcome.failed:
        for path, error in sorted(outcome.failed.items()):
            typer.echo(f"error: {path}: {error}", err=True)
        raise typer.Exit(1)
