"""A document's page: its own text unchanged, every span drawn, labels clear of each other
and of the text, a table of quotes; checked in a real headless browser."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings

from quotebench.corpus import Annotation, Document, Entity, Mention, Quote, Span, load_gold
from quotebench.corpus.render import LABEL_COLORS, labelled_spans, render_html, render_spans
from tests.pages import TEXTS, overlaps, screenshot
from tests.strategies import documents


class _TextOutsideLabels(HTMLParser):
    """The character data of the .qb-text block, without the label elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.stack.append(dict(attrs).get("class") or "")

    def handle_endtag(self, tag: str) -> None:
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        if "qb-text" in self.stack and "qb-label" not in self.stack:
            self.text += data


def text_outside_labels(markup: str) -> str:
    parser = _TextOutsideLabels()
    parser.feed(markup)
    return parser.text


def expected_spans(document: Document) -> int:
    cues = sum(len(q.cue) for q in document.quotes)
    contents = sum(len(q.content) for q in document.quotes)
    return len(document.mentions) + cues + contents


@settings(max_examples=40, deadline=None)
@given(documents())
def test_the_text_is_the_documents_and_every_span_is_labelled(document: Document) -> None:
    page = render_html(document)
    assert text_outside_labels(page) == document.text
    assert len(labelled_spans(document)) == expected_spans(document)
    assert page.count('class="qb-label"') == expected_spans(document)
    assert page.count("<tr><td>") == len(document.quotes)


def test_overlapping_spans_get_depths_of_their_own() -> None:
    text = "He said: no deal.\nNext one."
    spans = [(0, 7, "A"), (3, 12, "B"), (8, 17, "C"), (18, 22, "D")]
    markup = render_spans(text, spans, dict.fromkeys("ABCD", "#000"))
    assert text_outside_labels(markup) == text
    assert markup.count('class="qb-label"') == 4
    # A and B overlap (two stripes over "said"), C starts after A ends and takes its depth
    assert 'title="A; B"' in markup and 'title="B; C"' in markup
    assert "padding-bottom:8px" in markup and "padding-bottom:12px" not in markup


TRICKY = 'He said , "no ! ( really )"  \u2014 and  "ok ."\n\n\U0001f600 She: "yes" .'


def _tricky() -> Document:
    def span(part: str) -> Span:
        start = TRICKY.index(part)
        return Span(start=start, end=start + len(part), text=part)

    entities = (
        Entity(id="e1", name="He", kind="person"),
        Entity(id="e2", name="She", kind="person"),
    )
    mentions = (
        Mention(id="m1", entity="e1", **span("He").model_dump()),
        Mention(id="m2", entity="e2", **span("She").model_dump()),
    )
    quotes = (
        Quote(id="q1", type="direct", content=(span('"no ! ( really )"'), span('"ok ."')),
              cue=(span("said"),), source="m1", speaker="e1"),
        Quote(id="q2", type="direct", content=(span("( really )"),), parent="q1"),
        Quote(id="q3", type="direct", content=(span('"yes"'),), source="m2", speaker="e2"),
    )  # fmt: skip
    return Document(id="tricky", text=TRICKY, entities=entities, mentions=mentions, quotes=quotes,
                    annotation=Annotation(origin="gold"))  # fmt: skip


@pytest.mark.parametrize("document", [load_gold()[0], _tricky()], ids=["seed", "tricky"])
def test_the_page_in_chromium(browser, tmp_path: Path, document: Document) -> None:
    page_path = tmp_path / f"{document.id}.html"
    page_path.write_text(render_html(document), encoding="utf-8")
    page = browser.new_page(viewport={"width": 900, "height": 800})
    page.goto(page_path.as_uri())
    texts = page.evaluate(TEXTS)
    labels = page.locator(".qb-label")
    shown = sum(1 for i in range(labels.count()) if labels.nth(i).is_visible())
    legend = page.locator(".legend li").all_inner_texts()
    rows = page.locator(".qb-quotes tbody tr").all()
    cells = [row.locator("td").all_inner_texts() for row in rows]
    collisions = overlaps(page)
    screenshot(page, f"show-{document.id}.png")
    page.close()
    assert texts == [document.text]
    assert shown == expected_spans(document) > 0
    assert not collisions, collisions[:3]
    assert legend == list(LABEL_COLORS)
    assert [c[:2] for c in cells] == [[q.id, q.type] for q in document.quotes]
    speakers = {e.id: e.name for e in document.entities}
    assert [c[2] for c in cells] == [
        f"{speakers[q.speaker]} ({q.speaker})" if q.speaker else "-" for q in document.quotes
    ]
