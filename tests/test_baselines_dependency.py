"""``dependency.v1`` on hand-worked hard cases and on the seed gold (real spaCy)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest

from quotebench.baselines.dependency import DependencyExtractor
from quotebench.baselines.dependency.lexicon import SPEECH_NOUNS, SPEECH_VERBS
from quotebench.corpus import Document, check_document, gold_path, load_gold
from quotebench.registry import extractors


def _predict(text: str) -> Document:
    return next(extractors.create("dependency.v1").extract([Document(id="t", text=text)]))


def _speaker(doc: Document, quote_index: int = 0) -> str | None:
    names = {e.id: e.name for e in doc.entities}
    return names.get(doc.quotes[quote_index].speaker)


CASES = [
    # (case, text, type, content segments, cue, speaker)
    (
        "apostrophe inside a quote",
        "\"It's the voters' choice, and we don't fear it,\" Mayor Anne Hidalgo said.",
        "direct",
        ["It's the voters' choice, and we don't fear it"],
        ["said"],
        "Anne Hidalgo",
    ),
    (
        "split by he said",
        'Senator John Kerry spoke on Monday.\n"We will not give up," he said, '
        '"because the people are with us."',
        "direct",
        ["We will not give up", "because the people are with us."],
        ["said"],
        "John Kerry",
    ),
    (
        "quote over two paragraphs",
        'Angela Merkel spoke in Berlin. "The budget is broken and everyone knows it.\n'
        '"We will fix it next year," she said.',
        "direct",
        ["The budget is broken and everyone knows it.", "We will fix it next year"],
        ["said"],
        "Angela Merkel",
    ),
    (
        "cue after the quote",
        '"Any troops deployed there will be legitimate targets for destruction," Putin stated.',
        "direct",
        ["Any troops deployed there will be legitimate targets for destruction"],
        ["stated"],
        "Putin",
    ),
    (
        "pronoun speaker",
        'Vladimir Putin spoke in Vladivostok on Friday.\n"We are ready for talks," he said.',
        "direct",
        ["We are ready for talks"],
        ["said"],
        "Vladimir Putin",
    ),
    (
        "according to",
        "According to police, the suspect fled on foot.",
        "indirect",
        ["the suspect fled on foot"],
        ["According to"],
        "police",
    ),
    (
        "participle adding",
        "Chancellor Olaf Scholz defended the plan on Tuesday, adding that taxes would not rise.",
        "indirect",
        ["taxes would not rise"],
        ["adding"],
        "Olaf Scholz",
    ),
    (
        "participle noting",
        "Angela Merkel praised the deal, noting that it protects jobs in the car industry.",
        "indirect",
        ["it protects jobs in the car industry"],
        ["noting"],
        "Angela Merkel",
    ),
    (
        "nominal cue",
        "Emmanuel Macron's announcement that 26 countries had pledged support surprised Moscow.",
        "indirect",
        ["26 countries had pledged support"],
        ["announcement"],
        "Emmanuel Macron",
    ),
    (
        "mixed quote",
        'Putin said that he saw no point in a meeting because "it will be impossible to agree."',
        "mixed",
        ['he saw no point in a meeting because "it will be impossible to agree."'],
        ["said"],
        "Putin",
    ),
    (
        "speaker given in the previous sentence",
        'Zelenskyy addressed reporters in Kyiv on Friday.\n"We are ready for any kind of '
        'meetings, but nobody trusts his words."',
        "direct",
        ["We are ready for any kind of meetings, but nobody trusts his words."],
        [],
        "Zelenskyy",
    ),
    (
        "speaker given in the next sentence",
        '"We are ready for any kind of meetings, but nobody trusts his words."\n'
        "Zelenskyy later left Kyiv for Brussels.",
        "direct",
        ["We are ready for any kind of meetings, but nobody trusts his words."],
        [],
        "Zelenskyy",
    ),
]


@pytest.mark.parametrize(
    ("text", "kind", "content", "cue", "speaker"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_hand_worked_case(text: str, kind: str, content: list[str], cue: list[str], speaker: str):
    doc = _predict(text)
    assert check_document(doc, []) == []
    found = [q for q in doc.quotes if [c.text for c in q.content] == content]
    assert found, [[c.text for c in q.content] for q in doc.quotes]
    quote = found[0]
    assert quote.type == kind
    assert [c.text for c in quote.cue] == cue
    assert _speaker(doc, doc.quotes.index(quote)) == speaker


def test_pronoun_speaker_keeps_the_pronoun_as_source() -> None:
    doc = _predict('Vladimir Putin spoke on Friday.\n"We are ready for talks," he said.')
    source = {m.id: m for m in doc.mentions}[doc.quotes[0].source]
    assert source.text == "he"
    assert {e.id: e.name for e in doc.entities}[source.entity] == "Vladimir Putin"


def test_title_speaker_resolves_to_the_named_person() -> None:
    doc = _predict(
        "Russian President Vladimir Putin spoke on Friday.\n"
        "The Russian president stated that the talks would continue."
    )
    source = {m.id: m for m in doc.mentions}[doc.quotes[0].source]
    assert source.text == "The Russian president"
    assert _speaker(doc) == "Vladimir Putin"


@pytest.mark.parametrize(
    "text",
    [
        'France and Britain co-chair a "coalition of the willing" in support of Ukraine.',
        'The so-called "peace plan" was never published.',
    ],
)
def test_scare_quotes_are_not_quotes(text: str) -> None:
    doc = _predict(text)
    assert doc.quotes == ()
    assert [n.reason.split(":")[0] for n in doc.non_quotes] == ["R-NQ-SCARE"]


def test_nested_single_quotes_are_their_own_quote() -> None:
    doc = _predict(
        "\"But if they tell us: 'you have to go somewhere else for this meeting', these are "
        'simply excessive requests," Putin added.'
    )
    outer = next(q for q in doc.quotes if q.parent is None)
    inner = next(q for q in doc.quotes if q.parent == outer.id)
    assert inner.content[0].text == "you have to go somewhere else for this meeting"
    assert outer.content[0].text.endswith("simply excessive requests")


@pytest.mark.parametrize("text", ["", "   \n\n", "...", "\u2014 ? !"])
def test_text_without_sentences_gives_an_empty_result(text: str) -> None:
    doc = _predict(text)
    assert (doc.id, doc.text, doc.quotes) == ("t", text, ())


def test_output_keeps_id_text_meta_and_order() -> None:
    inputs = [Document(id=f"d{n}", text=f"Officials said that plan {n} works.") for n in range(5)]
    outputs = list(DependencyExtractor(batch_size=2).extract(inputs))
    assert [(d.id, d.text, d.meta) for d in outputs] == [(d.id, d.text, d.meta) for d in inputs]
    assert {d.annotation.extractor for d in outputs} == {"dependency.v1"}
    assert all(d.annotation.origin == "extractor" for d in outputs)


def test_lexicon_has_a_few_hundred_entries() -> None:
    assert len(SPEECH_VERBS) >= 200 and len(SPEECH_NOUNS) >= 100


def _covers(gold, predicted, share: float) -> bool:
    gold_chars = {i for s in gold.content for i in range(s.start, s.end)}
    chars = {i for s in predicted.content for i in range(s.start, s.end)}
    return len(gold_chars & chars) >= share * len(gold_chars)


def _same_speaker(gold_doc: Document, gold, doc: Document, quote) -> bool:
    if gold.speaker is None or quote.speaker is None:
        return gold.speaker == quote.speaker
    gold_spans = [(m.start, m.end) for m in gold_doc.mentions if m.entity == gold.speaker]
    spans = [(m.start, m.end) for m in doc.mentions if m.entity == quote.speaker]
    return any(a < d and c < b for a, b in gold_spans for c, d in spans)


def test_seed_gold_quotes_and_speakers() -> None:
    """At least 90% of gold quotes found (overlap@0.3, one prediction per gold) and at least
    90% of the found ones with the right speaker (speaker_entity rule)."""
    gold = load_gold()[0]
    doc = _predict(gold.text)
    assert check_document(doc, []) == []
    free = list(doc.quotes)
    found = right = 0
    for quote in gold.quotes:
        match = next((q for q in free if _covers(quote, q, 0.3)), None)
        if match is not None:
            free.remove(match)
            found += 1
            right += _same_speaker(gold, quote, doc, match)
    assert found >= 0.9 * len(gold.quotes)
    assert right >= 0.9 * found


DATA = Path(__file__).resolve().parent / "data"
TARGETS = Path(str(resources.files("quotebench.corpus") / "data" / "targets.json"))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (DATA / "dependency_sample.jsonl", DATA / "dependency_v1_sample.jsonl"),
        (gold_path(), DATA / "dependency_v1_seed.jsonl"),
    ],
    ids=["hand-written sample", "seed"],
)
def test_dependency_v1_output_is_byte_for_byte_what_it_was(
    source: Path, expected: Path, tmp_path: Path
) -> None:
    """``dependency.v1``'s name is a promise: its output, recorded when dependency.v2 was
    introduced, never changes."""
    from tests.cli import run

    output = tmp_path / "pred.jsonl"
    args = ["--input", str(source), "--output", str(output), "--targets", str(TARGETS)]
    assert run("extract", "--extractor", "dependency.v1", *args).code == 0
    assert output.read_bytes() == expected.read_bytes()
