"""The data model: JSON round trips and derived properties."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from pydantic import ValidationError

from quotebench.corpus import Document, check_document
from tests.strategies import TARGET_IDS, documents


@given(documents())
def test_document_json_document_is_identity(document: Document) -> None:
    assert Document.from_json(document.to_json()) == document


@given(documents())
def test_generated_documents_are_valid(document: Document) -> None:
    assert check_document(document, TARGET_IDS) == []


@given(documents())
def test_json_keeps_non_ascii_characters(document: Document) -> None:
    line = document.to_json()
    assert "\n" not in line
    assert json.loads(line)["text"] == document.text


def test_paragraphs_are_the_lines_of_the_text() -> None:
    document = Document(id="d", text="One.\nTwo.\n\nFour.")
    assert document.paragraphs == ["One.", "Two.", "", "Four."]


@pytest.mark.parametrize(
    "line",
    [
        '{"id": "d", "text": "x", "quotes": [{"id": "q", "type": "direct", "content": []}]}',
        '{"id": "d", "text": "x", "unknown_field": 1}',
        '{"id": "d", "text": 5}',
        '{"id": "", "text": "x"}',
        '{"id": "d", "text": "x", "entities": [{"id": "e", "name": "n", "kind": "alien"}]}',
        '{"id": "d", "text": "x", "entities": [{"id": "e", "name": "n", "kind": "person", '
        '"wikidata": "7747"}]}',
        '{"id": "d", "text": "x", "meta": {"sha256": "not-a-hash"}}',
    ],
)
def test_structural_faults_are_refused(line: str) -> None:
    with pytest.raises(ValidationError):
        Document.from_json(line)


def test_documents_are_frozen() -> None:
    document = Document(id="d", text="x")
    with pytest.raises(ValidationError):
        document.id = "other"  # type: ignore[misc]
