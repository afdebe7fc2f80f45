"""``quotebench train``: train ``learned.v1`` on a gold collection into a model folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from quotebench.corpora import corpora, load_corpus
from quotebench.corpus import check_output, output_folder

from .app import app
from .common import OverwriteOption, reporting

if TYPE_CHECKING:  # training imports crfsuite: only when a model is trained
    from rich.progress import Progress, TaskID

    from quotebench.baselines.learned.train import Collection, Epoch

__all__ = ["train"]

_DEV_OF = {"polnear-train": "polnear-dev"}  # the dev split a registered corpus selects on


def _collection(name: str, data_dir: Path | None, convention: str | None) -> Collection:
    from quotebench.baselines.learned.train import Collection

    corpus = load_corpus(name, data_dir, convention=convention)
    return Collection(
        corpus.name, corpus.documents, corpus.convention, corpus.known_as, corpus.digests
    )


def _bars(progress: Progress) -> Callable[[str, int], Callable[[], None]]:
    def bar(what: str, total: int) -> Callable[[], None]:
        task = progress.add_task(what, total=total)
        return lambda: progress.advance(task)

    return bar


def _epochs(progress: Progress) -> Epoch:
    """A bar per candidate over its epochs, and a line with each epoch's dev score."""
    tasks: dict[str, TaskID] = {}

    def epoch(candidate: str, number: int, total: int, score: float | None) -> None:
        if candidate not in tasks:
            tasks[candidate] = progress.add_task(f"training {candidate}", total=total)
        progress.update(tasks[candidate], completed=number)
        shown = "" if score is None else f": dev token F1 {score:.3f}"
        progress.console.print(f"{candidate} epoch {number}/{total}{shown}", highlight=False)

    return epoch


@app.command()
def train(
    corpus: Annotated[
        str,
        typer.Option(
            help=f"A registered corpus ({', '.join(corpora.names())}) or a JSON Lines"
            " gold collection (one version per document)."
        ),
    ],
    output: Annotated[Path, typer.Option(help="The model folder to write.")],
    dev: Annotated[
        str | None,
        typer.Option(
            help="The gold collection to select on (default: polnear-dev for"
            " polnear-train, else none)."
        ),
    ] = None,
    data_dir: Annotated[
        Path | None,
        typer.Option(
            "--data-dir",
            "--polnear-dir",
            help="The folder an external corpus is read from (a PolNeAR checkout).",
        ),
    ] = None,
    convention: Annotated[
        str | None, typer.Option(help="The convention of a gold file that names none.")
    ] = None,
    seed: Annotated[int, typer.Option(help="Orders the training sequences.")] = 0,
    epochs: Annotated[int, typer.Option(min=1, help="L-BFGS iterations (passes).")] = 100,
    c1: Annotated[float, typer.Option(min=0.0, help="L1 regularisation.")] = 0.05,
    c2: Annotated[
        list[float] | None,
        typer.Option(
            help="L2 regularisation; repeat it for candidates selected on --dev"
            " (default: 0.05 and 0.2)."
        ),
    ] = None,
    n_process: Annotated[int, typer.Option(min=1, help="spaCy worker processes.")] = 1,
    overwrite: OverwriteOption = False,
) -> None:
    """Train learned.v1 (a CRF over spaCy features), select it on --dev, write a model card."""
    from rich.console import Console
    from rich.progress import Progress

    from quotebench.baselines.learned.train import Settings, train_model

    settings = Settings(c1=c1, c2=tuple(c2 or Settings.c2), epochs=epochs, seed=seed,
                        n_process=n_process)  # fmt: skip
    with reporting():
        inputs = [Path(p) for p in (corpus, dev) if p and Path(p).exists()] + [data_dir]
        check_output(output, inputs, folder=True, overwrite=overwrite)
        training = _collection(corpus, data_dir, convention)
        dev = dev or _DEV_OF.get(corpus)
        selection = _collection(dev, data_dir, convention) if dev else None

        with (
            Progress(console=Console(stderr=True), transient=True) as progress,
            output_folder(output, inputs, overwrite=overwrite, writer="quotebench train") as folder,
        ):
            card = train_model(
                training, selection, folder, settings, _bars(progress), _epochs(progress)
            )
    scores = card["dev_scores"] or {}
    shown = ", ".join(f"{k} {v:.3f}" for k, v in scores.items() if v is not None)
    typer.echo(f"{output}: learned.v1 trained on {training.name} in"
               f" {card['training_seconds']} s" + (f"; dev: {shown}" if shown else ""))  # fmt: skip
    if card["training"]["quotes_overlapping_another"]:
        count = card["training"]["quotes_overlapping_another"]
        typer.echo(f"{count} training quote(s) overlap another: learned only where they do not",
                   err=True)  # fmt: skip
