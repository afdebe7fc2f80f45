"""Code points <-> UTF-16 code units."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotebench.annotation.utf16 import Utf16Offsets


@given(st.text(st.characters(blacklist_categories=("Cs",))), st.data())
def test_offsets_agree_with_python_utf16(text: str, data: st.DataObject) -> None:
    offsets = Utf16Offsets(text)
    point = data.draw(st.integers(0, len(text)))
    unit = offsets.to_units(point)
    assert unit == len(text[:point].encode("utf-16-le")) // 2
    assert offsets.to_points(unit) == point


@pytest.mark.parametrize(("unit", "message"), [(1, "inside a character"), (9, "outside")])
def test_bad_units_are_refused(unit: int, message: str) -> None:
    with pytest.raises(IndexError, match=message):
        Utf16Offsets("😀 a").to_points(unit)
