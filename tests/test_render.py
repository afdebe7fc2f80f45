"""A document's page: every span drawn, checked in a real headless browser."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings

from quotebench.corpus import Document, load_gold
from quotebench.corpus.render import LABEL_COLORS, labelled_spans, render_html, render_spans
from tests.strategies import documents


def expected_spans(document: Document) -> int:
    cues = sum(len(q.cue) for q in document.quotes)
    contents = sum(len(q.content) for q in document.quotes)
    return len(document.mentions) + cues + contents


@settings(max_examples=25, deadline=None)
@given(documents())
def test_every_mention_cue_and_content_segment_is_labelled(document: Document) -> None:
    html = render_html(document)
    assert len(labelled_spans(document)) == expected_spans(document)
    assert html.count('class="qb-label"') == expected_spans(document)


def test_spans_with_whitespace_edges_keep_their_labels_and_paragraphs_their_breaks() -> None:
    text = "He said: no deal. \nNext one."
    spans = [(3, 9, "CUE"), (8, 19, "GOLD"), (19, 28, "GOLD")]
    markup = render_spans(text, spans, {"CUE": "#fff", "GOLD": "#000"})
    assert markup.count('class="qb-label"') == 3
    assert markup.count("<br>") == 1


def test_the_gold_page_shows_every_span_in_chromium(browser, tmp_path: Path) -> None:
    document = load_gold()[0]
    page_path = tmp_path / "seed.html"
    page_path.write_text(render_html(document), encoding="utf-8")
    page = browser.new_page()
    page.goto(page_path.as_uri())
    labels = page.locator(".qb-label")
    shown = sum(1 for i in range(labels.count()) if labels.nth(i).is_visible())
    legend = page.locator(".legend li").all_inner_texts()
    breaks = page.locator(".spans br").count()
    page.close()
    assert shown == expected_spans(document) > 0
    assert legend == list(LABEL_COLORS)
    assert breaks == len(document.paragraphs) - 1
