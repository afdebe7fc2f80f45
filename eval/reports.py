"""Write results.json, report.md, report.html and the plots of a ``Results``."""

from __future__ import annotations

import json
import re
import time
from dataclasses import replace
from pathlib import Path

from quotebench.corpus import UnusableInput, atomic_output

from .harness import Results

__all__ = ["dump_results", "write_reports"]

_ROW = "@@row:{}@@"
_PLACEHOLDER = re.compile(r'"@@row:([0-9]+)@@"')


def dump_results(results: dict[str, object]) -> str:
    """results.json text: indented, with each unit's row of counts on one line."""
    units = results.get("units")
    if not isinstance(units, dict):
        return json.dumps(results, indent=2, ensure_ascii=False) + "\n"
    rows = units["rows"]
    placeholder = {**units, "rows": [_ROW.format(k) for k in range(len(rows))]}
    text = json.dumps({**results, "units": placeholder}, indent=2, ensure_ascii=False)
    compact = [json.dumps(row, separators=(",", ":")) for row in rows]
    return _PLACEHOLDER.sub(lambda m: compact[int(m.group(1))], text) + "\n"


def write_reports(results: Results, output_dir: str | Path, *, plots: bool = True) -> Results:
    """Write every report into ``output_dir`` (created if needed); returns the results with
    the reports' duration in their run block. Raises ``UnusableInput`` if it cannot write."""
    from .html_report import render_report
    from .markdown import render_markdown
    from .plots import write_plots

    started = time.perf_counter()
    directory = Path(output_dir)
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UnusableInput(f"{directory}: cannot create: {error.strerror or error}") from error
    images = write_plots(results, directory) if plots else []
    _write(directory / "report.md", render_markdown(results, images))
    _write(directory / "report.html", render_report(results, images))
    durations = {**results.run["durations"], "reports": round(time.perf_counter() - started, 3)}
    final = replace(results, run={**results.run, "durations": durations})
    _write(directory / "results.json", dump_results(final.to_dict()))
    return final


def _write(path: Path, text: str) -> None:
    with atomic_output(path) as handle:
        handle.write(text)
