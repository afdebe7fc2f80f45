"""Checks on the gold corpus that schema validation alone does not make.

Every quotation-mark pair is decided (a quote or a listed non-quote), direct content lies
inside quotation marks and indirect content outside them, null speakers are adjudicated,
stance targets come from the inventory, and the seed text is kept byte for byte.
"""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "corpus" / "data" / "gold.jsonl"
TARGETS = ROOT / "corpus" / "data" / "targets.json"
GUIDELINES = ROOT / "annotation" / "GUIDELINES.md"
ADJUDICATION = ROOT / "annotation" / "ADJUDICATION.md"
SEEDS = {"seed-000": ROOT / "seeds" / "000_888c58a4d7dcaec2.txt"}

RULE_ID = r"R-[A-Z0-9]+(?:-[A-Z0-9]+)*"


def _load_gold():
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


DOCS = _load_gold()
DOC_IDS = [doc["id"] for doc in DOCS]


def defined_rules():
    """Rule ids defined in the guidelines (written in bold: **R-...**)."""
    return set(re.findall(rf"\*\*({RULE_ID})\*\*", GUIDELINES.read_text(encoding="utf-8")))


def is_apostrophe(text, index):
    """A straight single quote between two letters is an apostrophe (I'm, don't, Putin's)."""
    return 0 < index < len(text) - 1 and text[index - 1].isalpha() and text[index + 1].isalpha()


def mark_pairs(text):
    """Quotation-mark pairs (open, close) as indices of the marks: double quotes, then the
    single quotes that are not apostrophes, each paired in order of appearance."""
    doubles = [i for i, c in enumerate(text) if c == '"']
    singles = [i for i, c in enumerate(text) if c == "'" and not is_apostrophe(text, i)]
    pairs = []
    for marks in (doubles, singles):
        assert len(marks) % 2 == 0, f"unbalanced quotation marks at {marks}"
        pairs += list(zip(marks[::2], marks[1::2], strict=True))
    return sorted(pairs)


def segments(doc, kind):
    """(quote, segment) for every content segment of every quote of the given type."""
    return [(q, s) for q in doc["quotes"] if q["type"] == kind for s in q["content"]]


def decides(quote, segment, pair, text):
    """True if a quote decides a mark pair: a direct quote's segment is exactly the words
    between the marks (a trailing comma before the closing mark left out, R-Q-DIRECT-2), or a
    mixed quote's segment holds the whole pair. A pair merely lying inside a longer quote (a
    nested quotation) is not decided by it: it needs its own quote or non-quote."""
    open_, close = pair
    inner_end = close - 1 if text[close - 1] == "," else close
    if quote["type"] == "mixed":
        return segment["start"] <= open_ and close < segment["end"]
    return segment["start"] == open_ + 1 and segment["end"] == inner_end


@pytest.mark.parametrize(
    ("sample", "index", "expected"),
    [
        ("I'm ready", 1, True),
        ("we don't feel", 6, True),
        ("Putin's comments", 5, True),
        ("us: 'we want", 4, False),
        ("this meeting', it", 12, False),
    ],
)
def test_apostrophe_rule(sample, index, expected):
    assert sample[index] == "'"
    assert is_apostrophe(sample, index) is expected


@pytest.mark.parametrize("doc", DOCS, ids=DOC_IDS)
def test_seed_text_byte_for_byte(doc):
    assert doc["text"].encode("utf-8") == SEEDS[doc["id"]].read_bytes()


@pytest.mark.parametrize("doc", DOCS, ids=DOC_IDS)
def test_every_mark_pair_is_decided(doc):
    text, rules = doc["text"], defined_rules()
    contents = [(q, s) for q in doc["quotes"] for s in q["content"]]
    listed = {(n["start"], n["end"]): n for n in doc["non_quotes"]}
    for open_, close in mark_pairs(text):
        if any(decides(q, s, (open_, close), text) for q, s in contents):
            continue
        non_quote = listed.get((open_, close + 1))
        assert non_quote, f"{text[open_ : close + 1]!r} is neither a quote nor a listed non-quote"
        cited = re.match(rf"({RULE_ID})\b", non_quote["reason"])
        assert cited and cited.group(1) in rules, (
            f"reason must start with a guideline rule id: {non_quote}"
        )


