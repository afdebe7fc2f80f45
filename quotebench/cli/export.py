"""``quotebench export``: documents in other tools' formats (spaCy DocBin, brat, JSON Schema)."""

from __future__ import annotations

import enum
import json
from pathlib import Path
from typing import Annotated

import typer

from quotebench.corpus import UnusableInput, check_output, load_targets, output_file

from .app import app
from .common import OverwriteOption, TargetsOption, reporting, select_documents


class Format(enum.StrEnum):
    """The formats ``export`` writes."""

    spacy = "spacy"
    brat = "brat"
    jsonschema = "jsonschema"


def _write(
    kind: Format, ref: str | None, output: Path, targets: Path | None, overwrite: bool
) -> str:
    """Write one format; returns what was written, for the summary line."""
    inputs = [Path(ref) if ref and Path(ref).exists() else None, targets]
    check_output(output, inputs, folder=kind is Format.brat, overwrite=overwrite)
    if kind is Format.jsonschema:
        from quotebench.corpus.schema import json_schema

        if ref is not None:
            raise UnusableInput("--format jsonschema takes no PATH: the schema is the model's")
        with output_file(output) as handle:
            handle.write(json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n")
        return "the JSON Schema of a document"
    documents = select_documents(ref, targets=load_targets(targets))
    if kind is Format.spacy:
        from quotebench.corpus.spacy_export import write_docbin

        return f"{write_docbin(documents, output, inputs)} doc(s)"
    from quotebench.corpus.brat import write_brat

    written = write_brat(documents, output, inputs, overwrite=overwrite)
    return f"{written} file(s) for {len(documents)} document(s)"


@app.command()
def export(
    kind: Annotated[Format, typer.Option("--format", help="The format to write.")],
    output: Annotated[
        Path, typer.Option(help="The .spacy file, brat folder or schema file to write.")
    ],
    ref: Annotated[
        str | None,
        typer.Argument(
            metavar="PATH", help="A collection file or a gold document id (default: the gold)."
        ),
    ] = None,
    targets: TargetsOption = None,
    overwrite: OverwriteOption = False,
) -> None:
    """Export documents: spaCy DocBin (spans in doc.spans), brat standoff, or JSON Schema."""
    with reporting():
        written = _write(kind, ref, output, targets, overwrite)
    typer.echo(f"{output}: {written}")
