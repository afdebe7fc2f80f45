"""Tagged tokens into quotes: each content run is tied to the cue it depends on (else the
nearest cue of its sentence, else of its paragraph), the contents of one cue form one
quote, and the cue's source is the source run it governs (else the nearest)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from quotebench.baselines.common.builder import DocumentBuilder
from quotebench.baselines.common.spans import make_span
from quotebench.baselines.common.speakers import SpeakerResolver
from quotebench.corpus import Span

from .labels import tag_runs

__all__ = ["add_quotes"]

_MAX_HOPS = 6


@dataclass
class _Quote:
    """A quote being assembled within one block."""

    offset: int
    content: list[list[Any]]
    cue: list[Any] | None = None
    source: list[Any] | None = None
    position: int = field(init=False)

    def __post_init__(self) -> None:
        self.position = self.offset + self.content[0][0].idx


def _governor(run: list[Any], runs: Sequence[list[Any]]) -> list[Any] | None:
    """The run among ``runs`` holding a syntactic ancestor of ``run``'s head, if any."""
    owner = {t.i: r for r in runs for t in r}
    node = run[0].doc[run[0].i : run[-1].i + 1].root
    for _ in range(_MAX_HOPS):
        if node.head is node:
            return None
        node = node.head
        if node.i in owner:
            return owner[node.i]
    return None


def _distance(a: list[Any], b: list[Any]) -> int:
    return max(a[0].i - b[-1].i, b[0].i - a[-1].i)


def _nearest(run: list[Any], runs: Sequence[list[Any]]) -> list[Any] | None:
    """The run of ``runs`` nearest ``run``: in its sentence if there is one, else anywhere."""
    if not runs:
        return None
    same = [r for r in runs if r[0].sent == run[0].sent]
    return min(same or runs, key=lambda r: (_distance(run, r), r[0].i))


def _related(run: list[Any], runs: Sequence[list[Any]]) -> list[Any] | None:
    return _governor(run, runs) or _nearest(run, runs)


def _block_quotes(offset: int, doc: Any, tags: list[str]) -> list[_Quote]:
    runs: dict[str, list[list[Any]]] = {"CUE": [], "SOURCE": [], "CONTENT": []}
    for kind, start, end in tag_runs(tags):
        tokens = [t for t in doc[start:end] if not t.is_space]
        if tokens:
            runs[kind].append(tokens)
    by_cue: dict[int, _Quote] = {}
    quotes = []
    for content in runs["CONTENT"]:
        cue = _related(content, runs["CUE"])
        joined = by_cue.get(id(cue)) if cue is not None else None
        if joined is not None and _interrupts(joined, content):  # "A," she said, "B."
            joined.content.append(content)
            continue
        quote = _Quote(offset, [content], cue)
        quotes.append(quote)
        if cue is not None:
            by_cue[id(cue)] = quote
            sources = [s for s in runs["SOURCE"] if s[0].sent == cue[0].sent]
            quote.source = _governor(cue, sources) or _source_of(cue, sources)
    return quotes


def _interrupts(quote: _Quote, content: list[Any]) -> bool:
    """Whether the quote's own cue or source lies between its last segment and ``content``."""
    after, before = quote.content[-1][-1].i, content[0].i
    return any(part and after < part[0].i < before for part in (quote.cue, quote.source))


def _source_of(cue: list[Any], sources: Sequence[list[Any]]) -> list[Any] | None:
    """The source the cue governs, else the nearest one in its sentence."""
    for source in sources:
        if _governor(source, [cue]) is cue:
            return source
    return _nearest(cue, sources)


def _span(tokens: list[Any], offset: int, text: str) -> Span | None:
    start = offset + tokens[0].idx
    return make_span(text, start, offset + tokens[-1].idx + len(tokens[-1].text))


def _kind(text: str, segments: list[Span], states: bytearray) -> str:
    """direct when every letter or digit lies inside quotation marks, mixed when some do."""
    inside = [states[c] == 1 for s in segments for c in range(s.start, s.end) if text[c].isalnum()]
    return "direct" if inside and all(inside) else "mixed" if any(inside) else "indirect"


def add_quotes(
    builder: DocumentBuilder,
    resolver: SpeakerResolver,
    parsed: list[tuple[int, Any]],
    tags: list[list[str]],
    states: bytearray,
) -> None:
    """Add the quotes that the tags of each parsed block (``(offset, Doc)``) describe, typed
    by the quotation marks around them (``states``: the text's ``features.quote_states``)."""
    text = builder.text
    quotes = [q for (offset, doc), row in zip(parsed, tags, strict=True)
              for q in _block_quotes(offset, doc, row)]  # fmt: skip
    previous = None
    for quote in sorted(quotes, key=lambda q: q.position):
        segments = [s for run in quote.content if (s := _span(run, quote.offset, text))]
        if not segments:
            continue
        source = resolver.mention_of(quote.source, quote.offset) if quote.source else None
        speaker = None
        if quote.cue is None and source is None and previous is not None:
            speaker = previous.speaker
        cue = [s for s in [_span(quote.cue, quote.offset, text)] if s] if quote.cue else []
        kind = _kind(text, segments, states)
        added = builder.add_quote(kind, segments, cue, source=source, speaker=speaker)
        if added is not None:
            resolver.spoke(quote.position, added.speaker)
            previous = added
