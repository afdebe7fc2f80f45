"""A checked Label Studio result list (``regions.Parsed``) rebuilt as the data model's parts."""

from __future__ import annotations

from typing import Any

from .convert import EVIDENCE_PREFIX, MENTION_PREFIX, QUOTE_PREFIX
from .label_config import IMPLICIT_SUFFIX, STANCE_PREFIX
from .regions import Parsed, Region, ResultError

__all__ = ["rebuild"]

Part = dict[str, Any]


def _model_id(region_id: str, prefix: str) -> str:
    return region_id.removeprefix(prefix) or region_id


def _span(region: Region) -> Part:
    return {"start": region.start, "end": region.end, "text": region.text}


def _one(region: Region, name: str, required: bool = False, strip: bool = True) -> str | None:
    values = region.values.get(name)
    if required and not values:
        raise ResultError(region.id, f"a {region.label} region needs its {name!r}")
    if not values:
        return None
    return values[0].strip() if strip else values[0]


def _stance_value(value: str) -> tuple[str, bool]:
    label = value.removesuffix(IMPLICIT_SUFFIX)
    return label, label == value


class _Builder:
    def __init__(self, parsed: Parsed) -> None:
        self.parsed = parsed
        self.regions = parsed.regions
        self.links: dict[tuple[str, str], list[str]] = {}
        for relation in parsed.relations:
            self.links.setdefault((relation.source, relation.label), []).append(relation.target)
        targets = [r.target for r in parsed.relations if r.label == "segment"]
        self.segments = set(targets)
        repeated = sorted(t for t in self.segments if targets.count(t) > 1)
        if repeated:
            raise ResultError(repeated[0], "is a segment of more than one region")

    def labelled(self, label: str, heads_only: bool = False) -> list[Region]:
        return [
            r
            for r in self.regions.values()
            if r.label == label and not (heads_only and r.id in self.segments)
        ]

    def spans(self, head: Region) -> list[Part]:
        rest = self.links.get((head.id, "segment"), [])
        return [_span(head), *(_span(self.regions[r]) for r in rest)]

    def single(self, head: Region, label: str) -> str | None:
        targets = self.links.get((head.id, label), [])
        if len(targets) > 1:
            raise ResultError(head.id, f"has {len(targets)} {label!r} relations, at most 1")
        return targets[0] if targets else None


def _entity_line(number: int, line: str) -> Part:
    head = line.split(" | ", 1)
    rest = head[1].rsplit(" | ", 3) if len(head) == 2 else []
    if len(rest) != 4:
        raise ResultError(
            "entities", f"line {number} is not 'id | name | kind | wikidata | members'"
        )
    members = [m.strip() for m in rest[3].split(",") if m.strip()]
    wikidata = rest[2].strip() or None
    return {"id": head[0].strip(), "name": rest[0], "kind": rest[1].strip(),
            "wikidata": wikidata, "members": members}  # fmt: skip


def _entities_and_mentions(builder: _Builder) -> tuple[list[Part], list[Part]]:
    lines = enumerate(builder.parsed.entity_lines, start=1)
    entities = {e["id"]: e for e in (_entity_line(n, line) for n, line in lines)}
    mentions = []
    for region in builder.labelled("SPEAKER"):
        entity = _one(region, "entity", required=True)
        default = {"id": entity, "name": region.text, "kind": "other", "wikidata": None}
        entry = entities.setdefault(entity, {**default, "members": []})
        wikidata = _one(region, "wikidata")
        if wikidata and entry["wikidata"] not in (None, wikidata):
            raise ResultError(region.id, f"wikidata {wikidata} differs from {entry['wikidata']}")
        entry["wikidata"] = entry["wikidata"] or wikidata
        mention_id = _model_id(region.id, MENTION_PREFIX)
        mentions.append({"id": mention_id, **_span(region), "entity": entity})
    return list(entities.values()), mentions


