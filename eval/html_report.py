"""report.html: the scores, the plots, and gold and predicted spans in the text.

Each document with an error is drawn as ``corpus.render`` draws a document: its own text,
the gold's and the prediction's speakers, cues and quotes (labels prefixed GOLD / PRED) and
every error over its span, each at an underline depth of its own; then its gold and
predicted quotes in two tables.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from quotebench.corpus import Document
from quotebench.corpus.render import (
    LABEL_COLORS,
    STYLE,
    labelled_spans,
    legend,
    quote_table,
    render_spans,
)

from .columns import SLICES
from .harness import Results
from .markdown import error_groups, score_rows, stance_rows
from .notes import ErrorItem
from .parts import DRAWN_DOCUMENTS

__all__ = ["ERROR_COLORS", "render_report"]

ERROR_COLORS = {
    "missed": "#ff6b6b",
    "spurious": "#ffa94d",
    "wrong speaker": "#f783ac",
    "wrong stance (end-to-end)": "#da77f2",
    "wrong stance (oracle)": "#b197fc",
}


def _document_spans(
    gold: Document, pred: Document, errors: Sequence[ErrorItem]
) -> tuple[list[tuple[int, int, str]], dict[str, str]]:
    spans = [(s, e, f"GOLD {label}") for s, e, label in labelled_spans(gold)]
    spans += [(s, e, f"PRED {label}") for s, e, label in labelled_spans(pred)]
    spans += [(e.start, e.end, f"{e.kind.upper()} {e.detail.split(':')[0]}") for e in errors]
    colors = {}
    for _, _, label in spans:
        words = label.split(" ")
        kind = " ".join(words[:-1]).lower()
        color = ERROR_COLORS.get(kind) or LABEL_COLORS[words[1]]
        colors[label] = _darker(color) if words[0] == "PRED" else color
    return sorted(spans), colors


def _darker(color: str, factor: float = 0.7) -> str:
    """``#rrggbb`` darkened: a prediction's stripe beside the gold's of the same kind."""
    channels = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{int(c * factor):02x}" for c in channels)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _documents(results: Results) -> str:
    by_document: dict[str, list[ErrorItem]] = {}
    for error in (e for items in error_groups(results.errors).values() for e in items):
        by_document.setdefault(error.document, []).append(error)
    parts = []
    drawn = [(g, p) for g, p in results.documents if g.id in by_document][:DRAWN_DOCUMENTS]
    for gold, pred in drawn:
        spans, colors = _document_spans(gold, pred, by_document[gold.id])
        items = "".join(
            f"<li><b>{html.escape(e.kind)}</b> {html.escape(e.detail)}: "
            f"\u201c{html.escape(e.text)}\u201d</li>"
            for e in by_document[gold.id]
        )
        parts.append(
            f'<section class="document"><h3>{html.escape(gold.id)}</h3><ul>{items}</ul>'
            f"{render_spans(gold.text, spans, colors)}"
            f"{quote_table(gold, 'Gold quotes')}{quote_table(pred, 'Predicted quotes')}</section>"
        )
    with_errors = results.error_documents
    more = (len(by_document) if with_errors is None else with_errors) - len(drawn)
    return "".join(parts) + (f"<p>... and {more} more document(s) with errors.</p>" if more else "")


def render_report(results: Results, images: Sequence[str] = ()) -> str:
    """The standalone HTML page."""
    header = ["metric", "P", "R", "F1 [95% CI]", "tp", "fp", "fn", *(f"F1 {s}" for s in SLICES[1:])]
    stance = stance_rows(results)
    stance_html = (
        _table(["setting", "quotes", "macro-F1", "F_avg", "majority baseline"], stance)
        if stance
        else "<p>Stance not scored.</p>"
    )
    colors = {**ERROR_COLORS, **LABEL_COLORS}
    pred = results.data["predictions"]
    title = f"Evaluation: {pred['extractor'] or 'unknown extractor'} {pred['version'] or ''}"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title.strip())}</title><style>"
        "body{font-family:sans-serif;margin:2em;max-width:70em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:2px 6px}"
        ".legend{list-style:none;padding:0}.legend li{display:inline-block;margin-right:1.2em}"
        ".swatch{display:inline-block;width:1em;height:1em;margin-right:.3em}"
        f"{STYLE}</style></head><body><h1>{html.escape(title.strip())}</h1>"
        f"<h2>Scores</h2>{_table(header, score_rows(results))}<h2>Stance</h2>{stance_html}"
        + "".join(f'<p><img src="{html.escape(n)}" alt="{html.escape(n)}"></p>' for n in images)
        + f'<h2>Errors in the text</h2><ul class="legend">{legend(colors)}</ul>'
        + "<p>GOLD spans are drawn in their kind's colour, PRED spans in a darker shade of it;"
        " each span has an underline of its own.</p>" + _documents(results) + "</body></html>\n"
    )
