"""String-level predictions aligned with their documents' text: quotes with offsets.

Each quote string, in the order given (``textsearch`` describes the normalisation):
1. whole: exactly, then normalised, each step preferring places that share no character
   with an earlier string's quote; among several, the one nearest the end of the previous
   quote;
2. else, when it holds an ellipsis, fragment by fragment (each found as in 1, else
   fuzzily), each after the one before: one discontinuous quote, recorded with its weakest
   fragment's method and similarity;
3. else whole, fuzzily (at ``FUZZY_THRESHOLD``, rapidfuzz's similarity out of 100);
4. else it is unaligned; a string placed exactly where an earlier string's quote is (no
   other place being free) is a duplicate; both are recorded with the string and scored as
   false positives. (A place inside an earlier quote is taken when there is no other: quotes
   nest.)
The speaker becomes a mention when its name (or the last word of a name of several words)
occurs in the quote's paragraphs or the paragraph on either side, outside the quote; else it
is an entity by name alone. A cue is looked for in the same place. A segment that opens
or closes a quotation inside it takes the matching mark beside it. The type, when not given,
comes from the quotation marks of the quote's paragraphs. Content is aligned without its
enclosing quotation marks, which a convention may then add. All aligned text is the
document's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .conventions import Convention
from .marks import quote_type_in, quoted_characters
from .model import Alignment, Document, Entity, Mention, Quote, Span
from .projection import content_marks
from .strings import StringPrediction, StringQuote
from .textsearch import (
    FOLDED_MARKS,
    FUZZY_THRESHOLD,
    MARKS,
    Found,
    Normalised,
    fold,
    normalise,
    positions,
)

__all__ = ["FUZZY_THRESHOLD", "align_prediction"]

ELLIPSIS = re.compile(r"\s*(?:\.\.\.|\. \. \.|\u2026)\s*")
_EDGE_ELLIPSIS = re.compile(r"^\s*(?:\.\.\.|\. \. \.|\u2026)|(?:\.\.\.|\. \. \.|\u2026)\s*$")
_SPACE = " \t\n\r\f\v\u00a0"
_TRIES = 8  # places of a first fragment tried before a fragmented string is unaligned
_RANK = {"exact": 0, "normalised": 1, "fuzzy": 2}
Segments = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class _Match:
    segments: Segments
    method: str
    similarity: float


def align_prediction(
    document: Document,
    prediction: StringPrediction,
    threshold: float = FUZZY_THRESHOLD,
    convention: Convention | None = None,
) -> Document:
    """``document`` with the quotes of ``prediction`` aligned with its text (see the
    module), every string recorded in ``annotation.alignment``; direct content with its
    quotation marks when ``convention`` puts them in the content (else without them)."""
    people = _Context(document.text)
    aligner = _Aligner(people.normalised, threshold)
    quotes: list[Quote] = []
    records: list[Alignment] = []
    for given in prediction.quotes:
        match = aligner.match(given.text)
        if match is None or match.segments in aligner.quotes:
            method = "unaligned" if match is None else "duplicate"
            records.append(_record(given, None, method, None))
            continue
        aligner.take(match.segments)
        quote = _quote(document.text, f"q{len(quotes) + 1}", given, match, people)
        quotes.append(quote)
        records.append(_record(given, quote.id, match.method, match.similarity))
    predicted = Document(
        id=document.id,
        text=document.text,
        meta=document.meta,
        entities=tuple(people.entities.values()),
        mentions=tuple(people.mentions.values()),
        quotes=tuple(quotes),
    )
    if convention is not None:
        predicted = content_marks(predicted, convention).with_convention(convention.name)
    return predicted.with_annotation(
        origin="extractor",
        extractor=prediction.extractor,
        version=prediction.version,
        alignment=tuple(records),
    )


def _record(given: StringQuote, quote: str | None, method: str, similarity: float | None):
    return Alignment(
        string=given.text,
        quote=quote,
        method=method,
        similarity=similarity,
        type=given.type,
        speaker=given.speaker,
    )


def _quote(text: str, quote_id: str, given: StringQuote, match: _Match, people: _Context) -> Quote:
    """The quote ``match`` found for ``given``, with its cue and speaker where found."""
    segments = match.segments
    cue = people.near(given.cue, segments) if given.cue else None
    source, speaker = people.speaker(given.speaker, segments)
    return Quote(
        id=quote_id,
        type=given.type or quote_type_in(text, people.quoted, segments),
        content=tuple(Span(start=a, end=b, text=text[a:b]) for a, b in segments),
        cue=()
        if cue is None
        else (Span(start=cue.start, end=cue.end, text=text[cue.start : cue.end]),),
        source=source,
        speaker=speaker,
    )


_PAIRS = {"\u201c": "\u201d", "\u201e": "\u201d", "\u00ab": "\u00bb", "\u2018": "\u2019"}


def _unmatched(inside: str) -> tuple[str | None, str | None]:
    """The first closing mark of ``inside`` with no opening one before it, and the opening
    mark left open at its end (a right single mark before a letter is an apostrophe; a
    straight double mark opens and closes in turn)."""
    stack: list[str] = []
    first_close: str | None = None
    for k, char in enumerate(inside):
        closing = char in "\u201d\u00bb" or (
            char == "\u2019" and not inside[k + 1 : k + 2].isalpha()
        )
        if char in _PAIRS:
            stack.append(char)
        elif char == '"':
            stack.pop() if stack and stack[-1] == '"' else stack.append('"')
        elif closing and stack and _PAIRS.get(stack[-1]) == char:
            stack.pop()
        elif closing and first_close is None and not stack:
            first_close = char
    return first_close, stack[-1] if stack else None


def _balanced_segment(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``-``end`` widened over the quotation mark (and the punctuation before it) that
    closes one opened inside it, and over the one that opens one closed inside it."""
    closed, left_open = _unmatched(text[start:end])
    if closed is not None and text[start - 1 : start] in (*_PAIRS, '"'):
        start -= 1
    if left_open is not None:
        after = end
        while after < len(text) and text[after] in ".,!?":
            after += 1
        if after < len(text) and text[after] == _PAIRS.get(left_open, '"'):
            end = after + 1
    return start, end


