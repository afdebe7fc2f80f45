"""``quotebench import-brat``: a brat attribution corpus (PolNeAR and alike) into documents."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from quotebench.corpus import write_documents
from quotebench.corpus.brat import import_brat as import_brat_dir

from .app import app
from .common import reporting


@app.command("import-brat")
def import_brat(
    directory: Annotated[
        Path, typer.Argument(help="text/*.txt + attributions/*.ann, or x.txt + x.ann side by side.")
    ],
    output: Annotated[Path, typer.Option(help="Where the documents are written (JSON Lines).")],
) -> None:
    """Import Source/Cue/Content annotations and their Attribution relations as quotes."""
    with reporting():
        documents = import_brat_dir(directory)
        write_documents(output, documents)
    quotes = sum(len(d.quotes) for d in documents)
    typer.echo(f"{output}: {len(documents)} document(s), {quotes} quote(s)")
