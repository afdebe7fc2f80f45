"""The paired comparison of two systems' results on the same gold."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from quotebench.corpus import InvalidData, Problem, UnusableInput
from quotebench.corpus.jsonl import read_json_file

from .bootstrap import paired_test

__all__ = ["compare_results", "load_results"]


def load_results(path: str | Path) -> dict[str, object]:
    """A results.json file; ``UnusableInput`` if unreadable, ``InvalidData`` if not results."""
    from .harness import SCHEMA

    data = read_json_file(path)
    if not isinstance(data, dict) or not isinstance(data.get("units"), dict):
        message = "not a quotebench results file (no per-unit counts)"
        raise InvalidData([Problem(str(path), None, None, "units", message)])
    if data.get("schema") != SCHEMA:
        message = f"results schema {data.get('schema')!r}, expected {SCHEMA!r}"
        raise InvalidData([Problem(str(path), None, None, "schema", message)])
    return data


def _matrix(data: dict, columns: list[str]) -> np.ndarray:
    units = data["units"]
    index = {c: k for k, c in enumerate(units["columns"])}
    rows = np.asarray(units["rows"], dtype=np.int64).reshape(len(units["ids"]), -1, 3)
    return rows[:, [index[c] for c in columns], :]


def compare_results(a: dict, b: dict, a_name: str = "A", b_name: str = "B") -> dict[str, object]:
    """B minus A on every score both have, with intervals and paired bootstrap p-values.

    Raises ``UnusableInput`` when the two were scored on different gold (sha256 differ),
    over different units, or with different bootstrap settings.
    """
    if a["gold"]["sha256"] != b["gold"]["sha256"]:
        raise UnusableInput(f"{a_name} and {b_name} were scored on different gold (sha256 differ)")
    if a["units"]["ids"] != b["units"]["ids"]:
        raise UnusableInput(f"{a_name} and {b_name} were resampled over different units")
    boot_a, boot_b = a["settings"]["bootstrap"], b["settings"]["bootstrap"]
    if (boot_a["seed"], boot_a["resamples"]) != (boot_b["seed"], boot_b["resamples"]):
        raise UnusableInput(f"{a_name} and {b_name} use different bootstrap seeds or resamples")
    columns = [c for c in a["units"]["columns"] if c in set(b["units"]["columns"])]
    tests = paired_test(
        columns, _matrix(a, columns), _matrix(b, columns), boot_a["resamples"], boot_a["seed"]
    )
    return {
        "gold_sha256": a["gold"]["sha256"],
        "a": {"name": a_name, **_system(a)},
        "b": {"name": b_name, **_system(b)},
        "bootstrap": {**boot_a, "test": "paired, two-sided, shifted-null percentile bootstrap"},
        "differences": tests,
    }


def _system(data: dict) -> dict[str, object]:
    pred = data["predictions"]
    return {
        "extractor": pred.get("extractor"),
        "version": pred.get("version"),
        "sha256": pred["sha256"],
    }
