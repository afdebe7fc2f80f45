"""Quote content and token counts of many documents at once, in numpy arrays.

The quotes of a chunk of documents are flattened into arrays. A sorted sweep finds every
gold and predicted quote of one document that share characters, and each content mode's
acceptance is computed for all those pairs at once. Within a slice (all quotes, or one quote
type) a document's pairs are its accepted pairs when no quote has two; otherwise
``matching.resolve`` assigns them, for that document alone, as it does in ``matching.match``.
Counts reach their units through ``np.bincount``; the tokens the quotes of a slice touch are
marked through a difference array over the chunk's whitespace tokens.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from operator import attrgetter

import numpy as np

from quotebench.corpus import QUOTE_TYPES, Document

from .columns import ANCHOR_MODE, SLICES
from .matching import QUOTE_MODES, Accepted, parse_mode, resolve
from .notes import Notes, error_item
from .spans import Intervals, covered, intervals, token_bounds
from .units import Tally, Units

__all__ = ["CHUNK", "score_content"]

CHUNK = 512  # documents scored together: bounds the size of the arrays
_KIND = {t: k for k, t in enumerate(QUOTE_TYPES)}
_MODES = tuple(parse_mode(m) for m in QUOTE_MODES)
_quotes_of, _content_of, _type_of = (attrgetter(n) for n in ("quotes", "content", "type"))
_start_of, _end_of = attrgetter("start"), attrgetter("end")
Pairs = tuple[np.ndarray, np.ndarray]  # gold and predicted quote indices, in step


def score_content(
    golds: Sequence[Document],
    preds: Sequence[Document],
    units: Units,
    tally: Tally,
    notes: Notes,
    chunk: int = CHUNK,
) -> None:
    """Credit every quote content mode and the token-level counts, per slice, to ``tally``;
    note missed and spurious quotes (anchor matching, all quotes) in ``notes``.

    Args: aligned gold and predicted documents, their units, ``chunk`` documents at a time.
    """
    for at in range(0, len(golds), chunk):
        part = _Chunk.of(golds[at : at + chunk], preds[at : at + chunk], units, at)
        part.score(tally, notes)


@dataclass(frozen=True)
class _Quotes:
    """One side's quotes in a chunk, flattened in document order.

    Each quote's document, type, the hull of its characters and how many it covers; the
    intervals of those whose characters are not one interval (``split``); each content
    segment's quote, start and end.
    """

    documents: Sequence[Document]
    first: np.ndarray  # global index of each document's first quote, then the total
    doc: np.ndarray
    kind: np.ndarray
    start: np.ndarray
    end: np.ndarray
    length: np.ndarray
    split: dict[int, Intervals]
    segments: tuple[np.ndarray, np.ndarray, np.ndarray]

    @classmethod
    def of(cls, documents: Sequence[Document]) -> _Quotes:
        """Flatten the quotes of ``documents``."""
        quotes = list(chain.from_iterable(map(_quotes_of, documents)))
        contents = list(map(_content_of, quotes))
        sizes = np.fromiter(map(len, contents), dtype=np.int64, count=len(quotes))
        segments = list(chain.from_iterable(contents))
        seg_start = np.fromiter(map(_start_of, segments), dtype=np.int64, count=len(segments))
        seg_end = np.fromiter(map(_end_of, segments), dtype=np.int64, count=len(segments))
        first_segment = np.cumsum(sizes) - sizes
        start, end = seg_start[first_segment], seg_end[first_segment]
        split: dict[int, Intervals] = {}
        for i in np.flatnonzero(sizes > 1).tolist():
            span = intervals(contents[i])
            start[i], end[i] = (span[0][0], span[-1][1]) if span else (start[i], start[i])
            if len(span) > 1:
                split[i] = span
        length = np.maximum(end - start, 0)
        for i, span in split.items():
            length[i] = sum(b - a for a, b in span)
        counts = [len(d.quotes) for d in documents]
        first = np.zeros(len(documents) + 1, dtype=np.int64)
        first[1:] = np.cumsum(counts)
        kinds = map(_KIND.__getitem__, map(_type_of, quotes))
        return cls(
            documents,
            first,
            np.repeat(np.arange(len(documents)), counts),
            np.fromiter(kinds, dtype=np.int64, count=len(quotes)),
            start,
            end,
            length,
            split,
            (np.repeat(np.arange(len(quotes)), sizes), seg_start, seg_end),
        )

    def __len__(self) -> int:
        return len(self.doc)

    def spans(self, i: int) -> Intervals:
        """The characters of quote ``i`` as ``spans.intervals`` gives them."""
        if i in self.split:
            return self.split[i]
        start, end = int(self.start[i]), int(self.end[i])
        return ((start, end),) if end > start else ()

    def is_split(self, indices: np.ndarray) -> np.ndarray:
        """Whether each quote in ``indices`` covers more than one interval."""
        if not self.split:
            return np.zeros(len(indices), dtype=bool)
        return np.isin(indices, np.fromiter(self.split, dtype=np.int64))

    def in_slice(self, name: str) -> np.ndarray:
        """Whether each quote belongs to the slice (``all`` or a quote type)."""
        if name == "all":
            return np.ones(len(self), dtype=bool)
        return self.kind == _KIND[name]

    def document_quotes(self, d: int) -> tuple[list[Intervals], list[str]]:
        """The characters and types of the quotes of document ``d``, in document order."""
        spans = [self.spans(i) for i in range(self.first[d], self.first[d + 1])]
        return spans, [q.type for q in self.documents[d].quotes]

    def quote(self, i: int) -> tuple[Document, str, str]:
        """The document of quote ``i``, its id and its type."""
        d = int(self.doc[i])
        quote = self.documents[d].quotes[i - self.first[d]]
        return self.documents[d], quote.id, quote.type


def _overlapping(g: _Quotes, p: _Quotes) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every gold and predicted quote of one document that share characters: their indices
    and how many characters of the gold quote the prediction covers.

    Predictions are sorted by document and start; a gold quote's candidates start before it
    ends and no earlier than the longest prediction could start and still reach it.
    """
    if not len(g) or not len(p):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    stride = int(max(g.end.max(), p.end.max())) + 1
    order = np.lexsort((p.start, p.doc))
    keys = p.doc[order] * stride + p.start[order]
    reach = int((p.end - p.start).max())
    base = g.doc * stride
    low = np.searchsorted(keys, base + np.maximum(g.start - reach + 1, 0))
    sizes = np.maximum(np.searchsorted(keys, base + g.end) - low, 0)
    gi = np.repeat(np.arange(len(g)), sizes)
    steps = np.arange(len(gi)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    pj = order[np.repeat(low, sizes) + steps]
    share = np.minimum(g.end[gi], p.end[pj]) - np.maximum(g.start[gi], p.start[pj])
    for k in np.flatnonzero((share > 0) & (g.is_split(gi) | p.is_split(pj))):
        share[k] = covered(g.spans(gi[k]), p.spans(pj[k]))
    keep = share > 0
    return gi[keep], pj[keep], share[keep]


def _accepted(
    g: _Quotes, p: _Quotes, gi: np.ndarray, pj: np.ndarray, share: np.ndarray
) -> dict[str, np.ndarray]:
    """Mode -> whether it accepts each overlapping pair (as ``matching.accepted_graphs``)."""
    same = (g.start[gi] == p.start[pj]) & (g.end[gi] == p.end[pj])
    for k in np.flatnonzero(g.is_split(gi) | p.is_split(pj)):
        same[k] = g.spans(gi[k]) == p.spans(pj[k])
    out: dict[str, np.ndarray] = {}
    for mode in _MODES:
        if mode.threshold is None:
            out[mode.name] = same & (g.kind[gi] == p.kind[pj]) if mode.typed else same
        else:
            threshold = mode.threshold
            out[mode.name] = share * threshold.denominator >= threshold.numerator * g.length[gi]
    return out


@dataclass(frozen=True)
class _ChunkUnits:
    """Where a chunk's counts go: units ``first`` to ``first + size - 1``; the unit of each gold
    quote, of each prediction left unmatched, and of each token (all relative to ``first``)."""

    first: int
    size: int
    gold: np.ndarray
    pred: np.ndarray
    token: np.ndarray

    @classmethod
    def of(cls, units: Units, at: int, g: _Quotes, p: _Quotes, tokens: _Tokens) -> _ChunkUnits:
        """Documents as units: the chunk's own; quotes as units: as ``DocumentUnits`` says."""
        if units.kind == "document":
            return cls(at, len(g.documents), g.doc, p.doc, tokens.doc)
        one = units.documents[0]
        return cls(
            0,
            len(units.ids),
            np.array(one.gold_quotes(range(len(g))), dtype=np.int64),
            np.array(one.positions(p.start.tolist()), dtype=np.int64),
            np.array(one.positions(tokens.starts.tolist()), dtype=np.int64),
        )

    def counts(self, tp: np.ndarray, fp: np.ndarray, fn: np.ndarray) -> np.ndarray:
        """An ``(size, 3)`` array of counts from the units of true positives, false positives
        and false negatives."""
        return np.stack([np.bincount(u, minlength=self.size) for u in (tp, fp, fn)], axis=1)


@dataclass(frozen=True)
class _Tokens:
    """The chunk's whitespace tokens (of the gold texts joined by a space, so no token spans
    two documents): each one's start in its document and the document; each side's content
    segments as ranges of token indices (first, past the last)."""

    starts: np.ndarray
    doc: np.ndarray
    ranges: dict[str, tuple[np.ndarray, np.ndarray]]

    @classmethod
    def of(cls, golds: Sequence[Document], g: _Quotes, p: _Quotes) -> _Tokens:
        """Tokenise the chunk's gold texts and find the tokens each segment touches."""
        offsets = np.zeros(len(golds), dtype=np.int64)
        offsets[1:] = np.cumsum([len(d.text) + 1 for d in golds[:-1]])
        starts, ends = token_bounds(" ".join(d.text for d in golds))
        ranges = {}
        for side, quotes in (("gold", g), ("pred", p)):
            quote, start, end = quotes.segments
            shift = offsets[quotes.doc[quote]]
            ranges[side] = (
                np.searchsorted(ends, start + shift, side="right"),
                np.searchsorted(starts, end + shift, side="left"),
            )
        doc = np.searchsorted(offsets, starts, side="right") - 1
        local = starts - offsets[doc]
        return cls(local, doc, ranges)

    def covered(self, side: str, quotes: _Quotes, chosen: np.ndarray) -> np.ndarray:
        """Whether each token is touched by a ``chosen`` quote of ``side``."""
        first, past = self.ranges[side]
        keep = chosen[quotes.segments[0]] & (past > first)
        n = len(self.starts)
        edges = np.bincount(first[keep], minlength=n + 1) - np.bincount(past[keep], minlength=n + 1)
        return np.cumsum(edges[:n]) > 0


@dataclass(frozen=True)
class _Chunk:
    """A chunk of aligned documents: both sides' quotes, their overlapping pairs and each
    mode's acceptance of them, the tokens and the units."""

    g: _Quotes
    p: _Quotes
    gi: np.ndarray
    pj: np.ndarray
    accepted: dict[str, np.ndarray]
    tokens: _Tokens
    units: _ChunkUnits

    @classmethod
    def of(
        cls, golds: Sequence[Document], preds: Sequence[Document], units: Units, at: int
    ) -> _Chunk:
        """Prepare the chunk of ``golds`` and ``preds`` whose first document is number ``at``."""
        g, p = _Quotes.of(golds), _Quotes.of(preds)
        gi, pj, share = _overlapping(g, p)
        tokens = _Tokens.of(golds, g, p)
        chunk_units = _ChunkUnits.of(units, at, g, p, tokens)
        return cls(g, p, gi, pj, _accepted(g, p, gi, pj, share), tokens, chunk_units)

    def score(self, tally: Tally, notes: Notes) -> None:
        """Credit every slice's content and token counts; note the errors of ``all``."""
        for name in SLICES:
            g_in, p_in = self.g.in_slice(name), self.p.in_slice(name)
            pair_in = g_in[self.gi] & p_in[self.pj]
            pairs = {m.name: self._resolved(self.accepted[m.name] & pair_in) for m in _MODES}
            pred_units = self.units.pred.copy()
            anchor_g, anchor_p = pairs[ANCHOR_MODE]
            pred_units[anchor_p] = self.units.gold[anchor_g]
            for mode, found in pairs.items():
                counts = self._counts(found, g_in, p_in, pred_units)
                tally.add_block(f"quote.{mode}/{name}", self.units.first, counts)
            tally.add_block(f"quote.token/{name}", self.units.first, self._tokens(g_in, p_in))
            if name == "all":
                self._note_errors(pairs[ANCHOR_MODE], notes)

    def _resolved(self, chosen: np.ndarray) -> Pairs:
        """The one-to-one pairs among the ``chosen`` accepted pairs, document by document."""
        eg, ep = self.gi[chosen], self.pj[chosen]
        crowded = (np.bincount(eg, minlength=len(self.g))[eg] > 1) | (
            np.bincount(ep, minlength=len(self.p))[ep] > 1
        )
        if not crowded.any():
            return eg, ep
        docs = np.unique(self.g.doc[eg[crowded]])
        alone = ~np.isin(self.g.doc[eg], docs)
        found = [(eg[alone], ep[alone])]
        for d in docs.tolist():
            low, high = np.searchsorted(eg, self.g.first[d : d + 2])
            found.append(self._assigned(d, eg[low:high], ep[low:high]))
        return np.concatenate([f[0] for f in found]), np.concatenate([f[1] for f in found])

    def _assigned(self, d: int, eg: np.ndarray, ep: np.ndarray) -> Pairs:
        """``matching.resolve`` on the accepted pairs of document ``d``."""
        g_first, p_first = int(self.g.first[d]), int(self.p.first[d])
        graph: Accepted = {}
        for i, j in zip((eg - g_first).tolist(), (ep - p_first).tolist(), strict=True):
            graph.setdefault(i, []).append(j)
        (g_spans, g_types), (p_spans, p_types) = (
            self.g.document_quotes(d),
            self.p.document_quotes(d),
        )
        pairs = resolve(graph, g_spans, p_spans, g_types, p_types)
        found = np.array(pairs, dtype=np.int64).reshape(-1, 2)
        return found[:, 0] + g_first, found[:, 1] + p_first

    def _counts(
        self, pairs: Pairs, g_in: np.ndarray, p_in: np.ndarray, pred_units: np.ndarray
    ) -> np.ndarray:
        """Matched pairs are true positives (in the gold quote's unit), other gold quotes of the
        slice false negatives, other predictions of the slice false positives."""
        g_left, p_left = g_in.copy(), p_in.copy()
        g_left[pairs[0]] = False
        p_left[pairs[1]] = False
        gold = self.units.gold
        return self.units.counts(gold[pairs[0]], pred_units[p_left], gold[g_left])

    def _tokens(self, g_in: np.ndarray, p_in: np.ndarray) -> np.ndarray:
        """Token counts: tokens touched by both sides, by the predictions alone, by the gold
        alone."""
        gold = self.tokens.covered("gold", self.g, g_in)
        pred = self.tokens.covered("pred", self.p, p_in)
        unit = self.units.token
        return self.units.counts(unit[gold & pred], unit[pred & ~gold], unit[gold & ~pred])

    def _note_errors(self, anchor: Pairs, notes: Notes) -> None:
        """Gold quotes the anchor matching leaves alone are missed, such predictions spurious."""
        for kind, quotes, matched in (
            ("missed", self.g, anchor[0]),
            ("spurious", self.p, anchor[1]),
        ):
            left = np.ones(len(quotes), dtype=bool)
            left[matched] = False
            for i in np.flatnonzero(left).tolist():
                document, quote, quote_type = quotes.quote(i)
                notes.errors.append(error_item(kind, document, quotes.spans(i), quote, quote_type))
