"""Hypothesis strategies for annotated documents (nested, discontinuous, non-ASCII, emoji)."""

from __future__ import annotations

import itertools

from hypothesis import strategies as st

from quotebench.corpus import load_targets
from quotebench.corpus.model import (
    ENTITY_KINDS,
    QUOTE_TYPES,
    STANCE_LABELS,
    Annotation,
    Document,
    Entity,
    Mention,
    NonQuote,
    Quote,
    Span,
    Stance,
)

TARGETS = tuple(t.id for t in load_targets())
WORDS = (
    "Putin",
    "said",
    "«",
    "»",
    "été",
    "Zelenskyy",
    "😀",
    "🇺🇦",
    "中文",
    "fin.\nDébut",
    "a",
    "“",
    "”",
)
IDS = st.from_regex(r"[a-z][a-z0-9_.-]{0,5}", fullmatch=True).filter(lambda s: s != "null")
NAMES = st.text(
    st.characters(blacklist_characters="|\n\r", blacklist_categories=("Cs",)), min_size=1
)
SCORES = st.none() | st.floats(0, 1)


def _spans(draw: st.DrawFn, text: str, tokens: list[str], count: int) -> list[Span]:
    """``count`` disjoint spans on token boundaries, in a drawn order."""
    starts, position = [], 0
    for token in tokens:
        starts.append(position)
        position += len(token) + 1
    cuts = draw(st.lists(st.integers(1, len(tokens) - 1), unique=True, min_size=count))
    bounds = [0, *sorted(cuts), len(tokens)]
    pieces = [
        (starts[a], starts[b - 1] + len(tokens[b - 1])) for a, b in itertools.pairwise(bounds)
    ]
    chosen = draw(st.permutations(pieces))[:count]
    return [Span(start=s, end=e, text=text[s:e]) for s, e in chosen]


def _entities(draw: st.DrawFn) -> list[Entity]:
    ids = draw(st.lists(IDS, min_size=1, max_size=4, unique=True))
    entities = [
        Entity(id=i, name=draw(NAMES), kind=draw(st.sampled_from(ENTITY_KINDS)),
               wikidata=draw(st.none() | st.from_regex(r"Q[1-9][0-9]{0,6}", fullmatch=True)))
        for i in ids
    ]  # fmt: skip
    if len(ids) > 2 and draw(st.booleans()):
        entities.append(Entity(id="group", name="both", kind="group", members=tuple(ids[:2])))
    return entities


def _quotes(draw, spans, mentions, entities) -> list[Quote]:
    quotes: list[Quote] = []
    for index in range(draw(st.integers(1, 3))):
        content = tuple(spans.pop() for _ in range(draw(st.integers(1, 2))))
        cue = tuple(spans.pop() for _ in range(draw(st.integers(0, 2))))
        if quotes and draw(st.booleans()):
            cue = quotes[-1].cue  # a cue shared by two quotes
        source = draw(st.none() | st.sampled_from([m.id for m in mentions] or [None]))
        speakers = [m.entity for m in mentions if m.id == source] or [e.id for e in entities]
        quotes.append(
            Quote(
                id=f"q{index}.{draw(IDS)}", type=draw(st.sampled_from(QUOTE_TYPES)),
                content=content, cue=cue,
                source=source,  # the speaker is the source's entity (R-SRC)
                speaker=draw(st.none() | st.sampled_from(speakers)),
                parent=draw(st.none() | st.sampled_from([q.id for q in quotes] or [None])),
                score=draw(SCORES),
            )
        )  # fmt: skip
    return quotes


def _stances(draw, spans, quotes, entities) -> list[Stance]:
    stances = []
    pairs = [(q.id, t) for q in quotes for t in TARGETS]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=4))
    chosen += [(None, draw(st.sampled_from(TARGETS))) for _ in range(draw(st.integers(0, 2)))]
    for index, (quote, target) in enumerate(chosen):
        evidence = () if quote else tuple(spans.pop() for _ in range(draw(st.integers(1, 2))))
        stances.append(
            Stance(
                id=f"s{index}", holder=draw(st.sampled_from([e.id for e in entities])),
                quote=quote, target=target, label=draw(st.sampled_from(STANCE_LABELS)),
                explicit=draw(st.booleans()), evidence=evidence, score=draw(SCORES),
            )
        )  # fmt: skip
    return draw(st.permutations(stances))


@st.composite
def documents(draw: st.DrawFn, annotator: str | None = None) -> Document:
    """An annotated document exercising every part of the data model."""
    tokens = draw(st.lists(st.sampled_from(WORDS), min_size=40, max_size=60))
    text = " ".join(tokens)
    spans = _spans(draw, text, tokens, 24)
    entities = _entities(draw)
    mentions = [
        Mention(
            id=f"m{i}", entity=draw(st.sampled_from([e.id for e in entities])), **s.model_dump()
        )
        for i, s in enumerate(spans.pop() for _ in range(draw(st.integers(0, 4))))
    ]
    quotes = _quotes(draw, spans, mentions, entities)
    non_quote = spans.pop()
    return Document(
        id=draw(IDS), text=text, annotation=Annotation(annotator=annotator),
        entities=tuple(entities), mentions=tuple(mentions), quotes=tuple(quotes),
        stances=tuple(_stances(draw, spans, quotes, entities)),
        non_quotes=(NonQuote(reason=draw(NAMES), **non_quote.model_dump()),),
    )  # fmt: skip
