"""Hugging Face ``Features`` derived from the data model by introspecting its fields.

Nothing here restates a field: a pydantic model becomes a struct of its fields, a tuple a
``datasets.List``, a ``Literal`` a ``ClassLabel`` with the literal's values in order, a free
mapping a ``Json`` value, and a scalar (optional or not) its Arrow value type.
"""

from __future__ import annotations

import types
from collections.abc import Iterator, Mapping
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from .model import Document, Quote, Stance
from .targets import Target

__all__ = [
    "FIELD_NOTES",
    "ROOT_MODELS",
    "document_features",
    "feature_for",
    "field_rows",
    "model_features",
    "plain_value",
    "quote_row_features",
    "target_features",
]

_SCALARS = {str: "string", int: "int64", float: "float64", bool: "bool"}
ROOT_MODELS: dict[str, type[BaseModel]] = {
    "documents": Document,
    "quotes": Quote,
    "targets": Target,
}
ROW_MODELS: dict[str, type[BaseModel]] = {"stances": Stance}  # model-valued ``quotes`` columns


def _without_none(annotation: Any) -> Any:
    """``X | None`` -> ``X`` and ``Annotated[X, ...]`` -> ``X``; anything else unchanged."""
    if get_origin(annotation) is Annotated:
        return _without_none(get_args(annotation)[0])
    if get_origin(annotation) in (Union, types.UnionType):
        kept = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(kept) == 1:
            return _without_none(kept[0])
    return annotation


def feature_for(annotation: Any) -> Any:
    """The ``datasets`` feature for one field annotation of the data model.

    Raises ``TypeError`` for an annotation the mapping does not know.
    """
    import datasets

    annotation = _without_none(annotation)
    origin = get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return model_features(annotation)
    if origin is Literal:
        return datasets.ClassLabel(names=[str(value) for value in get_args(annotation)])
    if origin is tuple:
        return datasets.List(feature_for(get_args(annotation)[0]))
    if origin is dict:
        return datasets.Json()
    if annotation in _SCALARS:
        return datasets.Value(_SCALARS[annotation])
    raise TypeError(f"no Hugging Face feature for the annotation {annotation!r}")


def model_features(model: type[BaseModel]) -> dict[str, Any]:
    """A struct (a dict of features) with one feature per field of ``model``, in field order."""
    return {name: feature_for(field.annotation) for name, field in model.model_fields.items()}


def document_features() -> Any:
    """The ``Features`` of the ``documents`` config: one row per document, nested as it is."""
    import datasets

    return datasets.Features(model_features(Document))


def quote_row_features() -> Any:
    """The ``Features`` of the ``quotes`` config: a quote's fields, where it is, who said it,
    and the stances it expresses."""
    import datasets

    text = datasets.Value("string")
    return datasets.Features(
        {
            "document_id": text,
            "annotator": text,
            **model_features(Quote),
            "speaker_name": text,
            "source_text": text,
            "stances": datasets.List(model_features(Stance)),
        }
    )


def target_features() -> Any:
    """The ``Features`` of the ``targets`` config: the stance-target inventory."""
    import datasets

    return datasets.Features(model_features(Target))


def plain_value(feature: Any, value: Any) -> Any:
    """A decoded row value with every ``ClassLabel`` index turned back into its name.

    ``feature`` is the value's feature (a struct dict, ``List``, ``ClassLabel`` or other).
    """
    import datasets

    if value is None:
        return None
    if isinstance(feature, dict):
        return {key: plain_value(sub, value.get(key)) for key, sub in feature.items()}
    if isinstance(feature, datasets.List):
        return [plain_value(feature.feature, item) for item in value]
    if isinstance(feature, datasets.ClassLabel):
        return feature.int2str(value)
    return value


