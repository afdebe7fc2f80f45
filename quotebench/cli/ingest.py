"""``quotebench ingest``: a plain-text article into an un-annotated document."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from quotebench.corpus import UnusableInput, check_output, ingest_file, write_documents

from .app import app
from .common import reporting


def _pairs(items: list[str]) -> dict[str, str]:
    pairs = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UnusableInput(f"--meta {item!r}: expected KEY=VALUE")
        if key in pairs:
            raise UnusableInput(f"--meta {key}: given twice ({pairs[key]!r}, {value!r})")
        pairs[key] = value
    return pairs


@app.command()
def ingest(
    file: Annotated[Path, typer.Argument(help="A UTF-8 plain-text article.")],
    doc_id: Annotated[str, typer.Option("--id", help="The document's id, e.g. seed-001.")],
    meta: Annotated[
        list[str] | None, typer.Option(help="KEY=VALUE metadata (title, outlet, url, ...).")
    ] = None,
    output: Annotated[
        Path | None, typer.Option(help="Write the document here (default: stdout).")
    ] = None,
) -> None:
    """Turn an article into a document: text unchanged byte for byte, sha256 recorded."""
    with reporting():
        if output is not None:
            check_output(output, [file])
        document = ingest_file(file, doc_id, _pairs(meta or []))
        if output is None:
            typer.echo(document.to_json())
        else:
            write_documents(output, [document], [file])
