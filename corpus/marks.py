"""Quotation marks in annotated text: the double marks, and a quote's type from them."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["CLOSING", "OPENING", "quote_type"]

# the double marks: straight, curly, low-9 and guillemets
OPENING, CLOSING = '"\u201c\u201e\u00ab', '"\u201d\u00bb'
LEFT_SINGLE, RIGHT_SINGLE = "\u2018", "\u2019"


def _quoted_mask(segment: str) -> list[bool]:
    """Which characters of ``segment`` lie inside quotation marks (marks included).

    Double marks (straight or curly, guillemets) and curly single marks pair up; a straight
    ``"`` opens and closes in turn; an opening mark left unclosed runs to the segment's end
    (a quotation continued in the next paragraph); a right single mark followed by a letter
    is an apostrophe.
    """
    mask, closer = [False] * len(segment), None
    for index, char in enumerate(segment):
        after = segment[index + 1 : index + 2]
        if closer is None and (char in OPENING or char == LEFT_SINGLE):
            closer = RIGHT_SINGLE if char == LEFT_SINGLE else CLOSING
            mask[index] = True
        elif closer is not None:
            mask[index] = True
            if char in closer and not (char == RIGHT_SINGLE and after.isalpha()):
                closer = None
    return mask


def quote_type(text: str, segments: Iterable[tuple[int, int]]) -> str:
    """The quote type of content ``segments`` of ``text`` from its quotation marks.

    ``direct`` when every letter and digit lies inside quotation marks, ``mixed`` when some
    do, ``indirect`` when none do.
    """
    inside = outside = 0
    for start, end in segments:
        segment = text[start:end]
        for char, quoted in zip(segment, _quoted_mask(segment), strict=True):
            if char.isalnum():
                inside, outside = inside + quoted, outside + (not quoted)
    if inside and not outside:
        return "direct"
    return "mixed" if inside else "indirect"
