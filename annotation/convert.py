"""Documents to Label Studio tasks and results (see ``label_config`` for the vocabulary).

Region ids carry the model's ids (``mention_m1``, ``quote_q1``, ``evidence_s28``), so a
document survives the trip to Label Studio and back (``studio_import``) unchanged. Offsets
are converted to UTF-16 code units here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from quotebench.corpus.load import Collection
from quotebench.corpus.model import Document, Entity, Quote, Span, Stance
from quotebench.corpus.problems import InvalidData, Problem

from .label_config import IMPLICIT_SUFFIX, TEXT_NAME, stance_control
from .utf16 import Utf16Offsets

__all__ = [
    "CUE_PREFIX",
    "EVIDENCE_PREFIX",
    "MENTION_PREFIX",
    "NON_QUOTE_PREFIX",
    "QUOTE_PREFIX",
    "SEGMENT_MARK",
    "build_tasks",
    "document_result",
    "document_task",
    "entity_line",
    "stance_value",
]

MENTION_PREFIX = "mention_"
QUOTE_PREFIX = "quote_"
EVIDENCE_PREFIX = "evidence_"
CUE_PREFIX = "cue_"
NON_QUOTE_PREFIX = "nonquote_"
SEGMENT_MARK = "~"
Result = list[dict[str, Any]]
Tasks = list[dict[str, Any]]


def entity_line(entity: Entity) -> str:
    """One entity as the annotators write it: ``id | name | kind | wikidata | members``."""
    fields = [entity.id, entity.name, entity.kind, entity.wikidata or "", ",".join(entity.members)]
    return " | ".join(fields)


def stance_value(stance: Stance) -> str:
    """The choice value of a stance: its label, marked when implicit."""
    return stance.label if stance.explicit else stance.label + IMPLICIT_SUFFIX


class _Writer:
    """Builds one result list; offsets converted, regions and relations in document order."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.offsets = Utf16Offsets(document.text)
        self.items: Result = []

    def position(self, span: Span) -> dict[str, int]:
        return {"start": self.offsets.to_units(span.start), "end": self.offsets.to_units(span.end)}

    def region(self, region_id: str, span: Span, label: str, score: float | None = None) -> None:
        value = {**self.position(span), "text": span.text, "labels": [label]}
        self._add(region_id, "span", "labels", value, score)

    def control(self, region_id: str, span: Span, name: str, kind: str, values: list[str]) -> None:
        key = "choices" if kind == "choices" else "text"
        self._add(region_id, name, kind, {**self.position(span), key: values})

    def relation(self, source: str, target: str, label: str) -> None:
        self.items.append(
            {"type": "relation", "from_id": source, "to_id": target, "direction": "right",
             "labels": [label]}
        )  # fmt: skip

    def _add(self, region_id: str, name: str, kind: str, value: dict, score: float | None = None):
        item = {"id": region_id, "from_name": name, "to_name": TEXT_NAME, "type": kind}
        item["value"] = value
        if score is not None:
            item["score"] = score
        self.items.append(item)


def _segments(
    writer: _Writer, head: str, spans: tuple[Span, ...], label: str, score: float | None
) -> None:
    writer.region(head, spans[0], label, score)
    for index, span in enumerate(spans[1:], start=2):
        segment = f"{head}{SEGMENT_MARK}{index}"
        writer.region(segment, span, label)
        writer.relation(head, segment, "segment")


def _speaker_default(document: Document, quote: Quote) -> str | None:
    entities = {m.id: m.entity for m in document.mentions}
    return entities.get(quote.source) if quote.source else None


def _write_quote(writer: _Writer, quote: Quote) -> None:
    head = QUOTE_PREFIX + quote.id
    _segments(writer, head, quote.content, "QUOTE", quote.score)
    writer.control(head, quote.content[0], "type", "choices", [quote.type])
    if quote.speaker != _speaker_default(writer.document, quote):
        writer.control(head, quote.content[0], "speaker", "textarea", [quote.speaker or "null"])
    details = [
        f"{s.target} {s.id} {s.holder}" for s in writer.document.stances if s.quote == quote.id
    ]
    if details:
        writer.control(head, quote.content[0], "stances", "textarea", details)
    for span in quote.cue:
        writer.relation(head, f"{CUE_PREFIX}{span.start}_{span.end}", "cue")
    if quote.source is not None:
        writer.relation(head, MENTION_PREFIX + quote.source, "source")
    if quote.parent is not None:
        writer.relation(head, QUOTE_PREFIX + quote.parent, "parent")


