"""Reading one Label Studio result list: items checked and grouped into regions and relations."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from quotebench.corpus.model import QUOTE_TYPES

from .label_config import RELATIONS, SPAN_LABELS, stance_choices, stance_control
from .utf16 import Utf16Offsets

__all__ = ["Parsed", "Region", "Relation", "ResultError", "parse_result"]

# which label a per-region control belongs to; stance controls are added per inventory
_CONTROLS = {
    "entity": "SPEAKER",
    "wikidata": "SPEAKER",
    "type": "QUOTE",
    "speaker": "QUOTE",
    "stances": "QUOTE",
    "target": "EVIDENCE",
    "label": "EVIDENCE",
    "holder": "EVIDENCE",
    "reason": "NON_QUOTE",
}
_RELATION_KINDS = {
    "source": {("QUOTE", "SPEAKER")},
    "cue": {("QUOTE", "CUE")},
    "segment": {("QUOTE", "QUOTE"), ("EVIDENCE", "EVIDENCE")},
    "parent": {("QUOTE", "QUOTE")},
}


class ResultError(Exception):
    """A fault in a result list, naming the region (or relation) it was found in."""

    def __init__(self, region: str | None, message: str) -> None:
        self.region = region
        super().__init__(message)


@dataclass
class Region:
    """One span region with every per-region value given to it (offsets in code points)."""

    id: str
    start: int
    end: int
    label: str | None = None
    text: str | None = None
    score: float | None = None
    values: dict[str, list[str]] = field(default_factory=dict)
    scores: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Relation:
    """A labelled link between two regions."""

    source: str
    target: str
    label: str


@dataclass
class Parsed:
    """A checked result list: regions in order, relations, entity lines, value order."""

    regions: dict[str, Region] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    entity_lines: list[str] = field(default_factory=list)
    order: list[tuple[str, str]] = field(default_factory=list)  # (region id, control name)


def _choices_allowed(targets: Iterable[str]) -> dict[str, tuple[str, ...]]:
    stances = stance_choices()
    allowed = {"type": QUOTE_TYPES, "label": stances, "target": tuple(targets)}
    allowed.update({stance_control(t): stances for t in allowed["target"]})
    return allowed


def _strings(item: dict[str, Any], key: str, region: str | None) -> list[str]:
    values = item["value"].get(key)
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values) or not values:
        raise ResultError(region, f"{item['from_name']!r}: value.{key} must be a list of strings")
    return values


class _Reader:
    def __init__(self, text: str, targets: tuple[str, ...]) -> None:
        self.text = text
        self.offsets = Utf16Offsets(text)
        self.allowed = _choices_allowed(targets)
        self.controls = {**_CONTROLS, **{stance_control(t): "QUOTE" for t in targets}}
        self.parsed = Parsed()

    def read(self, index: int, item: object) -> None:
        if not isinstance(item, dict) or not isinstance(item.get("type"), str):
            raise ResultError(None, f"result[{index}] is not an object with a 'type'")
        if item["type"] == "relation":
            self._relation(item)
            return
        region = item.get("id")
        if not isinstance(region, str) or not isinstance(item.get("from_name"), str):
            raise ResultError(None, f"result[{index}] lacks its 'id' or 'from_name'")
        if not isinstance(item.get("value"), dict):
            raise ResultError(region, "the item lacks its 'value'")
        if item["from_name"] == "entities":
            self.parsed.entity_lines += _strings(item, "text", region)
        else:
            self._region_item(region, item)

    def _relation(self, item: dict[str, Any]) -> None:
        ends, labels = (item.get("from_id"), item.get("to_id")), item.get("labels")
        if not all(isinstance(e, str) for e in ends):
            raise ResultError(None, "a relation lacks 'from_id' or 'to_id'")
        name = f"relation {ends[0]}->{ends[1]}"
        if not isinstance(labels, list) or len(labels) != 1 or labels[0] not in RELATIONS:
            raise ResultError(name, f"needs one label of {', '.join(RELATIONS)} (got {labels!r})")
        relation = Relation(ends[0], ends[1], labels[0])
        if relation in self.parsed.relations:
            raise ResultError(name, f"the {labels[0]!r} relation is repeated")
        self.parsed.relations.append(relation)

    def _offsets(self, region: str, value: dict[str, Any]) -> tuple[int, int]:
        start, end = value.get("start"), value.get("end")
        if not isinstance(start, int) or not isinstance(end, int):
            raise ResultError(region, "value.start and value.end must be integers")
        try:
            points = self.offsets.to_points(start), self.offsets.to_points(end)
        except IndexError as error:
            raise ResultError(region, str(error)) from None
        if points[0] >= points[1]:
            raise ResultError(region, f"empty or reversed span {start}-{end}")
        return points

    def _region_item(self, region_id: str, item: dict[str, Any]) -> None:
        start, end = self._offsets(region_id, item["value"])
        region = self.parsed.regions.setdefault(region_id, Region(region_id, start, end))
        if (region.start, region.end) != (start, end):
            raise ResultError(region_id, "its items disagree on the region's offsets")
        name = item["from_name"]
        if name == "span":
            self._label(region, item)
        else:
            self._value(region, name, item)
        self.parsed.order.append((region_id, name))

    def _label(self, region: Region, item: dict[str, Any]) -> None:
        labels = _strings(item, "labels", region.id)
        if region.label is not None or len(labels) != 1 or labels[0] not in SPAN_LABELS:
            raise ResultError(region.id, f"needs exactly one label of {', '.join(SPAN_LABELS)}")
        found = self.text[region.start : region.end]
        if item["value"].get("text") != found:
            given = item["value"].get("text")
            raise ResultError(region.id, f"region text {given!r} differs from the text {found!r}")
        region.label, region.text, region.score = labels[0], found, item.get("score")

    def _value(self, region: Region, name: str, item: dict[str, Any]) -> None:
        if name not in self.controls:
            raise ResultError(region.id, f"unknown control {name!r}")
        if name in region.values:
            raise ResultError(region.id, f"{name!r} is given twice")
        key = "choices" if name in self.allowed else "text"
        values = _strings(item, key, region.id)
        if key == "choices" and (len(values) != 1 or values[0] not in self.allowed[name]):
            raise ResultError(region.id, f"unknown choice {values!r} for {name!r}")
        region.values[name] = values
        if isinstance(item.get("score"), int | float):
            region.scores[name] = float(item["score"])

    def finish(self) -> Parsed:
        seen: dict[tuple[Any, ...], str] = {}
        for region in self.parsed.regions.values():
            if region.label is None:
                raise ResultError(region.id, "the region has values but no label")
            for name in region.values:
                if self.controls[name] != region.label:
                    raise ResultError(region.id, f"{name!r} does not apply to a {region.label}")
            key = (region.label, region.start, region.end, sorted(region.values.items()))
            key = tuple(map(repr, key))
            if key in seen:
                raise ResultError(region.id, f"identical to region {seen[key]!r}")
            seen[key] = region.id
        for relation in self.parsed.relations:
            self._check_relation(relation)
        return self.parsed

    def _check_relation(self, relation: Relation) -> None:
        name = f"relation {relation.source}->{relation.target}"
        regions = self.parsed.regions
        missing = [r for r in (relation.source, relation.target) if r not in regions]
        if missing:
            raise ResultError(name, f"links to missing region {missing[0]!r}")
        kinds = (regions[relation.source].label, regions[relation.target].label)
        if kinds not in _RELATION_KINDS[relation.label]:
            raise ResultError(name, f"a {relation.label!r} relation cannot link {kinds}")


def parse_result(text: str, result: object, targets: Iterable[str]) -> Parsed:
    """Check a result list against the task text and the inventory and group its items.

    Raises ``ResultError`` at the first fault (missing field, unknown control or choice,
    offsets outside the text or disagreeing with it, identical regions, dangling relations).
    """
    if not isinstance(result, list):
        raise ResultError(None, "the result is not a list")
    reader = _Reader(text, tuple(targets))
    for index, item in enumerate(result):
        reader.read(index, item)
    return reader.finish()
