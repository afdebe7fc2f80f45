"""``quotebench stats``: counts per document and per quote type."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from quotebench.corpus import load_targets
from quotebench.corpus.stats import document_counts, total_counts

from .app import app
from .common import TargetsOption, echo_json, reporting, select_documents


@app.command()
def stats(
    ref: Annotated[
        str | None, typer.Argument(help="A document id in the gold corpus, or a collection file.")
    ] = None,
    targets: TargetsOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
) -> None:
    """Count entities, mentions, quotes (per type), stances (per label) and non-quotes."""
    with reporting():
        documents = select_documents(ref, targets=load_targets(targets))
    rows = [(d.id, d.annotation.annotator, document_counts(d)) for d in documents]
    total = total_counts(counts for _, _, counts in rows)
    if as_json:
        echo_json(
            {
                "documents": [{"id": i, "annotator": a, **c} for i, a, c in rows],
                "total": {"documents": len(rows), **total},
            }
        )
        return
    table = Table(title="quotebench stats")
    table.add_column("document")
    table.add_column("annotator")
    for key in total:
        table.add_column(key.split(".")[-1], justify="right")
    for doc_id, annotator, counts in rows:
        table.add_row(doc_id, annotator or "-", *map(str, counts.values()))
    table.add_row("total", f"{len(rows)} doc(s)", *map(str, total.values()), style="bold")
    Console(width=max(Console().width, 160)).print(table)
