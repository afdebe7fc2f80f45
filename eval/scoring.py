"""Score aligned documents: quote content in bulk (``content``), then, document by document,
cues, source mentions, speakers and stance on the anchor matching, into a per-unit ``Tally``.

Every metric is counted per slice: ``all`` quotes, then each quote type (gold quotes of
that type against predicted quotes of that type).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from quotebench.corpus import Document, Mention, Quote

from .columns import ANCHOR_MODE, COMPONENTS, CUE_MODES, SLICES, Tasks
from .content import score_content
from .matching import Matching, parse_mode
from .notes import Notes, error_item
from .spans import Intervals, intervals
from .speakers import SPEAKER_RULES, Attribution, attributions, speaker_correct
from .stance import PairKey, label_counts, outcomes
from .unaligned import score_unaligned
from .units import DocumentUnits, Tally, Units

__all__ = ["score_collection", "score_document"]

_ANCHOR = (parse_mode(ANCHOR_MODE),)
_CUE_MODES = tuple(parse_mode(m) for m in CUE_MODES)


def score_collection(
    golds: Sequence[Document],
    preds: Sequence[Document],
    oracles: Sequence[Document] | None,
    units: Units,
    tasks: Tasks,
) -> tuple[Tally, Notes]:
    """Every scored metric of aligned gold, predicted (and oracle) documents, with the notes
    the reports need."""
    tally, notes = Tally(len(units.ids)), Notes()
    score_content(golds, preds, units, tally, notes)
    score_unaligned(preds, units, tally, tasks)
    if tasks.scored - {"quote"}:
        for k, (gold, pred) in enumerate(zip(golds, preds, strict=True)):
            oracle = oracles[k] if oracles else None
            unit = units.documents[k if units.kind == "document" else 0]
            score_document(gold, pred, oracle, unit, tasks, tally, notes)
    return tally, notes


@dataclass(frozen=True)
class _Facts:
    """What scoring needs of one document, computed once: each quote's content and type."""

    document: Document
    spans: list[Intervals]
    types: list[str]
    members: dict[str, list[int]]  # slice (all, or a quote type present) -> quote indices

    @classmethod
    def of(cls, document: Document) -> _Facts:
        """Compute the facts of ``document``."""
        spans, types = [], []
        members: dict[str, list[int]] = {}
        for i, quote in enumerate(document.quotes):
            spans.append(intervals(quote.content))
            types.append(quote.type)
            members.setdefault(quote.type, []).append(i)
        members["all"] = list(range(len(spans)))
        return cls(document, spans, types, members)

    @functools.cached_property
    def components(self) -> dict[str, tuple[list[int], list[Intervals]]]:
        """Per component (cue, source): the indices of the quotes that have one, and each
        one's characters (the cue's spans, the source mention's span)."""
        mentions = {m.id: m for m in self.document.mentions}
        found: dict[str, tuple[list[int], list[Intervals]]] = {}
        for component in COMPONENTS:
            having, spans = [], []
            for i, quote in enumerate(self.document.quotes):
                parts = quote.cue if component == "cue" else _source_spans(quote, mentions)
                if parts:
                    having.append(i)
                    spans.append(intervals(parts))
            found[component] = (having, spans)
        return found

    @functools.cached_property
    def attributions(self) -> list[Attribution]:
        """The speaker facts of each quote (computed when a speaker rule is scored)."""
        return attributions(self.document)


@dataclass(slots=True)
class _Side:
    """The quotes of one side within a slice: document indices and merged content."""

    facts: _Facts
    indices: list[int]
    spans: list[Intervals]

    @classmethod
    def of(cls, facts: _Facts, slice_: str) -> _Side:
        """The quotes of ``facts`` in the slice (all, or one quote type)."""
        chosen = facts.members.get(slice_, [])
        if len(chosen) == len(facts.spans):
            return cls(facts, chosen, facts.spans)
        return cls(facts, chosen, [facts.spans[i] for i in chosen])

    def quote(self, document: Document, k: int) -> Quote:
        """The ``k``-th quote of the slice."""
        return document.quotes[self.indices[k]]

    def attribution(self, k: int) -> Attribution:
        """The speaker facts of the ``k``-th quote of the slice."""
        return self.facts.attributions[self.indices[k]]


@dataclass(slots=True)
class _Slice:
    """A slice of one document pair: both sides, the anchor matching and each item's unit
    (``single``: the one unit of everything, when the document is one unit); ``verdicts``
    remembers speaker rulings by (rule, gold quote, predicted quote) across the slices."""

    name: str
    gold: Document
    pred: Document
    g: _Side
    p: _Side
    anchor: list[tuple[int, int]]
    gold_units: list[int]
    pred_units: list[int]
    single: int | None
    verdicts: dict[tuple[str, int, int], bool]


