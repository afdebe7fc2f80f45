"""Finding a string in a document's text: exactly, normalised, or fuzzily, with offsets.

Normalising maps every quotation mark to ``"`` or ``'``, every dash to ``-`` and ``…`` to
``...``, collapses whitespace runs to one space and case-folds; each normalised character
remembers the character of the text it came from, so a match maps back to the text's own
offsets. The fuzzy step is rapidfuzz's ``partial_ratio_alignment`` over the normalised
text, its ends moved out to whole words.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

__all__ = [
    "FOLDED_MARKS",
    "FUZZY_MIN_LENGTH",
    "FUZZY_THRESHOLD",
    "MARKS",
    "Found",
    "Normalised",
    "fold",
    "normalise",
    "positions",
]

FUZZY_THRESHOLD = 90.0  # rapidfuzz similarity (0-100) a fuzzy match must reach
FUZZY_MIN_LENGTH = 12  # normalised characters a string needs before it is matched fuzzily
_DOUBLE = '"\u201c\u201d\u201e\u201f\u00ab\u00bb\u301d\u301e\uff02'
_SINGLE = "'\u2018\u2019\u201a\u201b`\u00b4\u2032"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
FOLDED_MARKS = "\"' "  # what normalised text strips from a string's ends: marks and spaces
MARKS = _DOUBLE + _SINGLE  # every quotation mark normalising knows


def _fold(char: str) -> str:
    if char in _DOUBLE:
        return '"'
    if char in _SINGLE:
        return "'"
    if char in _DASHES:
        return "-"
    return "..." if char == "\u2026" else char.casefold()


@dataclass(frozen=True)
class Found:
    """Where a string was found: the text's ``start``-``end``, and the similarity (100 for
    an exact or normalised match)."""

    start: int
    end: int
    similarity: float


@dataclass(frozen=True)
class Normalised:
    """A text normalised, with the text's index of each normalised character."""

    text: str
    origin: tuple[int, ...]
    source: str

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The text's offsets of normalised characters ``start``-``end``, without outer
        whitespace."""
        low, high = self.origin[start], self.origin[end - 1] + 1
        while low < high and self.source[low].isspace():
            low += 1
        while high > low and self.source[high - 1].isspace():
            high -= 1
        return low, high

    def occurrences(self, needle: str) -> Iterator[Found]:
        """Every occurrence (overlapping ones too) of ``needle``, normalised and without
        outer quotation marks, as text offsets."""
        needle = fold(needle).strip(FOLDED_MARKS)
        for at in positions(self.text, needle):
            yield Found(*self.span(at, at + len(needle)), 100.0)

    def fuzzy(self, needle: str, threshold: float = FUZZY_THRESHOLD) -> Found | None:
        """The best fuzzy match of ``needle`` (normalised, without outer quotation marks) at
        ``threshold`` or above, its ends moved out to whole words, kept within one paragraph;
        ``None`` if there is none."""
        from rapidfuzz.fuzz import partial_ratio_alignment

        needle = fold(needle).strip(FOLDED_MARKS)
        if len(needle) < FUZZY_MIN_LENGTH or len(needle) > len(self.text):
            return None
        found = partial_ratio_alignment(needle, self.text, score_cutoff=threshold)
        if found is None or found.dest_end <= found.dest_start:
            return None
        start, end = self._whole_words(found.dest_start, found.dest_end)
        low, high = self._one_paragraph(*self.span(start, end))
        return Found(low, high, round(found.score, 2)) if high > low else None

    def _one_paragraph(self, low: int, high: int) -> tuple[int, int]:
        """The longest paragraph's part of the text's ``low``-``high``."""
        pieces, at = [], low
        for piece in self.source[low:high].split("\n"):
            pieces.append((at, at + len(piece)))
            at += len(piece) + 1
        return max(pieces, key=lambda p: (p[1] - p[0], -p[0]))

    def _whole_words(self, start: int, end: int) -> tuple[int, int]:
        text = self.text
        while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
            start -= 1
        while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
            end += 1
        return start, end


def normalise(text: str) -> Normalised:
    """``text`` normalised (see the module), with each character's origin in ``text``."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char.isspace():
            if chars and chars[-1] == " ":
                continue
            folded = " "
        else:
            folded = _fold(char)
        chars.append(folded)
        origin.extend([index] * len(folded))
    return Normalised("".join(chars), tuple(origin), text)


def positions(text: str, needle: str) -> Iterator[int]:
    """Where ``needle`` starts in ``text``, overlapping occurrences too; none if it is empty."""
    at = text.find(needle) if needle else -1
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


def fold(text: str) -> str:
    """``text`` normalised, without the origins."""
    return normalise(text).text
