"""``quotebench import-seesaw``: the SEESAW stance corpus into documents and a target inventory."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from quotebench.corpus import check_output, output_file
from quotebench.corpus.seesaw import read_seesaw

from .app import app
from .common import reporting

__all__ = ["import_seesaw"]


@app.command("import-seesaw")
def import_seesaw(
    directory: Annotated[
        Path, typer.Argument(help="SEESAW's folder: articles/, annotations/, meta/.")
    ],
    output: Annotated[Path, typer.Option(help="Where the documents are written (JSON Lines).")],
    targets: Annotated[Path, typer.Option(help="Where the target inventory is written (JSON).")],
    split: Annotated[
        list[str] | None,
        typer.Option(help="The stories' splits to import (repeat; default train and valid)."),
    ] = None,
) -> None:
    """One document version per annotator, each triplet a stance on a corpus-level target;
    both files appear only when both are complete."""
    with reporting():
        read = sorted(directory.rglob("*.json")) if directory.is_dir() else []
        check_output(output, [*read, targets])
        check_output(targets, [*read, output])
        imported = read_seesaw(directory, split or ("train", "valid"))
        inventory = [t.model_dump() for t in imported.targets]
        with output_file(output, read) as documents, output_file(targets, read) as listed:
            for document in imported.documents:
                documents.write(document.to_json() + "\n")
            listed.write(json.dumps(inventory, indent=1, ensure_ascii=False) + "\n")
    counts = imported.counts
    typer.echo(
        f"{output}: {counts['documents']} document version(s) of {counts['articles']} article(s),"
        f" {counts['stances']} stance(s); {targets}: {len(inventory)} target(s)"
    )
    for what, count in sorted(counts.items()):
        if what not in ("documents", "articles", "stances"):
            typer.echo(f"{what}: {count}")
