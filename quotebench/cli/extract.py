"""``quotebench extract``: run one registered extractor over a collection, streamed."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from quotebench.corpus import (
    Document,
    InvalidData,
    Problem,
    Target,
    UnusableInput,
    check_output,
    load_targets,
    output_file,
)
from quotebench.corpus.load import checked_lines
from quotebench.extraction import build_extractor

from . import llm_options as llm
from .app import app
from .common import TargetsOption, reporting
from .sharded import extract_on_dask

__all__ = ["extract", "input_documents"]


def input_documents(path: Path, targets: Sequence[Target] | None = None) -> Iterator[Document]:
    """Stream the documents of ``path`` (lines need only ``id`` and ``text``), checked.

    Raises ``InvalidData`` at the first line that breaks the data model (as ``validate``
    reports it) or that repeats an earlier id; ``UnusableInput`` if ``path`` cannot be opened.
    """
    seen: dict[str, int] = {}
    for line, item, problems, _ in checked_lines(path, targets):
        if problems or item is None:
            raise InvalidData(problems)
        if item.id in seen:
            message = f"duplicate id (first on line {seen[item.id]})"
            raise InvalidData([Problem(str(path), line, item.id, "id", message)])
        seen[item.id] = line
        yield item


def _count_lines(path: Path) -> int:
    """Non-blank lines of ``path`` (for the progress bar); ``UnusableInput`` if unreadable."""
    try:
        with open(path, "rb") as handle:
            return sum(1 for line in handle if line.strip())
    except OSError as error:
        raise UnusableInput(f"{path}: cannot open: {error.strerror or error}") from None


def _progress() -> Any:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    columns = (*Progress.get_default_columns()[:1], BarColumn(), MofNCompleteColumn())
    return Progress(*columns, TimeElapsedColumn(), console=Console(stderr=True), transient=True)


@app.command()
def extract(
    extractor: Annotated[str, typer.Option(help="A registered extractor, e.g. dependency.v1.")],
    input: Annotated[
        Path,
        typer.Option(
            "--input",
            help="JSON Lines with id and text per line; with --engine dask,"
            " a folder or glob of .jsonl and .parquet (id, text) shards.",
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            help="Where the predicted documents are written (with --engine dask, a"
            " folder: one shard per input shard and a manifest)."
        ),
    ],
    n_process: Annotated[int, typer.Option(min=1, help="spaCy worker processes.")] = 1,
    batch_size: Annotated[int, typer.Option(min=1, help="Paragraphs per spaCy batch.")] = 64,
    targets: TargetsOption = None,
    convention: Annotated[
        str | None,
        typer.Option(help="The annotation convention to follow (annotation/CONVENTIONS.md)."),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(
            help="The extractor's model: learned.v1's model folder (default: its"
            " documented location), llm.v1's model name at the endpoint."
        ),
    ] = None,
    endpoint: llm.EndpointOption = None,
    key_variable: llm.KeyVariableOption = "OPENAI_API_KEY",
    temperature: llm.TemperatureOption = 0.0,
    cache_dir: llm.CacheDirOption = None,
    offline: llm.OfflineOption = False,
    engine: Annotated[
        str, typer.Option(help="one-process (spaCy's --n-process), or dask (a sharded corpus).")
    ] = "one-process",
    scheduler: Annotated[
        str | None,
        typer.Option(help="dask: a scheduler's address (default: a local cluster)."),
    ] = None,
    workers: Annotated[
        int | None, typer.Option(min=1, help="dask: local workers (default: one per core).")
    ] = None,
) -> None:
    """Predict quotes and speakers for every document; the output appears only when complete
    (with --engine dask, shard by shard: a rerun skips the finished ones)."""
    if engine not in ("one-process", "dask"):
        typer.echo(f"error: --engine {engine!r}: choose one-process or dask", err=True)
        raise typer.Exit(2)
    settings = llm.llm_settings(model, endpoint, key_variable, temperature, cache_dir, offline)
    if engine == "dask":
        with reporting():
            extract_on_dask(extractor, convention, {**settings, "batch_size": batch_size}, input,
                            output, scheduler, workers, _progress())  # fmt: skip
        return
    with reporting():
        inputs = [input, Path(model) if model else None]
        check_output(output, inputs)
        total, inventory = _count_lines(input), load_targets(targets)
        system = build_extractor(
            extractor, convention, n_process=n_process, batch_size=batch_size, **settings
        )
        count = quotes = 0
        with _progress() as progress, output_file(output, inputs) as handle:
            task = progress.add_task(system.name, total=total)
            for predicted in system.extract(input_documents(input, inventory)):
                handle.write(predicted.to_json() + "\n")
                count, quotes = count + 1, quotes + len(predicted.quotes)
                progress.advance(task)
    typer.echo(f"{output}: {count} document(s), {quotes} quote(s) by {system.name}")
    if hasattr(system, "run_stats"):
        stats = system.run_stats()
        typer.echo(f"{stats['requests']} request(s), {stats['cache_hits']} answered from the cache")
