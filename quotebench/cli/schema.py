"""``quotebench schema``: the JSON Schema of the data model."""

from __future__ import annotations

from quotebench.corpus.schema import json_schema

from .app import app
from .common import echo_json


@app.command()
def schema() -> None:
    """Print the JSON Schema of one document (one line of a collection)."""
    echo_json(json_schema())
