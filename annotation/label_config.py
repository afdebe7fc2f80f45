"""The Label Studio labeling config, derived from the data model and the target inventory.

Regions are spans of the text labelled ``SPEAKER`` (mentions), ``CUE``, ``QUOTE`` (content),
``EVIDENCE`` (of a stance stated without a quote) and ``NON_QUOTE``. Per-region controls carry
what a span alone cannot: a quote's type, speaker and stances; a mention's entity; a stance's
target, label and holder; a non-quote's reason. Relations link a quote to its source mention,
its cue segments, its further content segments and its parent quote.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import quoteattr

from quotebench.corpus.model import ENTITY_KINDS, QUOTE_TYPES, STANCE_LABELS
from quotebench.corpus.targets import Target

__all__ = [
    "IMPLICIT_SUFFIX",
    "RELATIONS",
    "SPAN_LABELS",
    "STANCE_PREFIX",
    "TEXT_NAME",
    "label_config",
    "stance_choices",
    "stance_control",
]

TEXT_NAME = "text"
SPAN_LABELS = ("SPEAKER", "CUE", "QUOTE", "EVIDENCE", "NON_QUOTE")
RELATIONS = ("source", "cue", "segment", "parent")
IMPLICIT_SUFFIX = " (implicit)"
STANCE_PREFIX = "stance_"
_COLOURS = dict(
    zip(SPAN_LABELS, ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#7f7f7f"), strict=True)
)


def stance_choices() -> tuple[str, ...]:
    """Choice values of one stance: each label, explicit or implicit (``favor (implicit)``)."""
    return tuple(v for label in STANCE_LABELS for v in (label, label + IMPLICIT_SUFFIX))


def stance_control(target_id: str) -> str:
    """The name of the per-quote control holding the stance toward ``target_id``."""
    return STANCE_PREFIX + target_id


_WHITESPACE = {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"}  # kept through attribute normalisation


def _tag(name: str, attrs: dict[str, str], children: Iterable[str] = (), indent: int = 0) -> str:
    pad = "  " * indent
    rendered = "".join(f" {key}={quoteattr(value, _WHITESPACE)}" for key, value in attrs.items())
    inner = list(children)
    if not inner:
        return f"{pad}<{name}{rendered}/>"
    return "\n".join([f"{pad}<{name}{rendered}>", *inner, f"{pad}</{name}>"])


def _choices(name: str, values: Iterable[str], indent: int, **attrs: str) -> str:
    options = [_tag("Choice", {"value": v}, indent=indent + 1) for v in values]
    base = {"name": name, "toName": TEXT_NAME, "perRegion": "true", **attrs}
    return _tag("Choices", base, options, indent)


def _text_area(name: str, indent: int, **attrs: str) -> str:
    base = {"name": name, "toName": TEXT_NAME, "perRegion": "true", "maxSubmissions": "1"}
    return _tag("TextArea", {**base, **attrs}, indent=indent)


def _when(label: str, children: list[str]) -> str:
    attrs = {"visibleWhen": "region-selected", "whenTagName": "span", "whenLabelValue": label}
    return _tag("View", attrs, children, 1)


def _quote_view(targets: tuple[Target, ...]) -> str:
    children = [
        _tag("Header", {"value": "Quote type"}, indent=2),
        _choices("type", QUOTE_TYPES, 2, required="true", choice="single"),
        _text_area("speaker", 2, placeholder="speaker entity id (default: the source's entity)"),
    ]
    if targets:
        placeholder = "one line per stance: target stance-id holder"
        children.append(_text_area("stances", 2, placeholder=placeholder))
    for target in targets:
        children.append(_tag("Header", {"value": f"Stance: {target.label}"}, indent=2))
        children.append(_choices(stance_control(target.id), stance_choices(), 2, choice="single"))
    return _when("QUOTE", children)


def _evidence_view(targets: tuple[Target, ...]) -> str:
    return _when(
        "EVIDENCE",
        [
            _choices("target", [t.id for t in targets], 2, choice="single"),
            _choices("label", stance_choices(), 2, choice="single"),
            _text_area("holder", 2, placeholder="holder entity id"),
        ],
    )


def label_config(targets: Iterable[Target]) -> str:
    """The labeling config (XML) for the given stance-target inventory; with no targets, no
    stance controls and no ``EVIDENCE`` label. Every label and id is escaped."""
    targets = tuple(targets)
    kinds = ", ".join(ENTITY_KINDS)
    spans = [v for v in SPAN_LABELS if targets or v != "EVIDENCE"]
    labels = [_tag("Label", {"value": v, "background": _COLOURS[v]}, indent=2) for v in spans]
    children = [
        _tag("Relations", {}, [_tag("Relation", {"value": r}, indent=2) for r in RELATIONS], 1),
        _tag("Labels", {"name": "span", "toName": TEXT_NAME}, labels, 1),
        _tag("Text", {"name": TEXT_NAME, "value": "$text", "granularity": "symbol"}, indent=1),
        _tag(
            "Header",
            {"value": f"Entities: id | name | kind ({kinds}) | wikidata | members"},
            indent=1,
        ),
        _tag("TextArea", {"name": "entities", "toName": TEXT_NAME, "editable": "true"}, indent=1),
        _when("SPEAKER", [_text_area("entity", 2), _text_area("wikidata", 2)]),
        _quote_view(targets),
        *([_evidence_view(targets)] if targets else []),
        _when("NON_QUOTE", [_text_area("reason", 2, placeholder="guideline rule")]),
    ]
    return _tag("View", {}, children) + "\n"
