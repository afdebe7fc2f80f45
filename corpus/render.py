"""A document's annotations drawn over its own text, as an HTML page.

The text is written once, unchanged (``white-space: pre-wrap`` keeps its spaces and line
breaks), so the page's text is the document's text. Each labelled span is underlined in its
colour at a depth of its own (spans that overlap never share a depth) and its label, an
inline element of class ``qb-label``, stands where the span begins: labels take their place
in the line, so they never overlap each other or another line. A table lists each quote
with its type, speaker, source, cue and content.
"""

from __future__ import annotations

import html
import itertools
from collections.abc import Iterator, Sequence

from .model import QUOTE_TYPES, Document, Quote, Span

__all__ = [
    "LABEL_COLORS",
    "STYLE",
    "labelled_spans",
    "legend",
    "quote_table",
    "render_html",
    "render_spans",
]

LABEL_COLORS = {
    "SPEAKER": "#7aecec",
    "CUE": "#feca74",
    **{
        f"QUOTE-{t.upper()}": c
        for t, c in zip(QUOTE_TYPES, ("#aa9cfc", "#bfe1d9", "#ff9561"), strict=True)
    },
}
STRIPE = 4  # pixels per underline depth: a 3-pixel stripe and a 1-pixel gap
LINE_HEIGHT = 26  # pixels of a line with no underline
Labelled = tuple[int, int, str]
STYLE = (
    ".qb-text{white-space:pre-wrap;overflow-wrap:anywhere}"
    ".qb-seg{-webkit-box-decoration-break:clone;box-decoration-break:clone}"
    ".qb-label{display:inline-block;font-size:.62em;font-weight:bold;line-height:1.25;"
    "padding:0 3px;margin:0 2px 0 1px;border-radius:3px;color:#000;vertical-align:.15em;"
    "white-space:nowrap;user-select:none}"
    ".qb-quotes{border-collapse:collapse;margin:1em 0}"
    ".qb-quotes td,.qb-quotes th{border:1px solid #ccc;padding:2px 6px;vertical-align:top}"
)


def labelled_spans(document: Document) -> list[Labelled]:
    """Every span to show, as ``(start, end, label)``: mentions, cue and content segments."""
    spans = [(m.start, m.end, f"SPEAKER {m.entity}") for m in document.mentions]
    for quote in document.quotes:
        spans += [(c.start, c.end, f"CUE {quote.id}") for c in quote.cue]
        kind = f"QUOTE-{quote.type.upper()}"
        spans += [(s.start, s.end, f"{kind} {quote.id}") for s in quote.content]
    return sorted(spans)


def _depths(spans: Sequence[Labelled]) -> list[int]:
    """A depth per span (in the order given): the lowest not taken by an overlapping span."""
    order = sorted(range(len(spans)), key=lambda k: (spans[k][0], -spans[k][1], spans[k][2]))
    depths = [0] * len(spans)
    open_spans: list[int] = []
    for k in order:
        open_spans = [j for j in open_spans if spans[j][1] > spans[k][0]]
        taken = {depths[j] for j in open_spans}
        depths[k] = next(d for d in range(len(taken) + 1) if d not in taken)
        open_spans.append(k)
    return depths


def _pieces(text: str, spans: Sequence[Labelled]) -> Iterator[tuple[int, int, list[int]]]:
    """``(start, end, indices of the spans covering it)`` for each stretch between bounds."""
    bounds = sorted({0, len(text), *(p for s in spans for p in s[:2])})
    for start, end in itertools.pairwise(bounds):
        yield start, end, [k for k, s in enumerate(spans) if s[0] <= start and end <= s[1]]


def _label(text: str, color: str) -> str:
    return f'<span class="qb-label" style="background:{color}">{html.escape(text)}</span>'


