"""Scoring one document: hand-worked counts per metric and slice, and the errors noted."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from quotebench.corpus import QUOTE_TYPES, Document, Entity, Mention, Quote, Span, Stance
from quotebench.eval.columns import Tasks, columns
from quotebench.eval.matching import QUOTE_MODES, match, parse_mode
from quotebench.eval.notes import Notes
from quotebench.eval.scoring import score_collection
from quotebench.eval.units import plan_units

TEXT = 'Ana said "we stay here" and added that talks would go on. Bo denied it.'
#       0123456789...
ALL = frozenset(
    {"cue", "source", "speaker_mention", "speaker_entity", "speaker_name", "end-to-end"}
)


def _span(start: int, end: int) -> Span:
    return Span(start=start, end=end, text=TEXT[start:end])


def _document(quotes, stances=(), mentions=None) -> Document:
    mentions = mentions or (Mention(id="m1", entity="ana", **_span(0, 3).model_dump()),)
    return Document(
        id="d",
        text=TEXT,
        entities=(
            Entity(id="ana", name="Ana", kind="person"),
            Entity(id="bo", name="Bo", kind="person"),
        ),
        mentions=mentions,
        quotes=tuple(quotes),
        stances=tuple(stances),
    )


DIRECT = Quote(
    id="q1", type="direct", content=(_span(10, 22),), cue=(_span(4, 8),), source="m1", speaker="ana"
)
INDIRECT = Quote(
    id="q2",
    type="indirect",
    content=(_span(38, 57),),
    cue=(_span(28, 33),),
    source="m1",
    speaker="ana",
)


def _score(gold: Document, pred: Document, tasks=ALL) -> tuple[dict, Notes]:
    other = Document(id="other", text="x")
    units = plan_units([gold, other])
    tally, notes = score_collection([gold, other], [pred, other], None, units, Tasks(tasks))
    names = columns(Tasks(tasks))
    matrix = tally.matrix(names)
    return {n: tuple(matrix[0, k]) for k, n in enumerate(names)}, notes


def test_hand_worked_counts() -> None:
    gold = _document(
        [DIRECT, INDIRECT],
        [Stance(id="s", holder="ana", quote="q1", target="t", label="favor", explicit=True)],
    )
    shifted = DIRECT.model_copy(
        update={"content": (_span(11, 22),), "speaker": "bo", "source": None}
    )
    spurious = Quote(id="p9", type="direct", content=(_span(59, 61),))
    pred = _document(
        [shifted, spurious],
        [Stance(id="s", holder="bo", quote="q1", target="t", label="against", explicit=True)],
    )
    counts, notes = _score(gold, pred)
    assert counts["quote.exact/all"] == (0, 2, 2)
    assert counts["quote.overlap@0.8/all"] == (1, 1, 1)
    assert counts["quote.overlap@0.3/direct"] == (1, 1, 0)
    assert counts["quote.overlap@0.3/indirect"] == (0, 0, 1)
    assert counts["cue.exact/all"] == (1, 0, 1)
    assert counts["speaker_mention/all"] == (0, 0, 1)  # no source predicted: a miss only
    assert counts["speaker_entity/all"] == (0, 1, 1)
    assert counts["quote+speaker_entity/all"] == (0, 2, 2)
    assert counts["stance.end-to-end/all/favor"] == (0, 0, 1)
    assert counts["stance.end-to-end/all/against"] == (0, 1, 0)
    assert notes.confusion["end-to-end"] == {("favor", "against"): 1}
    kinds = sorted(e.kind for e in notes.errors)
    assert kinds == ["missed", "spurious", "wrong speaker", "wrong stance (end-to-end)"]


def test_source_mentions_are_spans_of_their_own() -> None:
    """``source.exact`` wants the gold source mention's boundaries; overlap@0.3 does not,
    and neither needs the quote itself to be found."""
    wider = Mention(id="m2", entity="ana", **_span(0, 8).model_dump())
    gold = _document([DIRECT, INDIRECT])
    pred = _document(
        [DIRECT.model_copy(update={"content": (_span(40, 45),)}),
         INDIRECT.model_copy(update={"source": "m2"})],
        mentions=(gold.mentions[0], wider),
    )  # fmt: skip
    counts, _ = _score(gold, pred)
    assert counts["source.exact/all"] == (1, 1, 1)
    assert counts["source.overlap@0.3/all"] == (2, 0, 0)
    assert counts["speaker_mention/all"] == (1, 0, 0)  # only the second quote is matched


def test_token_level_counts_whitespace_tokens() -> None:
    gold = _document([DIRECT])
    pred = _document([DIRECT.model_copy(update={"content": (_span(10, 17),)})])  # "we stay"
    counts, _ = _score(gold, pred, frozenset())
    assert counts["quote.token/all"] == (2, 0, 1)


def test_discontinuous_and_nested_quotes() -> None:
    outer = Quote(id="o", type="mixed", content=(_span(0, 22), _span(28, 57)))
    inner = Quote(id="i", type="direct", content=(_span(10, 22),), parent="o")
    gold = _document([outer, inner])
    pred = _document(
        [
            inner.model_copy(update={"id": "a"}),
            outer.model_copy(update={"id": "b", "content": (_span(0, 22),)}),
        ]
    )
    counts, _ = _score(gold, pred, frozenset())
    assert counts["quote.exact/all"] == (1, 1, 1)
    assert counts["quote.overlap@0.3/all"] == (2, 0, 0)  # 22 of 51 characters of the outer quote
    assert counts["quote.overlap@0.8/all"] == (1, 1, 1)
    assert counts["quote.strict/mixed"] == (0, 1, 1)


quote_lists = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 10), st.sampled_from(QUOTE_TYPES)),
    max_size=8,
    unique_by=lambda t: t[:2],
)


def _typed_quotes(spans) -> list[Quote]:
    return [
        Quote(id=f"q{k}", type=kind, content=(_span(a, a + n),))
        for k, (a, n, kind) in enumerate(spans)
    ]


@settings(max_examples=150, deadline=None)
@given(gold=quote_lists, pred=quote_lists)
def test_a_type_slice_matches_the_quotes_of_its_type_alone(gold, pred) -> None:
    counts, _ = _score(_document(_typed_quotes(gold)), _document(_typed_quotes(pred)), frozenset())
    for kind in QUOTE_TYPES:
        g = [((a, a + n),) for a, n, t in gold if t == kind]
        p = [((a, a + n),) for a, n, t in pred if t == kind]
        for mode in QUOTE_MODES:
            found = len(match(g, p, parse_mode(mode), [kind] * len(g), [kind] * len(p)))
            assert counts[f"quote.{mode}/{kind}"] == (found, len(p) - found, len(g) - found)