def _slice(
    gold: _Facts,
    pred: _Facts,
    name: str,
    units: DocumentUnits,
    whole: Matching,
    verdicts: dict[tuple[str, int, int], bool],
) -> _Slice:
    g, p = _Side.of(gold, name), _Side.of(pred, name)
    anchor = whole.within(g.indices, p.indices)[ANCHOR_MODE]
    gold_units = units.gold_quotes(g.indices)
    if units.single is not None:
        pred_units = [units.single] * len(p.indices)
    else:
        pred_units = units.positions([s[0][0] for s in p.spans])
        for i, j in anchor:
            pred_units[j] = gold_units[i]
    return _Slice(
        name,
        gold.document,
        pred.document,
        g,
        p,
        anchor,
        gold_units,
        pred_units,
        units.single,
        verdicts,
    )


def score_document(
    gold: Document,
    pred: Document,
    oracle: Document | None,
    units: DocumentUnits,
    tasks: Tasks,
    tally: Tally,
    notes: Notes,
) -> None:
    """Add the cue, speaker and stance counts of one document, slice by slice, to ``tally``
    and ``notes`` (quote content is scored by ``content.score_content``)."""
    gold_facts, pred_facts = _Facts.of(gold), _Facts.of(pred)
    whole = Matching.of(
        gold_facts.spans, pred_facts.spans, _ANCHOR, gold_facts.types, pred_facts.types
    )
    components = {
        c: Matching.of(gold_facts.components[c][1], pred_facts.components[c][1], _CUE_MODES)
        for c in COMPONENTS
        if tasks.has(c)
    }
    verdicts: dict[tuple[str, int, int], bool] = {}
    rules = [r for r in SPEAKER_RULES if tasks.has(r)]
    for name in SLICES:
        view = _slice(gold_facts, pred_facts, name, units, whole, verdicts)
        for component, matching in components.items():
            _score_component(view, component, matching, tally)
        for rule in rules:
            _score_speaker(view, rule, tally)
        _note_gold_stances(view, notes)
        if tasks.has("end-to-end"):
            _score_stance(view, "end-to-end", _end_to_end_pairs(view), tally, notes)
        if tasks.has("oracle") and oracle is not None:
            _score_stance(view, "oracle", _oracle_pairs(view, oracle, units), tally, notes)
        if name == "all" and rules:
            _note_speaker_errors(view, tasks, notes)


def credit(
    tally: Tally,
    column: str,
    pairs: Sequence[tuple[int, int]],
    gold_units: Sequence[int],
    pred_units: Sequence[int],
    single: int | None = None,
) -> None:
    """Matched pairs are true positives, other gold false negatives, other predictions false
    positives; ``single``, when given, is the unit of every item (counted at once)."""
    if single is not None:
        matched = len(pairs)
        tally.add(column, single, matched, len(pred_units) - matched, len(gold_units) - matched)
        return
    matched_g = {i for i, _ in pairs}
    matched_p = {j for _, j in pairs}
    tally.add_units(
        column,
        tp=[gold_units[i] for i, _ in pairs],
        fp=[unit for j, unit in enumerate(pred_units) if j not in matched_p],
        fn=[unit for i, unit in enumerate(gold_units) if i not in matched_g],
    )


def _source_spans(quote: Quote, mentions: dict[str, Mention]) -> tuple[Mention, ...]:
    return (mentions[quote.source],) if quote.source in mentions else ()


def _positions(side: _Side, component: str) -> tuple[list[int], list[int]]:
    """The slice positions of the quotes that have the component, and the index of each
    one's component among the document's."""
    item_of = {i: c for c, i in enumerate(side.facts.components[component][0])}
    ks = [k for k, i in enumerate(side.indices) if i in item_of]
    return ks, [item_of[side.indices[k]] for k in ks]


def _score_component(view: _Slice, component: str, matching: Matching, tally: Tally) -> None:
    g_ks, g_keep = _positions(view.g, component)
    p_ks, p_keep = _positions(view.p, component)
    pairs = matching.within(g_keep, p_keep)
    g_units = [view.gold_units[k] for k in g_ks]
    p_units = [view.pred_units[k] for k in p_ks]
    for mode in CUE_MODES:
        credit(tally, f"{component}.{mode}/{view.name}", pairs[mode], g_units, p_units,
               view.single)  # fmt: skip


def _speaker_hits(view: _Slice, rule: str) -> list[tuple[int, int]]:
    return [(i, j) for i, j in view.anchor if _speaker_right(view, rule, i, j)]


def _speaker_right(view: _Slice, rule: str, i: int, j: int) -> bool:
    """``speaker_correct`` for the slice's pair ``(i, j)``, ruled once per document."""
    key = (rule, view.g.indices[i], view.p.indices[j])
    verdict = view.verdicts.get(key)
    if verdict is None:
        verdict = speaker_correct(rule, view.g.attribution(i), view.p.attribution(j))
        view.verdicts[key] = verdict
    return verdict


