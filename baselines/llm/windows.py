"""Long texts split into overlapping windows, cut at paragraph (else word) boundaries."""

from __future__ import annotations

__all__ = ["DEFAULT_OVERLAP", "DEFAULT_WINDOW", "windows"]

DEFAULT_WINDOW = 8000  # characters sent in one request
DEFAULT_OVERLAP = 1000  # characters two neighbouring windows share, at most


def _boundary(text: str, low: int, high: int, last: bool) -> int | None:
    """The ``last`` (else the first) paragraph start, else word start, ``p`` with
    ``low <= p < high``."""
    low, high = max(low, 1), max(high, 1)
    for separator in ("\n", " "):
        at = (text.rfind if last else text.find)(separator, low - 1, high - 1)
        if at >= 0:
            return at + 1
    return None


def windows(
    text: str, size: int = DEFAULT_WINDOW, overlap: int = DEFAULT_OVERLAP
) -> list[tuple[int, int]]:
    """The ``(start, end)`` windows that cover ``text``: each at most ``size`` characters,
    ending where a paragraph (else a word) starts, the next starting up to ``overlap``
    characters earlier at a paragraph (else a word) start. One window for a short text.
    """
    if size <= overlap:
        raise ValueError(f"a window ({size}) must be longer than the overlap ({overlap})")
    found, start = [], 0
    while len(text) - start > size:
        end = _boundary(text, start + size // 2, start + size + 1, last=True) or start + size
        found.append((start, end))
        start = _boundary(text, max(end - overlap, start + 1), end, last=False) or end
    return [*found, (start, len(text))]
