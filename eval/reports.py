"""Write results.json, report.md, report.html and the plots of a ``Results``."""

from __future__ import annotations

import json
import re
import time
from dataclasses import replace
from pathlib import Path

from quotebench.corpus import output_folder
from quotebench.corpus.output import Inputs

from .harness import Results

__all__ = ["dump_results", "write_reports", "write_reports_into"]

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


def write_reports(
    results: Results,
    output_dir: str | Path,
    *,
    inputs: Inputs = (),
    overwrite: bool = False,
    plots: bool = True,
) -> Results:
    """Write every report as the folder ``output_dir`` (through ``corpus.output_folder``:
    never over ``inputs``, never over a folder quotebench did not write unless ``overwrite``,
    all at once); returns the results with the reports' duration in their run block.

    Raises ``UnusableInput`` when the folder cannot or may not be written.
    """
    writer = "quotebench evaluate"
    with output_folder(output_dir, inputs, overwrite=overwrite, writer=writer) as folder:
        return write_reports_into(results, folder, plots=plots)


def write_reports_into(results: Results, folder: str | Path, *, plots: bool = True) -> Results:
    """Write every report into ``folder``, part of an output being written (made if missing)."""
    from .html_report import render_report
    from .markdown import render_markdown
    from .plots import write_plots

    started = time.perf_counter()
    directory = Path(folder)
    directory.mkdir(parents=True, exist_ok=True)
    images = write_plots(results, directory) if plots else []
    (directory / "report.md").write_text(render_markdown(results, images), encoding="utf-8")
    (directory / "report.html").write_text(render_report(results, images), encoding="utf-8")
    durations = {**results.run["durations"], "reports": round(time.perf_counter() - started, 3)}
    final = replace(results, run={**results.run, "durations": durations})
    (directory / "results.json").write_text(dump_results(final.to_dict()), encoding="utf-8")
    return final