def _score_speaker(view: _Slice, rule: str, tally: Tally) -> None:
    hits = _speaker_hits(view, rule)
    hit_set = set(hits)
    for i, j in view.anchor:
        unit = view.gold_units[i]
        if (i, j) in hit_set:
            tally.add(f"{rule}/{view.name}", unit, tp=1)
            continue
        fp = int(view.p.attribution(j).given(rule))
        fn = int(view.g.attribution(i).given(rule))
        tally.add(f"{rule}/{view.name}", unit, fp=fp, fn=fn)
    column = f"quote+{rule}/{view.name}"
    credit(tally, column, hits, view.gold_units, view.pred_units, view.single)


def _gold_pairs(view: _Slice) -> dict[PairKey, str]:
    local = {view.g.quote(view.gold, k).id: k for k in range(len(view.g.indices))}
    return {(0, local[s.quote], s.target): s.label for s in view.gold.stances if s.quote in local}


def _note_gold_stances(view: _Slice, notes: Notes) -> None:
    if view.gold.stances:
        notes.gold_labels[view.name].update(_gold_pairs(view).values())


def _end_to_end_pairs(view: _Slice) -> tuple[dict[PairKey, str], dict[PairKey, int]]:
    local = {view.p.quote(view.pred, k).id: k for k in range(len(view.p.indices))}
    to_gold = {j: i for i, j in view.anchor}
    pred: dict[PairKey, str] = {}
    units: dict[PairKey, int] = {}
    for stance in (s for s in view.pred.stances if s.quote in local):
        j = local[stance.quote]
        key: PairKey = (0, to_gold[j], stance.target) if j in to_gold else (1, j, stance.target)
        pred[key] = stance.label
        units[key] = view.pred_units[j]
    return pred, units


def _oracle_pairs(
    view: _Slice, oracle: Document, units: DocumentUnits
) -> tuple[dict[PairKey, str], dict[PairKey, int]]:
    by_span = {span: k for k, span in enumerate(view.g.spans)}
    quotes = {q.id: q for q in oracle.quotes}
    pred: dict[PairKey, str] = {}
    pair_units: dict[PairKey, int] = {}
    for j, stance in enumerate(oracle.stances):
        quote = quotes.get(stance.quote) if stance.quote is not None else None
        if quote is None:
            continue
        span = intervals(quote.content)
        if span in by_span:
            key: PairKey = (0, by_span[span], stance.target)
            pair_units[key] = view.gold_units[by_span[span]]
        elif view.name in ("all", quote.type) and not _is_gold_span(view.gold, span):
            key = (1, j, stance.target)
            pair_units[key] = units.position(span[0][0])
        else:
            continue
        pred[key] = stance.label
    return pred, pair_units


def _is_gold_span(gold: Document, span: Intervals) -> bool:
    return any(intervals(q.content) == span for q in gold.quotes)


def _score_stance(
    view: _Slice,
    setting: str,
    predicted: tuple[dict[PairKey, str], dict[PairKey, int]],
    tally: Tally,
    notes: Notes,
) -> None:
    pred, pred_units = predicted
    for key, gold_label, pred_label in outcomes(_gold_pairs(view), pred):
        unit = view.gold_units[key[1]] if key[0] == 0 else pred_units[key]
        for label, counts in label_counts(gold_label, pred_label).items():
            tally.add(
                f"stance.{setting}/{view.name}/{label}", unit, counts.tp, counts.fp, counts.fn
            )
        if view.name == "all":
            notes.confusion[setting][(gold_label or "none", pred_label or "none")] += 1
            if gold_label is not None and gold_label != pred_label:
                _note_stance_error(view, setting, key, gold_label, pred_label, notes)


def _note_stance_error(
    view: _Slice, setting: str, key: PairKey, gold: str, pred: str | None, notes: Notes
) -> None:
    quote = view.g.quote(view.gold, key[1])
    span = view.g.spans[key[1]]
    detail = f"target {key[2]}: gold {gold}, predicted {pred or 'nothing'}"
    notes.errors.append(error_item(f"wrong stance ({setting})", view.gold, span, quote.id, detail))


def _note_speaker_errors(view: _Slice, tasks: Tasks, notes: Notes) -> None:
    rule = next(r for r in ("speaker_entity", *SPEAKER_RULES) if tasks.has(r))
    hits = set(_speaker_hits(view, rule))
    for i, j in (pair for pair in view.anchor if pair not in hits):
        g, p = view.g.quote(view.gold, i), view.p.quote(view.pred, j)
        detail = f"{rule}: gold {_speaker(view.gold, g)}, predicted {_speaker(view.pred, p)}"
        notes.errors.append(error_item("wrong speaker", view.gold, view.g.spans[i], g.id, detail))


def _speaker(document: Document, quote: Quote) -> str:
    names = {e.id: e.name for e in document.entities}
    return names.get(quote.speaker or "", "nobody")
