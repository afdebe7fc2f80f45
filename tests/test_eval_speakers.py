"""Speaker rules on a matched quote: mention overlap, entity mentions, normalised names."""

from __future__ import annotations

import pytest

from quotebench.corpus import Document, Entity, Mention, Quote, Span
from quotebench.eval.speakers import SPEAKER_RULES, attributions, normalise_name, speaker_correct

TEXT = 'Vladimir Putin spoke. "We will see," he said. Mr Putin left. Macron agreed.'
#       0         1         2         3         4         5         6         7
PUTIN, HE, MR_PUTIN, MACRON = (0, 14), (37, 39), (46, 54), (61, 67)


def _document(
    source: tuple[int, int] | None, speaker: str | None, names: dict[str, str]
) -> Document:
    spans = {"m-putin": PUTIN, "m-he": HE, "m-mr": MR_PUTIN, "m-macron": MACRON}
    entity_of = {"m-putin": "putin", "m-he": "putin", "m-mr": "putin", "m-macron": "macron"}
    mentions = tuple(
        Mention(id=m, start=a, end=b, text=TEXT[a:b], entity=entity_of[m])
        for m, (a, b) in spans.items()
    )
    source_id = next((m for m, s in spans.items() if s == source), None)
    quote = Quote(
        id="q",
        type="direct",
        content=(Span(start=23, end=34, text=TEXT[23:34]),),
        source=source_id,
        speaker=speaker,
    )
    entities = tuple(Entity(id=k, name=v, kind="person") for k, v in names.items())
    return Document(id="d", text=TEXT, entities=entities, mentions=mentions, quotes=(quote,))


NAMES = {"putin": "Vladimir Putin", "macron": "Emmanuel Macron"}


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        # (source, speaker) gold and predicted -> speaker_mention, speaker_entity, speaker_name
        ((HE, "putin"), (HE, "putin"), (True, True, True)),
        # a speaker given only by pronoun: the prediction names the earlier full mention
        ((HE, "putin"), (PUTIN, "putin"), (False, True, True)),
        ((HE, "putin"), (MACRON, "macron"), (False, False, False)),
        ((HE, "putin"), (None, None), (False, False, False)),
        ((None, None), (None, None), (True, True, True)),
        ((None, None), (HE, "putin"), (False, False, False)),
    ],
)
def test_rules(gold, pred, expected) -> None:
    g = attributions(_document(*gold, NAMES))[0]
    p = attributions(_document(*pred, NAMES))[0]
    assert tuple(speaker_correct(rule, g, p) for rule in SPEAKER_RULES) == expected


def test_name_rule_compares_normalised_names() -> None:
    gold = attributions(_document(HE, "putin", NAMES))[0]
    pred = attributions(_document(MR_PUTIN, "p", {"p": "VLADIMIR  PUTIN."}))[0]
    assert speaker_correct("speaker_name", gold, pred)
    assert not speaker_correct("speaker_entity", gold, pred)  # "p" has no mention


@pytest.mark.parametrize(
    ("name", "normal"),
    [
        ("Volodymyr Zelenskyy", "volodymyr zelenskyy"),
        ("  Élysée-Palace ", "elysee palace"),
        ("U.S.", "u s"),
    ],
)
def test_normalise_name(name: str, normal: str) -> None:
    assert normalise_name(name) == normal
