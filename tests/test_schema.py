"""The JSON Schema is derived from the data model and agrees with it."""

from __future__ import annotations

import json

import jsonschema
import pytest
from hypothesis import given, settings

from quotebench.corpus import Document, gold_path
from quotebench.corpus.schema import json_schema
from tests.strategies import documents

VALIDATOR = jsonschema.Draft202012Validator(json_schema())


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(json_schema())


def test_the_gold_conforms_to_the_schema() -> None:
    for line in gold_path().read_text(encoding="utf-8").splitlines():
        VALIDATOR.validate(json.loads(line))


@settings(max_examples=40)
@given(documents())
def test_every_model_document_conforms(document: Document) -> None:
    VALIDATOR.validate(json.loads(document.to_json()))


@pytest.mark.parametrize(
    "change",
    [
        {
            "quotes": [
                {"id": "q", "type": "rumour", "content": [{"start": 0, "end": 1, "text": "x"}]}
            ]
        },
        {
            "stances": [
                {"id": "s", "holder": "e", "target": "t", "label": "maybe", "explicit": True}
            ]
        },
        {"unknown": 1},
        {"text": None},
    ],
)
def test_the_schema_refuses_what_the_model_refuses(change: dict) -> None:
    value = {"id": "d", "text": "x", **change}
    assert not VALIDATOR.is_valid(value)
    with pytest.raises(ValueError):
        Document.model_validate_json(json.dumps(value))
