"""Pairing quotation marks into quoted stretches, without spaCy.

Handles straight and curly marks, single quotes nested in double ones (telling the
apostrophe apart), quotes running over several paragraphs (a paragraph that leaves its quote
unclosed and a next paragraph that opens with a mark continue one quote) and odd numbers of
marks (a stray mark is skipped, an unclosed quote runs to the end of its paragraph).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

__all__ = ["DOUBLE_MARKS", "SINGLE_MARKS", "Quoted", "find_quoted"]

DOUBLE_MARKS = '"\u201c\u201d\u201e\u00ab\u00bb'
SINGLE_MARKS = "'\u2018\u2019"
_OPENERS = "\u201c\u201e\u00ab\u2018"
_CLOSERS = "\u201d\u00bb\u2019"
_LEFT_CONTEXT = " \t([{\u2014\u2013-/:"


@dataclass(frozen=True)
class Quoted:
    """A quoted stretch: its inner pieces (one per paragraph) and whether it was closed.

    ``pieces`` are ``(start, end)`` ranges of the text between the marks; ``outer`` is the
    range with the marks; ``nested`` is true for single quotes inside double ones.
    """

    pieces: tuple[tuple[int, int], ...]
    outer: tuple[int, int]
    closed: bool
    nested: bool = False


def _role(text: str, i: int, lo: int, hi: int) -> str:
    """'open', 'close' or '' for the mark at ``i`` within the paragraph ``[lo, hi)``."""
    mark = text[i]
    before = text[i - 1] if i > lo else " "
    after = text[i + 1] if i + 1 < hi else " "
    if mark in _OPENERS and not (mark == "\u2018" and before.isalnum()):
        return "open"
    if mark in _CLOSERS:
        if mark == "\u2019" and before.isalnum() and after.isalnum():
            return ""  # an apostrophe: don't, it's
        return "close"
    opens = before in _LEFT_CONTEXT or before in DOUBLE_MARKS + SINGLE_MARKS
    closes = not before.isspace()
    if mark == "'" and before.isalnum() and (after.isalnum()):
        return ""
    if opens and not after.isspace():
        return "open"
    return "close" if closes else ""


def _pairs(text: str, lo: int, hi: int, marks: str) -> tuple[list[tuple[int, int]], int | None]:
    """Pair the marks of one kind in ``[lo, hi)``; returns pairs and an unclosed opener."""
    pairs: list[tuple[int, int]] = []
    opened: int | None = None
    for match in re.finditer(f"[{re.escape(marks)}]", text[lo:hi]):
        i = lo + match.start()
        role = _role(text, i, lo, hi)
        if role == "open" and opened is None:
            opened = i
        elif role == "open" and text[i] in _OPENERS + "\u00bb" and text[opened] == text[i]:
            opened = i  # two openers: the first was stray
        elif role == "close" and opened is not None:
            pairs.append((opened, i))
            opened = None
        elif role == "open" and opened is not None:
            pairs.append((opened, i))  # a straight mark cannot tell: take it as the close
            opened = None
    return pairs, opened


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


def _starts_with_mark(text: str, lo: int, hi: int) -> int | None:
    stripped = text[lo:hi].lstrip()
    if stripped and stripped[0] in DOUBLE_MARKS and stripped[0] not in _CLOSERS:
        return hi - len(stripped)
    return None


def _double_quotes(text: str) -> list[Quoted]:
    found: list[Quoted] = []
    carried: list[tuple[int, int]] = []
    paragraphs = _paragraphs(text)
    for index, (lo, hi) in enumerate(paragraphs):
        pairs, unclosed = _pairs(text, lo, hi, DOUBLE_MARKS)
        if carried and pairs and pairs[0][0] == _starts_with_mark(text, lo, hi):
            first, *pairs = pairs
            found.append(_quoted([*carried, (first[0] + 1, first[1])], first[1] + 1, True))
            carried = []
        elif carried:
            found.append(_quoted(carried, carried[-1][1], False))
            carried = []
        found.extend(_quoted([(a + 1, b)], b + 1, True) for a, b in pairs)
        if unclosed is not None:
            after = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
            if after and _starts_with_mark(text, *after) is not None:
                carried = [(unclosed + 1, hi)]
            else:
                found.append(_quoted([(unclosed + 1, hi)], hi, False))
    return found


def _quoted(pieces: list[tuple[int, int]], end: int, closed: bool, nested: bool = False) -> Quoted:
    return Quoted(tuple(pieces), (pieces[0][0] - 1, end), closed, nested)


def _nested(text: str, outer: Quoted) -> list[Quoted]:
    inner: list[Quoted] = []
    for lo, hi in outer.pieces:
        pairs, _ = _pairs(text, lo, hi, SINGLE_MARKS)
        inner.extend(_quoted([(a + 1, b)], b + 1, True, nested=True) for a, b in pairs)
    return inner


def find_quoted(text: str) -> list[Quoted]:
    """Every quoted stretch of ``text``, outer ones and single-quoted ones inside them.

    Args:
        text: the whole document text (paragraphs are its lines).

    Returns:
        The stretches sorted by start; blank pieces are dropped, and stretches left without.
    """
    outer = _double_quotes(text)
    found = [
        _without_blanks(text, q) for q in (*outer, *(q for o in outer for q in _nested(text, o)))
    ]
    return sorted((q for q in found if q.pieces), key=lambda q: (q.outer[0], -q.outer[1]))


def _without_blanks(text: str, quoted: Quoted) -> Quoted:
    """``quoted`` without its empty or whitespace-only pieces (e.g. a paragraph's lone mark)."""
    pieces = tuple((a, b) for a, b in quoted.pieces if text[a:b].strip())
    return quoted if len(pieces) == len(quoted.pieces) else replace(quoted, pieces=pieces)
