"""Stance baselines: lexicon rules with negation, majority and TF-IDF under grouped CV."""

from __future__ import annotations

import pytest

from quotebench.baselines.stance.clauses import clause_label, clauses, targets_named
from quotebench.baselines.stance.majority import MajorityStance
from quotebench.baselines.stance.tfidf import TfidfStance
from quotebench.corpus import (
    Document,
    Entity,
    Mention,
    Quote,
    Span,
    Stance,
    check_document,
    load_gold,
    load_targets,
)
from quotebench.protocols import StanceModel
from quotebench.registry import stance_models

TARGETS = load_targets()
NAMES = ("stance-lexicon.v1", "stance-majority.v1", "stance-tfidf.v1")


@pytest.mark.parametrize(
    ("clause", "label"),
    [
        ("Russia does not oppose Ukraine's EU membership", "neutral"),
        ("it opposes NATO membership due to Russian security concerns", "against"),
        ("Washington will not deploy troops on the ground", "neutral"),
        ("they are open to deploying troops to Ukraine after the war ends", "favor"),
        ("I simply do not see any sense in their presence on the territory", "against"),
        ("We are ready for any kind of meetings", "favor"),
        ("We are not ready for any kind of meetings", "against"),
        ("We don't oppose foreign troops", "neutral"),
        ("troops would be legitimate targets", "against"),
        ("the meeting took place in Geneva", "neutral"),
    ],
)
def test_cue_words_and_negation_scope_decide_the_label(clause: str, label: str) -> None:
    assert clause_label(clause) == label


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Western troops deployed to Ukraine", ["foreign-troops-in-ukraine"]),
        ("preventing NATO from admitting Ukraine", ["ukraine-nato-membership"]),
        ("post-war security guarantees to Ukraine", ["security-guarantees-for-ukraine"]),
        ("Ukraine's judicial system has collapsed", []),
    ],
)
def test_targets_are_named_by_keywords(text: str, named: list[str]) -> None:
    assert targets_named(text, TARGETS) == named


def test_contrastive_clauses_are_labelled_apart() -> None:
    text = "while Russia does not oppose Ukraine's EU membership, it opposes NATO membership"
    parts = clauses(text)
    assert [(targets_named(p, TARGETS), clause_label(p)) for p in parts] == [
        (["ukraine-eu-membership"], "neutral"),
        (["ukraine-nato-membership"], "against"),
    ]


@pytest.mark.parametrize("name", NAMES)
def test_every_model_labels_the_gold_quotes_validly(name: str) -> None:
    model = stance_models.create(name)
    assert isinstance(model, StanceModel)
    gold = load_gold()
    predicted = list(model.predict_stances(gold, TARGETS))
    assert [d.id for d in predicted] == [d.id for d in gold]
    for before, after in zip(gold, predicted, strict=True):
        assert after.quotes == before.quotes and after.stances
        assert check_document(after, [t.id for t in TARGETS]) == []
        speakers = {q.id: q.speaker for q in before.quotes}
        assert all(s.holder == speakers[s.quote] is not None for s in after.stances)
        assert after.annotation.extractor == name


def _document(doc_id: str, contents: list[str], labels: list[str] | None = None) -> Document:
    text = "\n".join(contents)
    quotes, stances, start = [], [], 0
    for k, content in enumerate(contents):
        span = Span(start=start, end=start + len(content), text=content)
        quotes.append(Quote(id=f"q{k}", type="indirect", content=(span,), source="m", speaker="e"))
        if labels:
            stances.append(
                Stance(
                    id=f"s{k}",
                    holder="e",
                    quote=f"q{k}",
                    target="foreign-troops-in-ukraine",
                    label=labels[k],
                    explicit=True,
                )
            )
        start += len(content) + 1
    mention = Mention(id="m", start=0, end=2, text=text[:2], entity="e")
    return Document(
        id=doc_id,
        text=text,
        entities=(Entity(id="e", name="E", kind="person"),),
        mentions=(mention,),
        quotes=tuple(quotes),
        stances=tuple(stances),
    )


def _labels(model: StanceModel, document: Document) -> list[str]:
    (predicted,) = model.predict_stances([document], TARGETS)
    return [s.label for s in predicted.stances]


def test_one_document_holds_out_one_quote() -> None:
    gold = _document(
        "g", ["we send troops", "we send troops", "no troops"], ["favor"] * 2 + ["against"]
    )
    model = MajorityStance(training=[gold])
    assert "leave one quote out" in model.protocol
    assert _labels(model, gold) == ["against", "against", "favor"]


def test_several_documents_hold_out_the_document() -> None:
    a = _document("a", ["troops one", "troops two"], ["against", "against"])
    b = _document("b", ["troops three"], ["favor"])
    model = MajorityStance(training=[a, b])
    assert "leave one document out" in model.protocol
    assert _labels(model, a) == ["favor", "favor"]
    assert _labels(model, _document("new", ["troops four"])) == ["against"]


def test_tfidf_learns_the_cue_words() -> None:
    sides = [("we support troops", "favor"), ("we oppose troops", "against")] * 3
    training = [_document(f"d{k}", [c], [lab]) for k, (c, lab) in enumerate(sides)]
    model = TfidfStance(training=training)
    assert _labels(model, _document("new", ["they support troops", "they oppose troops"])) == [
        "favor",
        "against",
    ]


def test_quotes_without_a_speaker_carry_no_stance() -> None:
    document = _document("x", ["we send troops"])
    quote = document.quotes[0].model_copy(update={"speaker": None})
    document = document.model_copy(update={"quotes": (quote,)})
    assert _labels(stance_models.create("stance-lexicon.v1"), document) == []
