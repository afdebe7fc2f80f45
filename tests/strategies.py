"""Hypothesis strategies for valid documents of the data model, shared by the test modules."""

from __future__ import annotations

from hypothesis import strategies as st

from quotebench.corpus import (
    QUOTE_TYPES,
    STANCE_LABELS,
    Annotation,
    Document,
    Entity,
    Mention,
    Meta,
    Quote,
    Span,
    Stance,
)
from quotebench.corpus.model import ENTITY_KINDS

WORDS = ["Putin", "said", "Kyiv", "Zelenskyy", "Ukraine", "troops", "naïve", "Köln", "🙂", "über"]
TARGET_IDS = ["t-one", "t-two", "t-three"]


@st.composite
def texts(draw: st.DrawFn) -> str:
    """Paragraphs of words, non-ASCII and emoji included."""
    paragraphs = draw(
        st.lists(st.lists(st.sampled_from(WORDS), min_size=3, max_size=12), min_size=1, max_size=4)
    )
    return "\n".join(" ".join(words) for words in paragraphs)


def _span(draw: st.DrawFn, text: str) -> Span:
    """A span that starts and ends on a visible character, as annotators mark them."""
    visible = [i for i, c in enumerate(text) if not c.isspace()]
    start = draw(st.sampled_from(visible))
    end = draw(st.sampled_from([i + 1 for i in visible if start <= i < start + 40]))
    return Span(start=start, end=end, text=text[start:end])


def _segments(draw: st.DrawFn, text: str, min_size: int) -> tuple[Span, ...]:
    """Non-overlapping spans in text order."""
    chosen: list[Span] = []
    for _ in range(draw(st.integers(min_size, 3))):
        span = _span(draw, text)
        if all(span.end <= s.start or span.start >= s.end for s in chosen):
            chosen.append(span)
    return tuple(sorted(chosen, key=lambda s: s.start))


def _entities(draw: st.DrawFn) -> tuple[Entity, ...]:
    count = draw(st.integers(1, 4))
    entities = [
        Entity(
            id=f"e{i}",
            name=draw(st.sampled_from(WORDS)),
            kind=draw(st.sampled_from([k for k in ENTITY_KINDS if k != "group"])),
            wikidata=draw(st.none() | st.integers(1, 10**6).map(lambda n: f"Q{n}")),
        )
        for i in range(count)
    ]
    if count > 1 and draw(st.booleans()):
        members = tuple(e.id for e in entities[:2])
        entities.append(Entity(id="e-group", name="group", kind="group", members=members))
    return tuple(entities)


def _quotes(draw: st.DrawFn, text: str, mentions: tuple[Mention, ...], entity_ids: list[str]):
    quotes: list[Quote] = []
    seen: set[tuple[tuple[int, int], ...]] = set()
    for i in range(draw(st.integers(0, 4))):
        content = _segments(draw, text, 1)
        key = tuple((s.start, s.end) for s in content)
        if key in seen:
            continue
        seen.add(key)
        source = draw(st.none() | st.sampled_from([m.id for m in mentions]))
        speakers = [m.entity for m in mentions if m.id == source] or entity_ids
        quotes.append(
            Quote(
                id=f"q{i}",
                type=draw(st.sampled_from(QUOTE_TYPES)),
                content=content,
                cue=_segments(draw, text, 0),
                source=source,
                speaker=draw(st.none() | st.sampled_from(speakers)),  # the source's entity
                parent=quotes[-1].id if quotes and draw(st.booleans()) else None,
            )
        )
    return tuple(quotes)


def _stances(draw: st.DrawFn, text: str, quotes: tuple[Quote, ...], entity_ids: list[str]):
    stances: list[Stance] = []
    pairs: set[tuple[str, str]] = set()
    for i in range(draw(st.integers(0, 4))):
        quote = draw(st.none() | st.sampled_from([q.id for q in quotes])) if quotes else None
        target = draw(st.sampled_from(TARGET_IDS))
        if quote is not None and (quote, target) in pairs:
            continue
        if quote is not None:
            pairs.add((quote, target))
        evidence = _segments(draw, text, 1 if quote is None else 0)
        stances.append(
            Stance(
                id=f"s{i}",
                holder=draw(st.sampled_from(entity_ids)),
                quote=quote,
                target=target,
                label=draw(st.sampled_from(STANCE_LABELS)),
                explicit=draw(st.booleans()),
                evidence=evidence,
            )
        )
    return tuple(stances)


@st.composite
def documents(draw: st.DrawFn, doc_id: str | None = None) -> Document:
    """A valid gold document: every invariant of ``check_document`` holds (targets TARGET_IDS)."""
    text = draw(texts())
    entities = _entities(draw)
    entity_ids = [e.id for e in entities]
    mentions = tuple(
        Mention(
            id=f"m{i}", entity=draw(st.sampled_from(entity_ids)), **_span(draw, text).model_dump()
        )
        for i in range(draw(st.integers(1, 5)))
    )
    quotes = _quotes(draw, text, mentions, entity_ids)
    return Document(
        id=doc_id or draw(st.from_regex(r"[a-z]{1,6}-[0-9]{1,3}", fullmatch=True)),
        text=text,
        meta=Meta(
            language="en", extra=draw(st.dictionaries(st.sampled_from(WORDS), st.integers()))
        ),
        annotation=Annotation(annotator="gold", origin="gold"),
        entities=entities,
        mentions=mentions,
        quotes=quotes,
        stances=_stances(draw, text, quotes, entity_ids),
    )
