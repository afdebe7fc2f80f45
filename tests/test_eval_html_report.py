"""report.html: displaCy spans of gold, prediction and errors, opened in a real browser."""

from __future__ import annotations

from pathlib import Path

from quotebench.corpus import load_gold
from quotebench.eval import evaluate, write_reports
from quotebench.eval.html_report import render_report
from quotebench.eval.synthetic import synthetic_predictions


def test_report_marks_errors_in_the_text() -> None:
    gold = load_gold()
    results = evaluate(gold, synthetic_predictions(gold, seed=2), resamples=20)
    page = render_report(results, ["f1.png"])
    assert page.startswith("<!DOCTYPE html>") and '<img src="f1.png"' in page
    assert "GOLD QUOTE-" in page and "PRED QUOTE-" in page and "MISSED" in page


def test_report_opens_in_a_browser(browser, tmp_path: Path) -> None:
    gold = load_gold()
    write_reports(evaluate(gold, synthetic_predictions(gold, seed=2), resamples=20), tmp_path)
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((tmp_path / "report.html").as_uri())
    assert page.locator("table").count() >= 2
    assert page.locator("section.document .spans").count() == 1
    assert page.locator("img").evaluate_all("images => images.every(i => i.naturalWidth > 0)")
    assert page.get_by_text("MISSED").count() >= 1 and not errors
    page.close()
