"""Problems name file, line, document and field, and sort in reading order."""

from __future__ import annotations

import pytest

from quotebench.corpus import InvalidData, Problem


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (Problem("c.jsonl", 3, "d1", "quotes[0].type", "bad"),
         "c.jsonl:3: document 'd1': field quotes[0].type: bad"),
        (Problem("c.jsonl", 7, None, None, "malformed JSON"), "c.jsonl:7: malformed JSON"),
        (Problem("c.jsonl", None, None, None, "empty"), "c.jsonl: empty"),
    ],
)  # fmt: skip
def test_a_problem_reads_as_one_line(problem: Problem, text: str) -> None:
    assert str(problem) == text
    assert problem.to_dict()["line"] == problem.line


def test_invalid_data_lists_problems_in_file_order() -> None:
    late = Problem("a.jsonl", 9, "d", "id", "x")
    early = Problem("a.jsonl", 2, "d", "text", "y")
    error = InvalidData([late, early])
    assert error.problems == [early, late]
    assert str(error).splitlines() == [str(early), str(late)]
