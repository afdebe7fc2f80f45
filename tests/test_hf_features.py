"""Hugging Face Features derived from the data model."""

from __future__ import annotations

from typing import Any, Literal

import datasets
import pytest
from hypothesis import HealthCheck, given, settings
from pydantic import BaseModel

from quotebench.corpus import (
    QUOTE_TYPES,
    STANCE_LABELS,
    Document,
    InvalidData,
    Quote,
    Span,
    Stance,
    Target,
)
from quotebench.corpus.hf_build import dataset_tables
from quotebench.corpus.hf_features import (
    document_features,
    feature_for,
    model_features,
    plain_value,
    quote_row_features,
    target_features,
)
from tests.strategies import documents


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        (str, datasets.Value("string")),
        (int | None, datasets.Value("int64")),
        (float | None, datasets.Value("float64")),
        (bool, datasets.Value("bool")),
        (tuple[str, ...], datasets.List(datasets.Value("string"))),
        (Literal["b", "a"], datasets.ClassLabel(names=["b", "a"])),
        (dict[str, Any], datasets.Json()),
        (
            Span,
            {
                "start": datasets.Value("int64"),
                "end": datasets.Value("int64"),
                "text": datasets.Value("string"),
            },
        ),
    ],
)
def test_feature_for_each_kind_of_annotation(annotation: Any, expected: Any) -> None:
    assert feature_for(annotation) == expected


@pytest.mark.parametrize("annotation", [set[int], list[str], bytes, int | str])
def test_unknown_annotations_are_refused(annotation: Any) -> None:
    with pytest.raises(TypeError, match="no Hugging Face feature"):
        feature_for(annotation)


def _same_shape(model: type[BaseModel], struct: dict[str, Any]) -> None:
    """Every field of ``model`` (recursively) has a feature of the same name, and no more."""
    assert list(struct) == list(model.model_fields)
    for name, field in model.model_fields.items():
        inner = struct[name].feature if isinstance(struct[name], datasets.List) else struct[name]
        args = getattr(field.annotation, "__args__", ())
        child = args[0] if args else field.annotation
        if isinstance(child, type) and issubclass(child, BaseModel):
            _same_shape(child, inner)


@pytest.mark.parametrize(
    ("features", "model"), [(document_features, Document), (target_features, Target)]
)
def test_features_follow_the_model_field_by_field(features: Any, model: type) -> None:
    _same_shape(model, dict(features()))


def test_quote_rows_hold_the_quote_fields_and_its_stances() -> None:
    features = quote_row_features()
    assert {k: features[k] for k in Quote.model_fields} == model_features(Quote)
    assert features["stances"] == datasets.List(model_features(Stance))
    assert {"document_id", "annotator", "speaker_name", "source_text"} <= set(features)


@pytest.mark.parametrize(
    ("feature", "names"),
    [
        (lambda: document_features()["quotes"].feature["type"], QUOTE_TYPES),
        (lambda: document_features()["stances"].feature["label"], STANCE_LABELS),
        (lambda: quote_row_features()["type"], QUOTE_TYPES),
        (lambda: quote_row_features()["stances"].feature["label"], STANCE_LABELS),
    ],
)
def test_quote_type_and_stance_label_are_class_labels(feature: Any, names: tuple) -> None:
    assert feature() == datasets.ClassLabel(names=list(names))


def _fits_64_bits(document: Document) -> bool:
    return all(-(2**63) <= v < 2**64 for v in document.meta.extra.values())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_encoded_rows_decode_back_to_the_data(document: Document) -> None:
    if not _fits_64_bits(document):
        with pytest.raises(InvalidData, match=r"meta\.extra"):
            dataset_tables([document], [])
        return
    for table in dataset_tables([document], []):
        for row in table.rows:
            stored = table.features.decode_example(table.features.encode_example(row))
            assert plain_value(dict(table.features), stored) == row