def _quote(builder: _Builder, head: Region, entity_of: dict[str, str]) -> Part:
    source = builder.single(head, "source")
    source_id = _model_id(source, MENTION_PREFIX) if source else None
    speaker = _one(head, "speaker")
    if speaker is None:
        speaker = entity_of.get(source_id) if source_id else None
    parent = builder.single(head, "parent")
    if parent in builder.segments:
        raise ResultError(head.id, f"its parent {parent!r} is not a quote's first segment")
    return {
        "id": _model_id(head.id, QUOTE_PREFIX),
        "type": _one(head, "type", required=True),
        "content": builder.spans(head),
        "cue": [_span(builder.regions[c]) for c in builder.links.get((head.id, "cue"), [])],
        "source": source_id,
        "speaker": None if speaker == "null" else speaker,
        "parent": _model_id(parent, QUOTE_PREFIX) if parent else None,
        "score": head.score,
    }


def _details(head: Region) -> dict[str, tuple[str, str]]:
    details = {}
    for line in "\n".join(head.values.get("stances", [])).splitlines():
        fields = line.split()
        if fields and len(fields) != 3:
            raise ResultError(head.id, f"stance line {line!r} is not 'target stance-id holder'")
        if fields:
            details[fields[0]] = (fields[1], fields[2])
    return details


def _quote_stance(head: Region, name: str, quote: Part) -> Part:
    target = name.removeprefix(STANCE_PREFIX)
    stance_id, holder = _details(head).get(target, (None, quote["speaker"]))
    if holder is None:
        raise ResultError(head.id, f"the stance toward {target!r} needs a holder (no speaker)")
    label, explicit = _stance_value(head.values[name][0])
    return {"id": stance_id, "holder": holder, "quote": quote["id"], "target": target,
            "label": label, "explicit": explicit, "score": head.scores.get(name)}  # fmt: skip


def _evidence_stance(builder: _Builder, head: Region) -> Part:
    label, explicit = _stance_value(_one(head, "label", required=True) or "")
    return {
        "id": _model_id(head.id, EVIDENCE_PREFIX),
        "holder": _one(head, "holder", required=True),
        "quote": None,
        "target": _one(head, "target", required=True),
        "label": label,
        "explicit": explicit,
        "evidence": builder.spans(head),
        "score": head.score,
    }


def _stances(builder: _Builder, quotes: dict[str, Part]) -> list[Part]:
    stances = []
    for region_id, name in builder.parsed.order:
        head = builder.regions[region_id]
        if name.startswith(STANCE_PREFIX):
            if region_id in builder.segments:
                raise ResultError(region_id, "a stance belongs on a quote's first segment")
            stances.append(_quote_stance(head, name, quotes[region_id]))
        elif name == "span" and head.label == "EVIDENCE" and region_id not in builder.segments:
            stances.append(_evidence_stance(builder, head))
    used = {s["id"] for s in stances}
    fresh = (f"s{n}" for n in range(1, len(used) + len(stances) + 2) if f"s{n}" not in used)
    return [{**s, "id": s["id"] or next(fresh)} for s in stances]


def rebuild(parsed: Parsed) -> dict[str, list[Part]]:
    """The annotation parts of a document (entities, mentions, quotes, stances, non-quotes)
    as plain mappings; raises ``ResultError`` for a region that misses a required value."""
    builder = _Builder(parsed)
    entities, mentions = _entities_and_mentions(builder)
    entity_of = {m["id"]: m["entity"] for m in mentions}
    quotes = {q.id: _quote(builder, q, entity_of) for q in builder.labelled("QUOTE", True)}
    non_quotes = [
        {**_span(r), "reason": _one(r, "reason", required=True, strip=False)}
        for r in builder.labelled("NON_QUOTE")
    ]
    return {
        "entities": entities,
        "mentions": mentions,
        "quotes": list(quotes.values()),
        "stances": _stances(builder, quotes),
        "non_quotes": non_quotes,
    }
