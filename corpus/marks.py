"""Quotation marks in annotated text: the double marks, and a quote's type from them."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["CLOSING", "OPENING", "quote_type", "quote_type_in", "quoted_characters"]

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
    """The quote type of content ``segments`` of ``text`` from its quotation marks, each
    segment read alone.

    ``direct`` when every letter and digit lies inside quotation marks, ``mixed`` when some
    do, ``indirect`` when none do.
    """
    flags = []
    for start, end in segments:
        segment = text[start:end]
        flags += [q for c, q in zip(segment, _quoted_mask(segment), strict=True) if c.isalnum()]
    return _type_of(flags)


def quoted_characters(text: str) -> list[bool]:
    """Which characters of ``text`` lie inside quotation marks, paragraph by paragraph."""
    mask: list[bool] = []
    for paragraph in text.split("\n"):
        mask += [*_quoted_mask(paragraph), False]
    return mask[: len(text)]


def quote_type_in(text: str, quoted: list[bool], segments: Iterable[tuple[int, int]]) -> str:
    """The quote type of content ``segments`` read in the paragraphs around them, where
    ``quoted`` is ``quoted_characters(text)``; ``direct``, ``mixed`` or ``indirect`` as for
    ``quote_type``."""
    return _type_of([quoted[i] for a, b in segments for i in range(a, b) if text[i].isalnum()])


def _type_of(flags: list[bool]) -> str:
    """``direct`` if every flag is set, ``mixed`` if some are, else ``indirect``."""
    if flags and all(flags):
        return "direct"
    return "mixed" if any(flags) else "indirect"
