"""Offsets at the Label Studio boundary: its front end counts UTF-16 code units, we code points."""

from __future__ import annotations

import itertools

__all__ = ["Utf16Offsets"]


class Utf16Offsets:
    """Converts offsets into one text between code points and UTF-16 code units."""

    def __init__(self, text: str) -> None:
        widths = (2 if ord(char) > 0xFFFF else 1 for char in text)
        self._units = [0, *itertools.accumulate(widths)]
        self._points = {unit: point for point, unit in enumerate(self._units)}

    def to_units(self, point: int) -> int:
        """The UTF-16 offset of code point offset ``point``; raises ``IndexError`` if outside."""
        if not 0 <= point < len(self._units):
            raise IndexError(f"offset {point} is outside the text")
        return self._units[point]

    def to_points(self, unit: int) -> int:
        """The code point offset of UTF-16 offset ``unit``.

        Raises ``IndexError`` when ``unit`` is outside the text or splits a surrogate pair.
        """
        try:
            return self._points[unit]
        except KeyError:
            raise IndexError(
                f"UTF-16 offset {unit} is outside the text or inside a character"
            ) from None
