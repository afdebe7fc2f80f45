"""String-level predictions: quotes given as text, speakers as names, no offsets.

What a language model, a quote service or a dataset such as Quotebank returns. One JSON
object per line, one per document; ``align`` turns them into documents of the data model.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .jsonl import iter_json_lines, model_or_problems
from .model import SCHEMA_VERSION, Id, QuoteType
from .problems import InvalidData, Problem

__all__ = [
    "StringPrediction",
    "StringQuote",
    "load_string_predictions",
    "scan_string_predictions",
    "strings_schema",
]


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


class StringQuote(_Strict):
    """One quote as a string: its words (fragments may be joined by an ellipsis, ``...``
    or ``…``, for a discontinuous quote), and what else the system gave."""

    text: str = Field(min_length=1, pattern=r"\S", description="the quote's words")
    speaker: str | None = Field(default=None, description="the speaker as written")
    cue: str | None = Field(default=None, description="the words that signal the report")
    type: QuoteType | None = Field(default=None, description="direct, indirect or mixed")


class StringPrediction(_Strict):
    """A system's quotes for the document ``id``, in the order it gave them."""

    id: Id
    quotes: tuple[StringQuote, ...] = ()
    extractor: str | None = Field(default=None, description="the system's versioned name")
    version: str | None = Field(default=None, description="the system's version")


def strings_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one line of string-level predictions."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://quotebench.org/schema/strings-{SCHEMA_VERSION}.json",
        **StringPrediction.model_json_schema(),
    }


def scan_string_predictions(
    path: str | Path,
) -> Iterator[tuple[int, StringPrediction | list[Problem]]]:
    """Yield ``(line number, StringPrediction or its problems)`` for each line, streamed.

    Raises ``UnusableInput`` when the file cannot be opened.
    """
    name = str(path)
    for number, value in iter_json_lines(path):
        if isinstance(value, Problem):
            yield number, [value]
        else:
            yield number, model_or_problems(StringPrediction, name, number, value, "a line")


def load_string_predictions(path: str | Path, ids: Collection[str]) -> list[StringPrediction]:
    """Every line of ``path``, checked: each names one of the documents ``ids``, once.

    Raises ``InvalidData`` with every problem of the file (naming line, id and field),
    ``UnusableInput`` when it cannot be opened.
    """
    name, found, problems = str(path), [], []
    first: dict[str, int] = {}
    for number, item in scan_string_predictions(path):
        if isinstance(item, list):
            problems += item
        elif item.id not in ids:
            problems.append(Problem(name, number, item.id, "id", "no document has this id"))
        elif item.id in first:
            message = f"duplicate id (first on line {first[item.id]})"
            problems.append(Problem(name, number, item.id, "id", message))
        else:
            first[item.id] = number
            found.append(item)
    if problems:
        raise InvalidData(problems)
    return found
