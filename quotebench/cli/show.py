"""``quotebench show``: a document's speakers, cues and quotes as an HTML page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from quotebench.corpus import UnusableInput, check_output, load_targets, output_file
from quotebench.corpus.render import labelled_spans, render_html

from .app import app
from .common import TargetsOption, reporting, select_documents


@app.command()
def show(
    ref: Annotated[str, typer.Argument(help="A document id in the gold corpus, or a collection.")],
    html: Annotated[Path, typer.Option("--html", help="Where to write the page.")],
    doc_id: Annotated[
        str | None, typer.Option("--id", help="The document to show when a file holds several.")
    ] = None,
    targets: TargetsOption = None,
) -> None:
    """Render one document with a legend (displaCy span style)."""
    with reporting():
        check_output(html, [ref])
        documents = select_documents(ref, doc_id, load_targets(targets))
        if len(documents) > 1:
            ids = ", ".join(sorted({d.id for d in documents}))
            raise UnusableInput(f"{ref} holds {len(documents)} documents ({ids}): choose with --id")
        with output_file(html, [ref]) as handle:
            handle.write(render_html(documents[0]))
    typer.echo(f"{html}: {len(labelled_spans(documents[0]))} span(s) of {documents[0].id}")
