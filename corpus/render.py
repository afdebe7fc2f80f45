"""A document's speakers, cues and quotes as an HTML page (displaCy's span style)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Sequence

from .model import QUOTE_TYPES, Document

__all__ = ["LABEL_COLORS", "labelled_spans", "render_html", "render_spans"]

LABEL_COLORS = {
    "SPEAKER": "#7aecec",
    "CUE": "#feca74",
    **{
        f"QUOTE-{t.upper()}": c
        for t, c in zip(QUOTE_TYPES, ("#aa9cfc", "#bfe1d9", "#ff9561"), strict=True)
    },
}
_BREAK = "\ue000"  # stands for a paragraph break while displaCy lays the tokens out
_LABEL_TEMPLATE = (
    '\n<span style="background: {bg}; top: {top_offset}px; height: 4px; '
    "border-top-left-radius: 3px; border-bottom-left-radius: 3px; left: -1px; "
    'width: calc(100% + 2px); position: absolute;">\n'
    '    <span class="qb-label" style="background: {bg}; z-index: 10; color: #000; top: -0.5em; '
    "padding: 2px 3px; position: absolute; font-size: 0.6em; font-weight: bold; "
    'line-height: 1; border-radius: 3px">{label}{kb_link}</span>\n</span>\n'
)


def labelled_spans(document: Document) -> list[tuple[int, int, str]]:
    """Every span to show, as ``(start, end, label)``: mentions, cue and content segments."""
    spans = [(m.start, m.end, f"SPEAKER {m.entity}") for m in document.mentions]
    for quote in document.quotes:
        spans += [(c.start, c.end, f"CUE {quote.id}") for c in quote.cue]
        kind = f"QUOTE-{quote.type.upper()}"
        spans += [(s.start, s.end, f"{kind} {quote.id}") for s in quote.content]
    return sorted(spans)


def _tokens(text: str, cuts: Iterable[int]) -> Iterator[tuple[int, int]]:
    """Whitespace tokens (newlines kept as tokens), further cut at every span boundary."""
    bounds = sorted(set(cuts))
    for match in re.finditer(r"[^\s]+|\n", text):
        start = match.start()
        for cut in (b for b in bounds if match.start() < b < match.end()):
            yield start, cut
            start = cut
        yield start, match.end()


def render_spans(text: str, spans: Sequence[tuple[int, int, str]], colors: dict[str, str]) -> str:
    """displaCy span markup of ``(start, end, label)`` spans over ``text``, paragraphs kept.

    Spans are drawn on the visible tokens they cover (displaCy draws nothing on whitespace).
    """
    from spacy import displacy

    tokens = list(_tokens(text, [p for s in spans for p in s[:2]]))
    parsed = {
        "text": text,
        "tokens": [text[s:e].replace("\n", _BREAK) for s, e in tokens],
        "spans": [_token_span(text, tokens, span) for span in spans],
    }
    options = {"colors": colors, "template": _templates()}
    body = displacy.render(parsed, style="span", manual=True, options=options, page=False)
    return body.replace(_BREAK, "<br>")


def render_html(document: Document) -> str:
    """A standalone HTML page: the legend, then the text with every labelled span drawn."""
    spans = labelled_spans(document)
    colors = {label: LABEL_COLORS[label.split(" ")[0]] for _, _, label in spans}
    return _page(document, render_spans(document.text, spans, colors))


def _token_span(text: str, tokens: list[tuple[int, int]], span: tuple[int, int, str]) -> dict:
    """The visible tokens a span covers (displaCy draws nothing on whitespace tokens)."""
    start, end, label = span
    covered = [i for i, (s, e) in enumerate(tokens) if s < end and e > start]
    visible = [i for i in covered if not text[tokens[i][0] : tokens[i][1]].isspace()] or covered
    return {"start_token": visible[0], "end_token": visible[-1] + 1, "label": label}


def _templates() -> dict[str, str]:
    from spacy.displacy.templates import TPL_SPAN, TPL_SPAN_SLICE

    return {"span": TPL_SPAN, "slice": TPL_SPAN_SLICE, "start": _LABEL_TEMPLATE}


def _page(document: Document, body: str) -> str:
    legend = "".join(
        f'<li><span class="swatch" style="background:{c}"></span>{html.escape(label)}</li>'
        for label, c in LABEL_COLORS.items()
    )
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
        f"</style></head><body><h1>{title}</h1>"
        f'<ul class="legend">{legend}</ul><h2>Speakers</h2><ul class="entities">{entities}</ul>'
        f"<h2>Text</h2>{body}</body></html>\n"
    )
