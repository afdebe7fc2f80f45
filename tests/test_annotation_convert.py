"""Documents -> Label Studio results -> documents: lossless, offsets in UTF-16 at the boundary."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from label_studio_sdk.label_interface import LabelInterface

from quotebench.annotation.convert import document_result, document_task, entity_line
from quotebench.annotation.label_config import label_config
from quotebench.annotation.studio_import import document_from_result
from quotebench.corpus import Document, load_gold, load_targets

from .annotation_strategies import TARGETS, documents


def _round_trip(document: Document) -> Document:
    task = document_task(document, prediction=document)
    result = task["predictions"][0]["result"]
    return document_from_result(task["data"], result, document.annotation, TARGETS)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_generated_documents_survive_the_round_trip(document: Document) -> None:
    assert _round_trip(document) == document


@pytest.mark.parametrize("document", load_gold(), ids=lambda d: d.id)
def test_the_gold_survives_the_round_trip(document: Document) -> None:
    assert _round_trip(document) == document


def test_the_gold_predictions_are_valid_for_the_config() -> None:
    interface = LabelInterface(label_config(load_targets()))
    for document in load_gold():
        task = document_task(document, prediction=document)
        assert interface.validate_prediction(task["predictions"][0])


def test_offsets_are_utf16_code_units_at_the_boundary() -> None:
    text = "🇺🇦 Zelenskyy said “yes” 😀."
    start = text.index("Zelenskyy")
    document = Document(
        id="emoji", text=text,
        mentions=(
            {"id": "m", "start": start, "end": start + 9, "text": "Zelenskyy", "entity": "z"},
        ),
        entities=({"id": "z", "name": "Volodymyr Zelenskyy", "kind": "person"},),
    )  # fmt: skip
    region = next(i for i in document_result(document) if i.get("from_name") == "span")
    assert (region["value"]["start"], region["value"]["end"]) == (start + 2, start + 11)
    assert text.encode("utf-16-le")[2 * (start + 2) : 2 * (start + 11)].decode("utf-16-le") == (
        "Zelenskyy"
    )


def test_a_task_without_a_prediction_carries_only_the_text_and_identity() -> None:
    document = load_gold()[0]
    task = document_task(document)
    assert set(task) == {"data"}
    assert task["data"]["text"] == document.text
    assert task["data"]["document"]["id"] == document.id


def test_entity_lines_list_members() -> None:
    group = load_gold()[0].entities[7]
    assert entity_line(group).endswith(" | " + ",".join(group.members))
