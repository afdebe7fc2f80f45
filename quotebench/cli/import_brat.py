"""``quotebench import-brat``: a brat attribution corpus (PolNeAR and alike) into documents."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from quotebench.corpus import check_output, write_documents
from quotebench.corpus.brat import DEFAULT_CONVENTION, read_brat

from .app import app
from .common import reporting


@app.command("import-brat")
def import_brat(
    directory: Annotated[
        Path, typer.Argument(help="text/*.txt + attributions/*.ann, or x.txt + x.ann side by side.")
    ],
    output: Annotated[Path, typer.Option(help="Where the documents are written (JSON Lines).")],
    lenient: Annotated[
        bool,
        typer.Option(help="Leave out (count and list) events whose roles have the wrong label."),
    ] = False,
    convention: Annotated[
        str, typer.Option(help="The convention the corpus follows (recorded in each document).")
    ] = DEFAULT_CONVENTION,
) -> None:
    """Import Source/Cue/Content annotations and their Attribution relations as quotes."""
    with reporting():
        read = sorted(directory.rglob("*")) if directory.is_dir() else []
        check_output(output, read)
        imported = read_brat(directory, lenient=lenient, convention=convention)
        write_documents(output, imported.documents, read)
    for problem in imported.left_out:
        typer.echo(f"left out: {problem}", err=True)
    quotes = sum(len(d.quotes) for d in imported.documents)
    typer.echo(f"{output}: {len(imported.documents)} document(s), {quotes} quote(s)")
