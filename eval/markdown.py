"""report.md: the score tables, what was not scored or skipped, and the errors with their text."""

from __future__ import annotations

from collections.abc import Sequence

from .columns import SLICES
from .harness import Results
from .notes import ErrorItem
from .parts import ERROR_LIMIT

__all__ = ["ERROR_LIMIT", "error_groups", "format_score", "render_markdown", "score_rows"]


def format_score(value: float | None, ci: Sequence[float] | None = None) -> str:
    """``0.812 [0.700, 0.900]``, or ``n/a`` for an undefined score."""
    if value is None:
        return "n/a"
    return f"{value:.3f}" + (f" [{ci[0]:.3f}, {ci[1]:.3f}]" if ci else "")


def score_rows(results: Results) -> list[list[str]]:
    """One row per P/R/F1 metric: name, P, R, F1 with interval, tp, fp, fn, then F1 per type."""
    rows = []
    for metric, slices in results.metrics.items():
        if not isinstance(slices, dict) or metric.startswith("stance."):
            continue
        entry = slices["all"]
        rows.append(
            [
                metric,
                format_score(entry["precision"]),
                format_score(entry["recall"]),
                format_score(entry["f1"], entry["f1_ci95"]),
                *(str(entry[k]) for k in ("tp", "fp", "fn")),
                *(format_score(slices[s]["f1"]) for s in SLICES[1:]),
            ]
        )
    return rows


def stance_rows(results: Results) -> list[list[str]]:
    """One row per stance setting and slice: macro-F1, F_avg (intervals) and the baseline."""
    rows = []
    for metric, slices in results.metrics.items():
        if not (metric.startswith("stance.") and isinstance(slices, dict)):
            continue
        for s in SLICES:
            entry = slices[s]
            base = entry["majority_baseline"]
            rows.append(
                [
                    metric.removeprefix("stance."),
                    s,
                    format_score(entry["macro_f1"], entry["macro_f1_ci95"]),
                    format_score(entry["f_avg"], entry["f_avg_ci95"]),
                    f"{base['label'] or '-'}: {format_score(base['macro_f1'])} / "
                    f"{format_score(base['f_avg'])}",
                ]
            )
    return rows


def error_groups(errors: Sequence[ErrorItem]) -> dict[str, list[ErrorItem]]:
    """Errors by kind, each list sorted by document and position."""
    groups: dict[str, list[ErrorItem]] = {}
    for error in sorted(errors, key=lambda e: (e.kind, e.document, e.start, e.end, e.detail)):
        groups.setdefault(error.kind, []).append(error)
    return groups


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + [
        "| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows
    ]


def _header(results: Results) -> list[str]:
    data = results.data
    pred, gold, boot = data["predictions"], data["gold"], data["settings"]["bootstrap"]
    return [
        "# Evaluation report",
        "",
        f"- extractor: {pred['extractor'] or 'unknown'} {pred['version'] or ''}".rstrip(),
        f"- gold: {gold['documents']} document(s), {gold['quotes']} quote(s), "
        f"sha256 {gold['sha256']}",
        f"- predictions: sha256 {pred['sha256']}",
        *_conventions(data["conventions"]),
        *_unpredicted(pred["gold_documents_without_prediction"]),
        f"- 95% intervals: {boot['resamples']} bootstrap resamples over {boot['units']} "
        f"{boot['unit']}(s), seed {boot['seed']}",
        f"- speakers and end-to-end stance are scored on quotes matched under "
        f"{data['settings']['speaker_and_stance_matching']}",
        "",
    ]


def _conventions(block: dict) -> list[str]:
    line = f"- conventions: gold {block['gold'] or 'unnamed'}, predictions "
    line += block["predictions"] or "unnamed"
    projection = block["projection"]
    if projection:
        line += f"; projected onto {projection['to']} ({', '.join(projection['steps'])})"
    return [line, *([f"- warning: {block['warning']}"] if block["warning"] else [])]


def _unpredicted(ids: Sequence[str]) -> list[str]:
    if not ids:
        return []
    shown = ", ".join(f"`{i}`" for i in ids[:20]) + (" ..." if len(ids) > 20 else "")
    return [f"- gold documents without a prediction, scored as misses: {len(ids)} ({shown})"]


def render_markdown(results: Results, images: Sequence[str] = ()) -> str:
    """The whole report as Markdown."""
    lines = [*_header(results), "## Scores", ""]
    header = ["metric", "P", "R", "F1 [95% CI]", "tp", "fp", "fn", *(f"F1 {s}" for s in SLICES[1:])]
    lines += _table(header, score_rows(results))
    stance = stance_rows(results)
    if stance:
        header = ["setting", "quotes", "macro-F1 [95% CI]", "F_avg [95% CI]", "majority baseline"]
        lines += ["", "## Stance", "", *_table(header, stance)]
    lines += ["", *_ranking(results.data.get("ranking") or {})]
    lines += ["", *(f"![{name}]({name})" for name in images), ""]
    lines += _not_scored(results) + _skipped(results)
    lines += _errors(results.errors, results.error_counts)
    return "\n".join(lines).rstrip() + "\n"


def _ranking(ranked: dict) -> list[str]:
    value = ranked.get("average_precision")
    if value is None:
        return [f"Quotes ranked by score: not measured ({ranked.get('reason')})."]
    return [f"Quotes ranked by score: average precision {value:.3f} ({ranked['mode']})."]


def _not_scored(results: Results) -> list[str]:
    tasks = results.data["tasks"]
    rows = [f"- {task}: {entry['reason']}" for task, entry in tasks.items() if not entry["scored"]]
    return ["## Not scored", "", *rows, ""] if rows else []


def _skipped(results: Results) -> list[str]:
    skipped = results.data["skipped"]
    rows = [
        f"- {p['file']}:{p['line']} document {p['document']} field {p['field']}: {p['message']}"
        for p in skipped
    ]
    return ["## Skipped input", "", *rows, ""] if rows else []


def _errors(errors: Sequence[ErrorItem], counts: dict[str, int]) -> list[str]:
    lines = ["## Errors", ""]
    for kind, items in error_groups(errors).items():
        total = counts.get(kind, len(items))
        lines += [f"### {kind} ({total})", ""]
        for e in items[:ERROR_LIMIT]:
            text = " ".join(e.text.split())
            lines.append(f"- `{e.document}` {e.start}-{e.end} {e.detail}: \u201c{text}\u201d")
        if total > ERROR_LIMIT:
            lines.append(f"- ... and {total - ERROR_LIMIT} more")
        lines.append("")
    return lines if len(lines) > 2 else [*lines, "None.", ""]
