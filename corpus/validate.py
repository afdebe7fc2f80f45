"""Every invariant of the data model that its types alone cannot express."""

from __future__ import annotations

import hashlib
import itertools
from collections import Counter
from collections.abc import Iterable, Iterator

from .conventions import conventions
from .model import KNOWN_SCHEMA_VERSIONS, Document, Span

__all__ = ["check_document"]

Finding = tuple[str, str]  # (field path, message)


def check_document(document: Document, target_ids: Iterable[str]) -> list[Finding]:
    """All invariant violations of one document as ``(field, message)`` pairs."""
    targets = set(target_ids)
    return [
        *_check_version(document),
        *_check_sha256(document),
        *_check_spans(document),
        *_check_ids(document),
        *_check_references(document, targets),
        *_check_members(document),
        *_check_quotes(document),
        *_check_speakers(document),
        *_check_stances(document),
        *_check_alignment(document),
    ]


def _check_version(document: Document) -> Iterator[Finding]:
    if document.schema_version not in KNOWN_SCHEMA_VERSIONS:
        known = ", ".join(KNOWN_SCHEMA_VERSIONS)
        yield "schema_version", f"unknown version {document.schema_version!r} (known: {known})"
    annotation = document.annotation
    for name, version in (("convention", "1.1"), ("alignment", "1.2"), ("calls", "1.2")):
        if getattr(annotation, name) and document.schema_version < version:
            yield f"annotation.{name}", f"needs schema_version {version} or later"
    convention = annotation.convention
    if convention is None:
        return
    known = conventions.names()
    if convention not in known:
        yield (
            "annotation.convention",
            (f"{convention!r} is not a registered convention (registered: {', '.join(known)})"),
        )


def _check_sha256(document: Document) -> Iterator[Finding]:
    expected = document.meta.sha256
    if expected is not None:
        actual = hashlib.sha256(document.text.encode("utf-8")).hexdigest()
        if actual != expected:
            yield "meta.sha256", f"{expected} does not match the text's sha256 {actual}"


def _all_spans(document: Document) -> Iterator[tuple[str, Span]]:
    yield from ((f"mentions[{i}]", m) for i, m in enumerate(document.mentions))
    yield from ((f"non_quotes[{i}]", n) for i, n in enumerate(document.non_quotes))
    for i, quote in enumerate(document.quotes):
        yield from ((f"quotes[{i}].content[{j}]", s) for j, s in enumerate(quote.content))
        yield from ((f"quotes[{i}].cue[{j}]", s) for j, s in enumerate(quote.cue))
    for i, stance in enumerate(document.stances):
        yield from ((f"stances[{i}].evidence[{j}]", s) for j, s in enumerate(stance.evidence))


def _check_spans(document: Document) -> Iterator[Finding]:
    size = len(document.text)
    for field, span in _all_spans(document):
        if not 0 <= span.start < span.end <= size:
            yield field, f"offsets {span.start}-{span.end} outside the text (0-{size}) or empty"
        elif document.text[span.start : span.end] != span.text:
            found = document.text[span.start : span.end]
            yield f"{field}.text", f"{span.text!r} differs from the text at its offsets: {found!r}"
        elif span.text.isspace():
            yield field, f"offsets {span.start}-{span.end} hold only whitespace"


def _duplicates(ids: Iterable[str]) -> list[str]:
    return sorted(key for key, count in Counter(ids).items() if count > 1)


def _check_ids(document: Document) -> Iterator[Finding]:
    for field in ("entities", "mentions", "quotes", "stances"):
        for duplicate in _duplicates(item.id for item in getattr(document, field)):
            yield field, f"id {duplicate!r} is used more than once"


