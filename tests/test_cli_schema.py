"""``quotebench schema`` prints the schema derived from the data model."""

from __future__ import annotations

from quotebench.corpus.schema import json_schema
from tests.cli import run


def test_the_printed_schema_is_the_derived_one() -> None:
    outcome = run("schema")
    assert outcome.code == 0
    assert outcome.json() == json_schema()
    assert set(outcome.json()["properties"]) >= {"id", "text", "quotes", "stances", "non_quotes"}
