"""``quotebench align``: string-level predictions (quote text, speaker names) to offsets."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer

from quotebench.corpus import check_output, output_file
from quotebench.corpus.align import FUZZY_THRESHOLD, align_prediction
from quotebench.corpus.conventions import get_convention
from quotebench.corpus.model import ALIGN_METHODS
from quotebench.corpus.strings import load_string_predictions

from .app import app
from .common import echo_json, reporting
from .extract import input_documents

__all__ = ["align"]


@app.command()
def align(
    strings: Annotated[
        Path, typer.Argument(help="JSON Lines of string-level predictions (schema --strings).")
    ],
    docs: Annotated[Path, typer.Option(help="The documents they are for: id and text per line.")],
    output: Annotated[Path, typer.Option(help="Where the aligned predictions are written.")],
    threshold: Annotated[
        float, typer.Option(min=0, max=100, help="Similarity (0-100) a fuzzy match must reach.")
    ] = FUZZY_THRESHOLD,
    convention: Annotated[
        str | None, typer.Option(help="The annotation convention the strings follow.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts as JSON.")] = False,
) -> None:
    """Align each quote string with its document's text; unaligned strings are kept in
    annotation.alignment (and scored as false positives). Written only when complete."""
    with reporting():
        check_output(output, [strings, docs])
        rules = None if convention is None else get_convention(convention)
        documents = {d.id: d for d in input_documents(docs)}
        predictions = load_string_predictions(strings, documents)
        methods: Counter[str] = Counter()
        with output_file(output, [strings, docs]) as handle:
            for prediction in predictions:
                aligned = align_prediction(documents[prediction.id], prediction, threshold, rules)
                methods.update(a.method for a in aligned.annotation.alignment)
                handle.write(aligned.to_json() + "\n")
    counts = {"documents": len(predictions), "strings": sum(methods.values())}
    counts.update({method: methods[method] for method in ALIGN_METHODS})
    if as_json:
        echo_json(counts)
        return
    found = ", ".join(f"{counts[m]} {m}" for m in ALIGN_METHODS)
    typer.echo(
        f"{output}: {counts['documents']} document(s), {counts['strings']} string(s): {found}"
    )
