"""Hand-written news paragraphs with their gold quotes, for training small models in tests.

Each sentence is built from a pattern (a speaker and a statement in one of the ways news
reports speech) or is plain narration, so that a model has something to learn and
something to leave alone.
"""

from __future__ import annotations

import random

from quotebench.corpus import Annotation, Document, Entity, Mention, Quote, Span

__all__ = ["hand_written"]

SPEAKERS = ("Ana Lopez", "the minister", "Bo Chen", "the mayor", "Carla Diaz", "a spokesman",
            "Dev Patel", "the union leader")  # fmt: skip
STATEMENTS = (
    "the plan would cut costs", "taxes will rise next year", "the bridge is safe",
    "nobody was hurt in the fire", "the talks had failed", "schools will reopen on Monday",
    "the budget is balanced", "the company will hire more staff", "prices fell in May",
    "the road will close for repairs",
)  # fmt: skip
NARRATION = (
    "The weather was cold on Tuesday.", "Hundreds of people gathered in the square.",
    "The report runs to forty pages.", "Traffic was heavy across the city.",
    "The vote is expected next week.", "Shops stayed open late.",
)  # fmt: skip
Piece = tuple[int, str]  # where in the sentence, and the text


def _report(rng: random.Random) -> tuple[str, Piece, Piece, Piece, str]:
    """A sentence reporting speech: the sentence, its source, cue, content, quote type."""
    speaker, statement = rng.choice(SPEAKERS), rng.choice(STATEMENTS)
    opening = speaker[0].upper() + speaker[1:]
    pattern = rng.randrange(4)
    if pattern == 0:  # "Statement," the speaker told reporters.
        said = statement[0].upper() + statement[1:]
        at = len(said) + 4
        return (f'"{said}," {speaker} told reporters.', (at, speaker),
                (at + len(speaker) + 1, "told"), (1, said), "direct")  # fmt: skip
    if pattern == 3:  # According to the speaker, statement.
        at = len("According to ")
        return (f"According to {speaker}, {statement}.", (at, speaker), (0, "According to"),
                (at + len(speaker) + 2, statement), "indirect")  # fmt: skip
    verb = ("said", "warned")[pattern - 1]  # The speaker said that statement.
    return (f"{opening} {verb} that {statement}.", (0, opening), (len(opening) + 1, verb),
            (len(opening) + len(verb) + 7, statement), "indirect")  # fmt: skip


def _document(doc_id: str, rng: random.Random) -> Document:
    text, entities, mentions, quotes = "", [], [], []
    for n in range(rng.randint(4, 7)):
        if rng.random() < 0.35:
            text += rng.choice(NARRATION)
        else:
            sentence, source, cue, content, kind = _report(rng)
            k = len(quotes) + 1
            (s_at, s_text), (c_at, c_text), (q_at, q_text) = (
                (len(text) + at, piece) for at, piece in (source, cue, content)
            )
            text += sentence
            entities.append(Entity(id=f"e{k}", name=s_text, kind="person"))
            mentions.append(Mention(id=f"m{k}", start=s_at, end=s_at + len(s_text),
                                    text=s_text, entity=f"e{k}"))  # fmt: skip
            quotes.append(Quote(id=f"q{k}", type=kind,
                                content=(Span(start=q_at, end=q_at + len(q_text), text=q_text),),
                                cue=(Span(start=c_at, end=c_at + len(c_text), text=c_text),),
                                source=f"m{k}", speaker=f"e{k}"))  # fmt: skip
        text += " " if n % 3 != 2 else "\n"
    return Document(id=doc_id, text=text.rstrip(), annotation=Annotation(annotator="tester"),
                    entities=tuple(entities), mentions=tuple(mentions),
                    quotes=tuple(quotes)).with_convention("quotebench.v1")  # fmt: skip


def hand_written(count: int, seed: int, prefix: str = "doc") -> list[Document]:
    """``count`` documents built from the patterns (the same for the same ``seed``)."""
    rng = random.Random(seed)
    return [_document(f"{prefix}-{k:02d}", rng) for k in range(count)]
