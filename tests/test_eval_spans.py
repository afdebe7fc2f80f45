"""Character intervals: union of segments, covered characters, whitespace tokens."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotebench.corpus import Span
from quotebench.eval.spans import covered, intervals, length, overlaps, token_bounds


def _spans(*pairs: tuple[int, int]) -> list[Span]:
    return [Span(start=a, end=b, text="x" * (b - a)) for a, b in pairs]


@pytest.mark.parametrize(
    ("segments", "union"),
    [
        (((5, 9), (0, 3)), ((0, 3), (5, 9))),
        (((0, 4), (2, 6)), ((0, 6),)),
        (((0, 4), (4, 6)), ((0, 6),)),
        (((3, 3),), ()),
    ],
)
def test_intervals_are_the_sorted_union(segments, union) -> None:
    assert intervals(_spans(*segments)) == union


@pytest.mark.parametrize(
    ("gold", "pred", "shared"),
    [
        (((0, 10),), ((5, 20),), 5),
        (((0, 10),), ((10, 20),), 0),
        (((0, 4), (8, 12)), ((2, 10),), 4),
        (((0, 4), (8, 12)), ((0, 4), (8, 12)), 8),
        (((0, 10),), ((1, 2), (3, 4), (9, 30)), 3),
    ],
)
def test_covered_counts_shared_characters(gold, pred, shared) -> None:
    assert covered(gold, pred) == covered(pred, gold) == shared
    assert overlaps(gold, pred) == (shared > 0)
    assert length(gold) == sum(b - a for a, b in gold)


def test_token_bounds() -> None:
    text = 'He said "no deal".\nFull  stop'
    starts, ends = token_bounds(text)
    assert [text[a:b] for a, b in zip(starts, ends, strict=True)] == [
        "He",
        "said",
        '"no',
        'deal".',
        "Full",
        "stop",
    ]


_SPACES = "".join(c for c in map(chr, range(0x110000)) if re.fullmatch(r"\s", c))


@given(st.text(alphabet=st.sampled_from(_SPACES) | st.characters()))
def test_token_bounds_agree_with_the_regex(text: str) -> None:
    expected = [m.span() for m in re.finditer(r"\S+", text)]
    starts, ends = token_bounds(text)
    assert list(zip(starts, ends, strict=True)) == expected