def _write_stance(writer: _Writer, stance: Stance, quotes: dict[str, Quote]) -> None:
    if stance.quote is not None:
        head, span = QUOTE_PREFIX + stance.quote, quotes[stance.quote].content[0]
        writer.control(head, span, stance_control(stance.target), "choices", [stance_value(stance)])
        if stance.score is not None:
            writer.items[-1]["score"] = stance.score
        return
    head = EVIDENCE_PREFIX + stance.id
    _segments(writer, head, stance.evidence, "EVIDENCE", stance.score)
    span = stance.evidence[0]
    writer.control(head, span, "target", "choices", [stance.target])
    writer.control(head, span, "label", "choices", [stance_value(stance)])
    writer.control(head, span, "holder", "textarea", [stance.holder])


def _cues(document: Document) -> Iterator[Span]:
    seen: set[tuple[int, int]] = set()
    for quote in document.quotes:
        for span in quote.cue:
            if (span.start, span.end) not in seen:
                seen.add((span.start, span.end))
                yield span


def document_result(document: Document) -> Result:
    """The Label Studio result list (regions, per-region values, relations) of a document."""
    writer = _Writer(document)
    if document.entities:
        lines = [entity_line(e) for e in document.entities]
        writer.items.append(
            {"id": "entities", "from_name": "entities", "to_name": TEXT_NAME, "type": "textarea",
             "value": {"text": lines}}
        )  # fmt: skip
    wikidata = {e.id: e.wikidata for e in document.entities}
    for mention in document.mentions:
        writer.region(MENTION_PREFIX + mention.id, mention, "SPEAKER")
        writer.control(MENTION_PREFIX + mention.id, mention, "entity", "textarea", [mention.entity])
        if wikidata.get(mention.entity):
            qid = [wikidata[mention.entity]]
            writer.control(MENTION_PREFIX + mention.id, mention, "wikidata", "textarea", qid)
    for span in _cues(document):
        writer.region(f"{CUE_PREFIX}{span.start}_{span.end}", span, "CUE")
    for quote in document.quotes:
        _write_quote(writer, quote)
    quotes = {q.id: q for q in document.quotes}
    for stance in document.stances:
        _write_stance(writer, stance, quotes)
    for index, non_quote in enumerate(document.non_quotes):
        writer.region(f"{NON_QUOTE_PREFIX}{index}", non_quote, "NON_QUOTE")
        writer.control(f"{NON_QUOTE_PREFIX}{index}", non_quote, "reason", "textarea",
                       [non_quote.reason])  # fmt: skip
    return writer.items


def document_task(document: Document, prediction: Document | None = None) -> dict[str, Any]:
    """A Label Studio task: the text, the document's identity and meta, and optionally a
    pre-annotation (``prediction``, e.g. an extractor's output or the gold)."""
    data = {
        TEXT_NAME: document.text,
        "document": {
            "id": document.id,
            "schema_version": document.schema_version,
            "meta": document.meta.model_dump(mode="json"),
            "convention": document.annotation.convention,
        },
    }
    task: dict[str, Any] = {"data": data}
    if prediction is not None:
        origin = prediction.annotation
        version = origin.extractor or origin.annotator or origin.origin
        task["predictions"] = [{"model_version": version, "result": document_result(prediction)}]
    return task


def build_tasks(documents: Iterable[Document], predictions: Collection | None = None) -> Tasks:
    """One task per document, pre-annotated with the prediction of the same id if any.

    Raises ``InvalidData`` (naming the predictions' file and line) for a prediction of a
    document not among ``documents``, a document predicted twice, or a prediction whose
    text differs from its document's.
    """
    documents = list(documents)
    texts = {d.id: d.text for d in documents}
    by_id: dict[str, Document] = {}
    problems = []
    for line, prediction in predictions.entries() if predictions else ():
        message = (
            "no document has this id" if prediction.id not in texts
            else "this document is predicted twice" if prediction.id in by_id
            else "differs from the document's text" if texts[prediction.id] != prediction.text
            else None
        )  # fmt: skip
        if message:
            field = "text" if message.startswith("differs") else "id"
            problems.append(Problem(predictions.name, line, prediction.id, field, message))
        by_id.setdefault(prediction.id, prediction)
    if problems:
        raise InvalidData(problems)
    return [document_task(d, by_id.get(d.id)) for d in documents]