class _Aligner:
    """Finds strings in one text, remembering the previous quote and the characters taken."""

    def __init__(self, normalised: Normalised, threshold: float) -> None:
        self.text, self.normalised, self.threshold = normalised.source, normalised, threshold
        self.taken: list[tuple[int, int]] = []
        self.quotes: set[Segments] = set()
        self.anchor = 0

    def take(self, segments: Segments) -> None:
        """Mark the characters of ``segments`` as one quote's (other places are preferred
        for later strings; the same segments again are a duplicate); the next quote is
        looked for nearest its end."""
        self.taken += segments
        self.quotes.add(segments)
        self.anchor = segments[-1][1]

    def overlaps(self, segments: Segments) -> bool:
        """Whether ``segments`` share a character with a quote already taken."""
        return _overlapping(segments, self.taken)

    def match(self, string: str) -> _Match | None:
        """Where ``string`` (without an ellipsis at either end) lies: whole, exactly or
        normalised; else fragment by fragment; else whole, fuzzily; ``None`` if nowhere."""
        string = _EDGE_ELLIPSIS.sub("", string)
        if not fold(string).strip(FOLDED_MARKS):
            return None
        found = self._whole(string, self.anchor, None, fuzzy=False)
        if found is None and ELLIPSIS.search(string):
            found = self._fragments(string)
        return found or self._whole(string, self.anchor, None, fuzzy=True)

    def _whole(self, string: str, anchor: int, after: int | None, fuzzy: bool) -> _Match | None:
        """The best place of ``string`` whole: an untaken exact, normalised (or, if
        ``fuzzy``, fuzzy) match in that order, else a taken exact or normalised one (a
        duplicate), else ``None``. Each place takes the quotation marks it cuts through."""
        steps = (
            ("exact", self._balanced(self._exact(string))),
            ("normalised", self._balanced(self.normalised.occurrences(string))),
        )
        for method, places in steps:
            best = self._nearest(places, anchor, after, free=True)
            if best is not None:
                return _Match((best,), method, 100.0)
        close = self.normalised.fuzzy(string, self.threshold) if fuzzy else None
        if close is not None and (after is None or close.start >= after):
            (place,) = self._balanced([close])
            return _Match((place,), "fuzzy", close.similarity)
        for method, places in steps:
            best = self._nearest(places, anchor, after, free=False)
            if best is not None:
                return _Match((best,), method, 100.0)
        return None

    def _balanced(self, found: Iterable[Found]) -> list[tuple[int, int]]:
        return [_balanced_segment(self.text, f.start, f.end) for f in found if f.end > f.start]

    def _exact(self, string: str) -> list[Found]:
        needle = string.strip(MARKS + _SPACE)
        return [Found(at, at + len(needle), 100.0) for at in positions(self.text, needle)]

    def _nearest(
        self, places: list[tuple[int, int]], anchor: int, after: int | None, free: bool
    ) -> tuple[int, int] | None:
        """The place nearest ``anchor`` (the earlier on a tie) that starts at ``after`` or
        later and, if ``free``, shares no character with a quote taken."""
        kept = [
            (a, b)
            for a, b in places
            if (after is None or a >= after) and not (free and self.overlaps(((a, b),)))
        ]
        return min(kept, key=lambda p: (abs(p[0] - anchor), p[0]), default=None)

    def _fragments(self, string: str) -> _Match | None:
        """The fragments of ``string`` placed in order, each after the one before; the
        first fragment's exact or normalised places are tried nearest first."""
        parts = [p for p in ELLIPSIS.split(string) if fold(p).strip(FOLDED_MARKS)]
        if len(parts) < 2:
            return None
        places = {p: "normalised" for p in self._balanced(self.normalised.occurrences(parts[0]))}
        places.update({p: "exact" for p in self._balanced(self._exact(parts[0]))})
        nearest = sorted(places.items(), key=lambda kv: (abs(kv[0][0] - self.anchor), kv[0][0]))
        for first in nearest[:_TRIES] or [None]:
            found = self._in_order(parts, first)
            if found is not None:
                return found
        return None

    def _in_order(
        self, parts: list[str], first: tuple[tuple[int, int], str] | None
    ) -> _Match | None:
        """``parts`` placed one after another, the first at ``first`` (a place and its
        method), if given."""
        segments: list[tuple[int, int]] = []
        methods, similarity, anchor, after = [], 100.0, self.anchor, None
        for k, part in enumerate(parts):
            found = _Match((first[0],), first[1], 100.0) if k == 0 and first else None
            found = found or self._whole(part, anchor, after, fuzzy=True)
            if found is None:
                return None
            segments += found.segments
            methods.append(found.method)
            similarity = min(similarity, found.similarity)
            anchor = after = found.segments[-1][1]
        merged = _joined(self.text, segments)
        return _Match(merged, max(methods, key=_RANK.__getitem__), similarity)