def _segment(
    piece: str,
    covering: list[int],
    spans: Sequence[Labelled],
    depths: list[int],
    colors: dict[str, str],
) -> str:
    """A stretch of text with a stripe below it per span covering it, at the span's depth."""
    if not covering:
        return html.escape(piece)
    slots = max(depths[k] for k in covering) + 1
    layers = []
    for k in covering:
        color = colors[spans[k][2]]
        above_bottom = (slots - 1 - depths[k]) * STRIPE
        layers.append(
            f"linear-gradient({color},{color}) 0 calc(100% - {above_bottom}px) / 100% 3px no-repeat"
        )
    names = html.escape("; ".join(spans[k][2] for k in covering), quote=True)
    style = f"padding-bottom:{slots * STRIPE}px;background:{','.join(layers)}"
    return f'<span class="qb-seg" title="{names}" style="{style}">{html.escape(piece)}</span>'


def render_spans(text: str, spans: Sequence[Labelled], colors: dict[str, str]) -> str:
    """``text`` with ``(start, end, label)`` spans underlined and labelled (see the module)."""
    spans = sorted(spans)
    depths = _depths(spans)
    parts = []
    for start, end, covering in _pieces(text, spans):
        starting = sorted((k for k in covering if spans[k][0] == start), key=depths.__getitem__)
        parts += [_label(spans[k][2], colors[spans[k][2]]) for k in starting]
        parts.append(_segment(text[start:end], covering, spans, depths, colors))
    height = LINE_HEIGHT + STRIPE * (max(depths, default=-1) + 1)
    return f'<div class="qb-text" style="line-height:{height}px">{"".join(parts)}</div>'


def _joined(spans: Sequence[Span], limit: int = 240) -> str:
    text = " \u2026 ".join(s.text for s in spans)
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _quote_row(document: Document, quote: Quote) -> list[str]:
    names = {e.id: e.name for e in document.entities}
    sources = {m.id: m.text for m in document.mentions}
    speaker = f"{names.get(quote.speaker, '')} ({quote.speaker})" if quote.speaker else "-"
    return [
        quote.id,
        quote.type,
        speaker,
        sources.get(quote.source or "", "-"),
        _joined(quote.cue) or "-",
        _joined(quote.content),
    ]


def quote_table(document: Document, caption: str = "Quotes") -> str:
    """An HTML table of the document's quotes: id, type, speaker, source, cue, content."""
    header = ("quote", "type", "speaker", "source", "cue", "content")
    head = "".join(f"<th>{h}</th>" for h in header)
    rows = "".join(
        "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in _quote_row(document, q)) + "</tr>"
        for q in document.quotes
    )
    return (
        f'<table class="qb-quotes"><caption>{html.escape(caption)}'
        f" ({len(document.quotes)})</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def legend(colors: dict[str, str]) -> str:
    """The legend: a swatch and a name per label kind."""
    return "".join(
        f'<li><span class="swatch" style="background:{c}"></span>{html.escape(label)}</li>'
        for label, c in colors.items()
    )


def render_html(document: Document) -> str:
    """A standalone HTML page: the legend, the text with every labelled span drawn, and the
    table of quotes."""
    spans = labelled_spans(document)
    colors = {label: LABEL_COLORS[label.split(" ")[0]] for _, _, label in spans}
    entities = "".join(
        f"<li><b>{html.escape(e.id)}</b> {html.escape(e.name)} ({e.kind}"
        f"{', ' + e.wikidata if e.wikidata else ''})</li>"
        for e in document.entities
    )
    title = html.escape(document.meta.title or document.id)
    return (
        f'<!DOCTYPE html>\n<html lang="{html.escape(document.meta.language or "en")}">'
        f'<head><meta charset="utf-8"><title>{title}</title><style>'
        "body{font-family:sans-serif;margin:2em;max-width:60em}"
        ".legend{list-style:none;padding:0}"
        ".legend li{display:inline-block;margin-right:1.5em}"
        ".swatch{display:inline-block;width:1em;height:1em;margin-right:.3em;vertical-align:middle}"
        f"{STYLE}</style></head><body><h1>{title}</h1>"
        f'<ul class="legend">{legend(LABEL_COLORS)}</ul><h2>Speakers</h2>'
        f'<ul class="entities">{entities}</ul>'
        f"<h2>Text</h2>{render_spans(document.text, spans, colors)}"
        f"<h2>Quotes</h2>{quote_table(document)}</body></html>\n"
    )
