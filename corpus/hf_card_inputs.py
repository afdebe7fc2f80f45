"""What the dataset card reads besides the documents: the seed manifest, the harness's
results files (checked to be scored on this corpus), the benchmark's leaderboard and the
corpus's citation."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .jsonl import read_json_file
from .problems import InvalidData, Problem, UnusableInput

__all__ = [
    "CardInputs",
    "ExtractorResults",
    "load_citation",
    "load_leaderboard",
    "load_manifest",
    "load_results",
]


@dataclass(frozen=True)
class ExtractorResults:
    """One extractor's ``results.json``: its label, the file and the parsed content."""

    label: str
    path: str
    data: Mapping[str, Any]


@dataclass(frozen=True)
class CardInputs:
    """What the card reads besides the data: guidelines, seed manifest, harness results (and
    the benchmark's leaderboard, which says what each extractor was developed on), and the
    citation (BibTeX) of the corpus."""

    guidelines: str
    manifest: tuple[Mapping[str, Any], ...] = ()
    results: tuple[ExtractorResults, ...] = ()
    leaderboard: Mapping[str, Any] | None = None
    citation: str | None = None


def load_manifest(path: str | Path) -> tuple[Mapping[str, Any], ...]:
    """The seed manifest's entries (a JSON array of objects).

    Raises ``UnusableInput`` when unreadable, ``InvalidData`` when not such an array.
    """
    entries = read_json_file(path)
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise InvalidData([Problem(str(path), None, None, None, "not a JSON array of objects")])
    return tuple(entries)


def load_results(
    results_dir: str | Path, gold_sha256: str | None = None
) -> tuple[ExtractorResults, ...]:
    """Every ``<extractor>/results.json`` under ``results_dir`` (and the stance models'
    ``<extractor>/<model>/results.json``), labelled by their folder, sorted.

    Raises ``UnusableInput`` when the folder holds none, ``InvalidData`` for a file that is
    not a JSON object or, when ``gold_sha256`` is given, that was scored on another gold.
    """
    folder = Path(results_dir)
    paths = sorted(
        [*folder.glob("*/results.json"), *folder.glob("*/*/results.json")],
        key=lambda path: path.parent.relative_to(folder).parts,
    )
    if not folder.is_dir() or not paths:
        raise UnusableInput(f"{folder}: holds no <extractor>/results.json file")
    found, problems = [], []
    for path in paths:
        data = read_json_file(path)
        if not isinstance(data, dict):
            raise InvalidData([Problem(str(path), None, None, None, "not a JSON object")])
        scored_on = (
            (data.get("gold") or {}).get("sha256") if isinstance(data.get("gold"), dict) else None
        )
        if gold_sha256 is not None and scored_on != gold_sha256:
            message = f"scored on another gold (sha256 {scored_on}; this corpus: {gold_sha256})"
            problems.append(Problem(str(path), None, None, "gold.sha256", message))
        found.append(ExtractorResults(path.parent.relative_to(folder).as_posix(), str(path), data))
    if problems:
        raise InvalidData(problems)
    return tuple(found)


def load_citation(path: str | Path) -> str:
    """A BibTeX entry (one or more) from a UTF-8 file, for the card's Citation section.

    Raises ``UnusableInput`` when unreadable, ``InvalidData`` when it holds no BibTeX entry.
    """
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UnusableInput(f"{path}: cannot read: {error}") from None
    if not re.search(r"^\s*@[A-Za-z]+\s*\{", text, re.M):
        message = "holds no BibTeX entry (such as @misc{key, title = {...}, ...})"
        raise InvalidData([Problem(str(path), None, None, None, message)])
    return text


def load_leaderboard(results_dir: str | Path) -> Mapping[str, Any] | None:
    """``leaderboard.json`` of a ``quotebench benchmark`` folder, if there is one."""
    path = Path(results_dir) / "leaderboard.json"
    if not path.is_file():
        return None
    data = read_json_file(path)
    if not isinstance(data, dict):
        raise InvalidData([Problem(str(path), None, None, None, "not a JSON object")])
    return data
