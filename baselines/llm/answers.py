"""Reading an answer: its JSON, each quote checked; whatever cannot be read is reported."""

from __future__ import annotations

import re

from pydantic import ValidationError

from quotebench.corpus.jsonl import field_path, loads_strict
from quotebench.corpus.strings import StringQuote

__all__ = ["read_answer"]

_FENCE = re.compile(r"^\s*```(?:json)?\s*\n?(.*?)\n?```\s*$", re.DOTALL)


def read_answer(content: str | None) -> tuple[list[StringQuote], list[str]]:
    """The quotes of an answer ``{"quotes": [...]}`` (a bare list, or JSON in a Markdown
    code fence, is read too) and a message for each thing that could not be read: the
    answer as a whole (not JSON, cut off, another shape) or one quote in it."""
    if content is None or not content.strip():
        return [], ["the answer is empty"]
    fenced = _FENCE.match(content)
    try:
        value = loads_strict(fenced.group(1) if fenced else content)
    except ValueError as error:
        return [], [f"the answer is not JSON ({error}): {content[:80]!r}"]
    items = value.get("quotes") if isinstance(value, dict) else value
    if not isinstance(items, list):
        return [], [f'the answer is not {{"quotes": [...]}}: {content[:80]!r}']
    quotes, problems = [], []
    for k, item in enumerate(items):
        try:
            quotes.append(StringQuote.model_validate(item, strict=False))
        except ValidationError as error:
            first = error.errors(include_url=False)[0]
            where = field_path(first["loc"]) or "the item"
            problems.append(f"quote {k}: {where}: {first['msg']}: {str(item)[:80]!r}")
    return quotes, problems
