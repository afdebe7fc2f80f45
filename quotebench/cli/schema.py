"""``quotebench schema``: the JSON Schema of the data model."""

from __future__ import annotations

from typing import Annotated

import typer

from quotebench.corpus.schema import json_schema
from quotebench.corpus.strings import strings_schema

from .app import app
from .common import echo_json


@app.command()
def schema(
    strings: Annotated[
        bool, typer.Option("--strings", help="The schema of string-level predictions instead.")
    ] = False,
) -> None:
    """Print the JSON Schema of one document (one line of a collection), or with --strings
    of one line of string-level predictions (the input of quotebench align)."""
    echo_json(strings_schema() if strings else json_schema())