def _joined(text: str, segments: list[tuple[int, int]]) -> Segments:
    """``segments`` with neighbours that only an ellipsis of the text itself (or spaces)
    separates joined into one."""
    joined = [segments[0]]
    for start, end in segments[1:]:
        if not text[joined[-1][1] : start].strip(" .\u2026"):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return tuple(joined)


@dataclass
class _Context:
    """A text read for speakers and cues (normalised, its quoted characters, its paragraph
    starts) and the entities and mentions made there, one entity per name."""

    text: str
    entities: dict[str, Entity] = field(default_factory=dict)
    mentions: dict[tuple[int, int], Mention] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.normalised: Normalised = normalise(self.text)
        self.quoted = quoted_characters(self.text)
        self.breaks = [0, *(m.end() for m in re.finditer("\n+", self.text)), len(self.text) + 1]

    def speaker(self, name: str | None, segments: Segments) -> tuple[str | None, str | None]:
        """The source mention and the speaker entity for the speaker ``name`` of a quote."""
        if name is None or not fold(name).strip():
            return None, None
        entity = self._entity(name)
        words = name.split()
        found = self.near(name, segments) or (
            self.near(words[-1], segments) if len(words) > 1 and len(words[-1]) > 1 else None
        )
        if found is None:
            return None, entity.id
        span = (found.start, found.end)
        if span in self.mentions and self.mentions[span].entity != entity.id:
            return None, entity.id  # that name is another speaker's mention
        if span not in self.mentions:
            mention_id = f"m{len(self.mentions) + 1}"
            text = self.text[found.start : found.end]
            self.mentions[span] = Mention(
                id=mention_id, start=found.start, end=found.end, text=text, entity=entity.id
            )
        return self.mentions[span].id, self.mentions[span].entity

    def _entity(self, name: str) -> Entity:
        key = fold(name).strip()
        if key not in self.entities:
            self.entities[key] = Entity(
                id=f"e{len(self.entities) + 1}", name=" ".join(name.split()), kind="other"
            )
        return self.entities[key]

    def near(self, words: str, segments: Segments) -> Found | None:
        """The occurrence of ``words`` (whole words, outside the quote) nearest the quote in
        its paragraphs and the one on either side; ``None`` when there is none."""
        low, high = self._around(segments)
        start, end = segments[0][0], segments[-1][1]
        found = [
            f
            for f in self.normalised.occurrences(words)
            if low <= f.start
            and f.end <= high
            and self._whole_words(f)
            and not _overlapping(((f.start, f.end),), segments)
        ]
        return min(
            found, key=lambda f: (max(start - f.end, f.start - end, 0), f.start), default=None
        )

    def _around(self, segments: Segments) -> tuple[int, int]:
        from bisect import bisect_right

        first = bisect_right(self.breaks, segments[0][0]) - 1
        last = bisect_right(self.breaks, segments[-1][1] - 1) - 1
        return self.breaks[max(first - 1, 0)], self.breaks[min(last + 2, len(self.breaks) - 1)] - 1

    def _whole_words(self, found: Found) -> bool:
        before = self.text[found.start - 1] if found.start else " "
        after = self.text[found.end] if found.end < len(self.text) else " "
        return not before.isalnum() and not after.isalnum()


def _overlapping(spans: Sequence[tuple[int, int]], others: Sequence[tuple[int, int]]) -> bool:
    """Whether a span of ``spans`` shares a character with one of ``others``."""
    return any(a < d and c < b for a, b in spans for c, d in others)