@pytest.mark.parametrize("doc", DOCS, ids=DOC_IDS)
def test_non_quotes_are_quotation_mark_spans(doc):
    pairs = {(o, c + 1) for o, c in mark_pairs(doc["text"])}
    for non_quote in doc["non_quotes"]:
        assert (non_quote["start"], non_quote["end"]) in pairs, non_quote


@pytest.mark.parametrize("doc", DOCS, ids=DOC_IDS)
def test_direct_content_inside_quotation_marks(doc):
    text, pairs = doc["text"], mark_pairs(doc["text"])
    for quote, seg in segments(doc, "direct"):
        assert any(o < seg["start"] and seg["end"] <= c for o, c in pairs), (
            quote["id"],
            seg["text"],
        )
        assert text[seg["start"]] not in "\"'" and text[seg["end"] - 1] not in "\"',", (
            quote["id"],
            seg["text"],
        )


@pytest.mark.parametrize("doc", DOCS, ids=DOC_IDS)
def test_indirect_content_outside_quotation_marks(doc):
    pairs = mark_pairs(doc["text"])
    for quote, seg in segments(doc, "indirect"):
        for o, c in pairs:
            assert seg["end"] <= o or seg["start"] > c, (quote["id"], seg["text"])


@pytest.mark.parametrize("doc", DOCS, ids=DOC_IDS)
def test_mixed_content_holds_whole_mark_pairs(doc):
    pairs = mark_pairs(doc["text"])
    for quote, seg in segments(doc, "mixed"):
        inside = [(o, c) for o, c in pairs if seg["start"] <= o and c < seg["end"]]
        assert inside, (quote["id"], "a mixed quote embeds at least one quoted fragment")
        for o, c in pairs:
            cut = o < seg["start"] <= c or o < seg["end"] <= c
            assert not cut, (quote["id"], "a mixed quote may not cut a mark pair")


def adjudication_entries():
    return ADJUDICATION.read_text(encoding="utf-8").split("\n### ")[1:]


@pytest.mark.parametrize("doc", DOCS, ids=DOC_IDS)
def test_null_speakers_are_adjudicated(doc):
    entries = adjudication_entries()
    for quote in doc["quotes"]:
        if quote["speaker"] is None:
            cited = [e for e in entries if f"`{quote['id']}`" in e and "R-SPK-NULL" in e]
            assert cited, f"{quote['id']} has no speaker but no R-SPK-NULL entry in the log"


def test_adjudication_cites_existing_rules():
    rules = defined_rules()
    cited = set(re.findall(RULE_ID, ADJUDICATION.read_text(encoding="utf-8")))
    assert cited and cited <= rules, sorted(cited - rules)


@pytest.mark.parametrize("doc", DOCS, ids=DOC_IDS)
def test_source_mention_is_the_speaker(doc):
    entity_of = {m["id"]: m["entity"] for m in doc["mentions"]}
    for quote in doc["quotes"]:
        if quote["source"] is not None:
            assert entity_of[quote["source"]] == quote["speaker"], quote["id"]


@pytest.mark.parametrize("doc", DOCS, ids=DOC_IDS)
def test_nested_content_inside_parent_and_cue_outside_content(doc):
    by_id = {q["id"]: q for q in doc["quotes"]}
    for quote in doc["quotes"]:
        for seg in quote["content"]:
            for cue in quote["cue"]:
                assert cue["end"] <= seg["start"] or seg["end"] <= cue["start"], quote["id"]
            if quote["parent"]:
                outer = by_id[quote["parent"]]["content"]
                assert any(p["start"] <= seg["start"] and seg["end"] <= p["end"] for p in outer), (
                    quote["id"]
                )


def test_targets_inventory_shape():
    targets = json.loads(TARGETS.read_text(encoding="utf-8"))
    ids = [t["id"] for t in targets]
    assert len(ids) == len(set(ids))
    for target in targets:
        assert set(target) == {"id", "label", "description"}
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", target["id"])


@pytest.mark.parametrize("doc", DOCS, ids=DOC_IDS)
def test_stance_targets_in_inventory(doc):
    known = {t["id"] for t in json.loads(TARGETS.read_text(encoding="utf-8"))}
    for stance in doc["stances"]:
        assert stance["target"] in known, stance["id"]
        if stance["quote"] is None:
            assert stance["evidence"], stance["id"]