def _check_references(document: Document, targets: set[str]) -> Iterator[Finding]:
    entities = {e.id for e in document.entities}
    mentions = {m.id for m in document.mentions}
    quotes = {q.id for q in document.quotes}
    refs: list[tuple[str, str | None, set[str], str]] = []
    for i, entity in enumerate(document.entities):
        refs += [
            (f"entities[{i}].members[{j}]", m, entities, "entity")
            for j, m in enumerate(entity.members)
        ]
    refs += [
        (f"mentions[{i}].entity", m.entity, entities, "entity")
        for i, m in enumerate(document.mentions)
    ]
    for i, quote in enumerate(document.quotes):
        refs += [
            (f"quotes[{i}].source", quote.source, mentions, "mention"),
            (f"quotes[{i}].speaker", quote.speaker, entities, "entity"),
            (f"quotes[{i}].parent", quote.parent, quotes, "quote"),
        ]
    for i, stance in enumerate(document.stances):
        refs += [
            (f"stances[{i}].holder", stance.holder, entities, "entity"),
            (f"stances[{i}].quote", stance.quote, quotes, "quote"),
            (f"stances[{i}].target", stance.target, targets, "target"),
        ]
    refs += [
        (f"annotation.alignment[{i}].quote", a.quote, quotes, "quote")
        for i, a in enumerate(document.annotation.alignment)
    ]
    for field, ref, known, kind in refs:
        if ref is not None and ref not in known:
            hint = " of the stance-target inventory (see --targets)" if kind == "target" else ""
            yield field, f"{ref!r} is not a known {kind} id{hint}"


def _check_members(document: Document) -> Iterator[Finding]:
    for i, entity in enumerate(document.entities):
        for member in _duplicates(entity.members):
            yield f"entities[{i}].members", f"lists the member {member!r} more than once"
        if entity.id in entity.members:
            yield f"entities[{i}].members", f"the group {entity.id!r} lists itself as a member"


def _check_speakers(document: Document) -> Iterator[Finding]:
    """A quote's speaker is its source mention's entity (R-SRC): the source is a mention of
    the speaker. Either may be null on its own (R-SPK-NULL, a cue-less quote)."""
    entity_of = {m.id: m.entity for m in document.mentions}
    for i, quote in enumerate(document.quotes):
        entity = entity_of.get(quote.source or "")
        if entity is not None and quote.speaker is not None and quote.speaker != entity:
            yield (
                f"quotes[{i}].speaker",
                f"{quote.speaker!r} is not the entity of the source mention {quote.source!r}"
                f" ({entity!r})",
            )


def _check_quotes(document: Document) -> Iterator[Finding]:
    seen: dict[tuple[tuple[int, int], ...], str] = {}
    gold = document.annotation.origin == "gold"
    for i, quote in enumerate(document.quotes):
        key = tuple(sorted((s.start, s.end) for s in quote.content))
        if key in seen:
            yield f"quotes[{i}].content", f"identical content segments to quote {seen[key]!r}"
        seen.setdefault(key, quote.id)
        if any(a[1] > b[0] for a, b in itertools.pairwise(key)):
            yield f"quotes[{i}].content", "content segments overlap each other"
        if gold and quote.score is not None:
            yield f"quotes[{i}].score", "gold quotes carry no score (null)"
    yield from _check_parent_cycles(document)


def _check_parent_cycles(document: Document) -> Iterator[Finding]:
    parents = {q.id: q.parent for q in document.quotes}
    for i, quote in enumerate(document.quotes):
        seen, current = {quote.id}, quote.parent
        while current is not None and current in parents:
            if current in seen:
                yield f"quotes[{i}].parent", f"quote {quote.id!r} is its own ancestor"
                break
            seen.add(current)
            current = parents[current]


def _check_stances(document: Document) -> Iterator[Finding]:
    pairs = Counter((s.quote, s.target) for s in document.stances if s.quote is not None)
    gold = document.annotation.origin == "gold"
    for i, stance in enumerate(document.stances):
        if stance.quote is None and not stance.evidence:
            yield f"stances[{i}].evidence", "a stance without a quote needs an evidence span"
        if stance.quote is not None and pairs[(stance.quote, stance.target)] > 1:
            yield f"stances[{i}]", f"(quote, target) ({stance.quote!r}, {stance.target!r}) repeats"
        if gold and stance.score is not None:
            yield f"stances[{i}].score", "gold stances carry no score (null)"


def _check_alignment(document: Document) -> Iterator[Finding]:
    """An aligned string names its quote and an unaligned one none; a call's stretch is
    inside the text."""
    for i, record in enumerate(document.annotation.alignment):
        if (record.quote is None) != (record.method in ("unaligned", "duplicate")):
            message = "quote is null exactly when method is unaligned or duplicate"
            yield f"annotation.alignment[{i}]", message
    size = len(document.text)
    for i, call in enumerate(document.annotation.calls):
        if not 0 <= call.start <= call.end <= size:
            yield f"annotation.calls[{i}]", f"offsets {call.start}-{call.end} outside the text"