# What each field of the data model (and of a ``quotes`` row) holds, by class and field.
FIELD_NOTES: dict[str, str] = {
    "Document.schema_version": "version of the data model the row follows",
    "Document.id": "stable document id",
    "Document.text": "the article; paragraphs are its lines",
    "Document.meta": "what is known of the source; unknown fields are null",
    "Document.annotation": "who or what produced this version of the annotations",
    "Document.entities": "real-world speakers and stance holders",
    "Document.mentions": "every mention of an annotated entity (names, titles, pronouns)",
    "Document.quotes": "quotations with content, cue, source mention and speaker",
    "Document.stances": "stances of holders toward inventory targets",
    "Document.non_quotes": "quotation-mark spans that are deliberately not quotes",
    "Meta.source_file": "the seed file the text comes from",
    "Meta.sha256": "sha256 of the UTF-8 text",
    "Meta.language": "language code of the text",
    "Meta.title": "headline, null when unknown",
    "Meta.outlet": "publishing outlet, null when unknown",
    "Meta.published": "publication date, null when unknown",
    "Meta.url": "address of the article, null when unknown",
    "Meta.license": "license of the text, null when unknown",
    "Meta.extra": "any other metadata (a JSON object)",
    "Annotation.annotator": "the annotator (or `gold`)",
    "Annotation.origin": "where the annotations come from",
    "Annotation.extractor": "the extractor's versioned name, for system output",
    "Annotation.version": "version of the annotation",
    "Annotation.created": "creation date, null when unknown",
    "Annotation.lead_time": "annotation time in seconds, null when unknown",
    "Annotation.failures": "what the producing system could not process in the document",
    "Annotation.convention": "the registered annotation convention it follows, null if unnamed",
    "Annotation.alignment": "how each quote a system gave as a string became offsets",
    "Annotation.calls": "the requests a remote system (a language model) answered",
    "Alignment.string": "the quote as the system gave it",
    "Alignment.quote": "the quote id it became, null when it could not be aligned",
    "Alignment.method": "exact, normalised, fuzzy or unaligned",
    "Alignment.similarity": "fuzzy similarity (0-100) of its worst fragment",
    "Alignment.type": "the quote type the system gave, null when none",
    "Alignment.speaker": "the speaker as the system wrote it",
    "Call.model": "the model the endpoint answered with",
    "Call.prompt": "the prompt's versioned name",
    "Call.prompt_sha256": "sha256 of the prompt's text",
    "Call.temperature": "sampling temperature",
    "Call.start": "start offset of the stretch of text sent",
    "Call.end": "end offset of the stretch of text sent",
    "Call.prompt_tokens": "prompt tokens the endpoint reported, null when none",
    "Call.completion_tokens": "completion tokens the endpoint reported, null when none",
    "Call.latency": "seconds the answer took when it was received",
    "Entity.id": "entity id, unique in its document",
    "Entity.name": "canonical full name",
    "Entity.kind": "kind of entity",
    "Entity.wikidata": "Wikidata id when the identity is certain, else null",
    "Entity.members": "member entity ids of a group",
    "Span.start": "start offset in `text` (code points)",
    "Span.end": "end offset in `text` (code points, exclusive)",
    "Span.text": "the text at the offsets",
    "Mention.id": "mention id, unique in its document",
    "Mention.entity": "the entity mentioned",
    "NonQuote.reason": "the guideline rule that excludes the span",
    "Quote.id": "quote id, unique in its document",
    "Quote.type": "direct, indirect or mixed",
    "Quote.content": "content segments (several when discontinuous)",
    "Quote.cue": "cue segments (the words that signal the report)",
    "Quote.source": "mention id introducing the speaker, null when none exists",
    "Quote.speaker": "resolved speaker entity id, null when unknown or hypothetical",
    "Quote.parent": "quote id this quote is nested in",
    "Quote.score": "a system's confidence; null in gold",
    "Stance.id": "stance id, unique in its document",
    "Stance.holder": "entity id holding the stance",
    "Stance.quote": "quote id expressing it, null for a stance stated without a quote",
    "Stance.target": "target id in the `targets` config",
    "Stance.label": "favor, against or neutral",
    "Stance.explicit": "whether the content refers to the target and states the position",
    "Stance.evidence": "evidence segments for a stance without a quote",
    "Stance.score": "a system's confidence; null in gold",
    "Target.id": "stable target id",
    "Target.label": "short label",
    "Target.description": "what the target covers and what it does not",
    "Target.entity": "the canonical name of the entity the target is, null for another target",
    "QuoteRow.document_id": "id of the document the quote is in",
    "QuoteRow.annotator": "annotator of that document version",
    "QuoteRow.speaker_name": "name of the speaker entity, null when the speaker is null",
    "QuoteRow.source_text": "text of the source mention, null when the source is null",
    "QuoteRow.stances": "the stances this quote expresses",
}


def _child_model(annotation: Any) -> type[BaseModel] | None:
    args = get_args(annotation)
    inner = args[0] if get_origin(annotation) is tuple else annotation
    return inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None


def _note(model: type, name: str) -> str:
    keys = [f"{cls.__name__}.{name}" for cls in model.__mro__] + [f"QuoteRow.{name}"]
    return next((FIELD_NOTES[key] for key in keys if key in FIELD_NOTES), "")


def _type_name(feature: Any) -> str:
    import datasets

    if isinstance(feature, datasets.List):
        return f"list of {_type_name(feature.feature)}"
    if isinstance(feature, dict):
        return "struct"
    if isinstance(feature, datasets.ClassLabel):
        return "class label: " + ", ".join(f"{i} = {n}" for i, n in enumerate(feature.names))
    if isinstance(feature, datasets.Json):
        return "JSON object"
    return str(feature.dtype)


def field_rows(model: type[BaseModel], features: Mapping[str, Any], prefix: str = "") -> Iterator:
    """``(column path, type, description)`` for every column of a config, nested included.

    ``model`` is the row's model (``Quote`` for a ``quotes`` row, whose extra columns are
    described under ``QuoteRow``).
    """
    import datasets

    for name, feature in features.items():
        yield f"{prefix}{name}", _type_name(feature), _note(model, name)
        field = model.model_fields.get(name)
        child = _child_model(field.annotation) if field else ROW_MODELS.get(name)
        listed = isinstance(feature, datasets.List)
        inner = feature.feature if listed else feature
        if child is not None and isinstance(inner, dict):
            yield from field_rows(child, inner, f"{prefix}{name}{'[]' if listed else ''}.")
