"""report.html: gold, predicted and error spans over the document's own text, opened in a
real browser: the text unchanged, no label over another or over the text."""

from __future__ import annotations

from pathlib import Path

from quotebench.corpus import load_gold
from quotebench.eval import evaluate, write_reports
from quotebench.eval.html_report import render_report
from quotebench.eval.synthetic import synthetic_predictions
from tests.pages import TEXTS, overlaps, screenshot


def test_report_marks_errors_in_the_text() -> None:
    gold = load_gold()
    results = evaluate(gold, synthetic_predictions(gold, seed=2), resamples=20)
    page = render_report(results, ["f1.png"])
    assert page.startswith("<!DOCTYPE html>") and '<img src="f1.png"' in page
    assert "GOLD QUOTE-" in page and "PRED QUOTE-" in page and "MISSED" in page


def test_report_opens_in_a_browser(browser, tmp_path: Path) -> None:
    gold = load_gold()
    out = tmp_path / "report"
    write_reports(evaluate(gold, synthetic_predictions(gold, seed=2), resamples=20), out)
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((out / "report.html").as_uri())
    texts = page.evaluate(TEXTS)
    collisions = overlaps(page)
    tables = page.locator("section.document table.qb-quotes").count()
    screenshot(page, "report-seed.png")
    assert texts == [gold[0].text]
    assert not collisions, collisions[:3]
    assert tables == 2  # the gold's quotes and the prediction's
    assert page.locator("img").evaluate_all("images => images.every(i => i.naturalWidth > 0)")
    assert page.get_by_text("MISSED").count() >= 1 and not errors
    page.close()
