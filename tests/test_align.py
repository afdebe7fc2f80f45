"""Aligning string-level quotes with their documents' text (``corpus.align``)."""

from __future__ import annotations

import json

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from quotebench.corpus import Document, check_document
from quotebench.corpus.align import align_prediction
from quotebench.corpus.strings import StringPrediction
from quotebench.corpus.textsearch import fold

TEXT = (
    "The mayor spoke on Monday.\n"
    "\u201cWe will rebuild the bridge \u2014 and we will do it fast,\u201d Mayor Jane Doe said"
    " at the harbour.\n"
    "She added that the costs would rise. The costs would rise, critics agreed.\n"
    "\u201cIt is a disgrace,\u201d said Tom Ray, \u201cand the city knows it.\u201d\n"
    "Later, the council met."
)


def _aligned(*quotes: dict[str, str], text: str = TEXT) -> Document:
    line = json.dumps({"id": "d", "quotes": list(quotes)})
    document = align_prediction(
        Document(id="d", text=text), StringPrediction.model_validate_json(line)
    )
    assert check_document(Document.from_json(document.to_json()), []) == []
    return document


def _contents(document: Document) -> list[list[str]]:
    return [[s.text for s in q.content] for q in document.quotes]


@pytest.mark.parametrize(
    ("string", "method", "content"),
    [
        ("the costs would rise", "exact", "the costs would rise"),
        (
            '"We will rebuild the bridge - and we will do it fast"',
            "normalised",
            "We will rebuild the bridge \u2014 and we will do it fast",
        ),
        ("IT IS A   DISGRACE", "normalised", "It is a disgrace"),
        (
            "We will rebuild the bridges, and we will do it fast",
            "fuzzy",
            "We will rebuild the bridge \u2014 and we will do it fast",
        ),
    ],
)
def test_each_string_is_found_by_the_first_step_that_finds_it(
    string: str, method: str, content: str
) -> None:
    document = _aligned({"text": string})
    (record,) = document.annotation.alignment
    assert (record.method, record.quote) == (method, "q1")
    assert _contents(document) == [[content]]
    assert (record.similarity == 100.0) == (method != "fuzzy")
    assert record.similarity is not None and record.similarity >= 90.0


def test_a_rewrite_below_the_threshold_and_an_invented_quote_stay_unaligned() -> None:
    document = _aligned(
        {"text": "It is a total and utter disgrace to everyone", "speaker": "Tom Ray"},
        {"text": "We will win the war", "type": "direct"},
    )
    assert document.quotes == ()
    assert [(a.method, a.quote, a.type) for a in document.annotation.alignment] == [
        ("unaligned", None, None),
        ("unaligned", None, "direct"),
    ]
    assert document.annotation.alignment[0].string.startswith("It is a total")


def test_fragments_joined_by_an_ellipsis_become_one_discontinuous_quote() -> None:
    document = _aligned({"text": "It is a disgrace \u2026 and the city knows it."})
    assert _contents(document) == [["It is a disgrace", "and the city knows it."]]
    assert document.quotes[0].type == "direct"
    assert document.annotation.alignment[0].method == "exact"
    weakest = _aligned({"text": "IT IS A DISGRACE ... and the city knows it."})
    assert weakest.annotation.alignment[0].method == "normalised"


def test_a_repeated_string_takes_the_occurrence_nearest_the_previous_quote() -> None:
    near_first = _aligned({"text": "the costs would rise"}).quotes[0].content[0]
    after_ray = _aligned({"text": "It is a disgrace"}, {"text": "The costs would rise"})
    # normalised: both occurrences match; the later one is nearer the previous quote
    assert after_ray.quotes[1].content[0].start > near_first.start


def test_a_string_repeated_takes_another_occurrence_then_is_a_duplicate() -> None:
    document = _aligned(
        {"text": "the costs would rise"},
        {"text": "the costs would rise"},
        {"text": "the costs would rise"},
    )
    first, second = document.quotes
    assert (first.content[0].text, second.content[0].text) == (
        "the costs would rise",
        "The costs would rise",
    )
    assert [a.method for a in document.annotation.alignment] == [
        "exact",
        "normalised",
        "duplicate",
    ]


def test_a_speaker_near_the_quote_is_a_mention_and_one_far_away_an_entity() -> None:
    document = _aligned(
        {"text": "It is a disgrace", "speaker": "Tom Ray", "cue": "said"},
        {"text": "the council met", "speaker": "Jane Doe"},
        {"text": "We will rebuild the bridge", "speaker": "Ms Doe"},
    )
    ray, council, rebuild = document.quotes
    mentions = {m.id: m for m in document.mentions}
    assert mentions[ray.source].text == "Tom Ray"
    assert [c.text for c in ray.cue] == ["said"]
    assert council.source is None and council.speaker is not None
    assert mentions[rebuild.source].text == "Doe"  # the last word of the name
    assert rebuild.speaker != council.speaker  # another name, another entity
    assert [e.name for e in document.entities] == ["Tom Ray", "Jane Doe", "Ms Doe"]


def test_a_quote_that_opens_a_quotation_takes_the_mark_that_closes_it() -> None:
    text = "He said the bridge was \u201ca disgrace, really.\u201d And \u201cfine\u201d work."
    document = _aligned(
        {"text": "the bridge was \u201ca disgrace, really"}, {"text": "fine\u201d work"}, text=text
    )
    assert _contents(document) == [
        ["the bridge was \u201ca disgrace, really.\u201d"],
        ["\u201cfine\u201d work"],
    ]
    assert [q.type for q in document.quotes] == ["mixed", "mixed"]


def test_the_type_comes_from_the_marks_unless_given() -> None:
    document = _aligned(
        {"text": "It is a disgrace"},
        {"text": "the costs would rise"},
        {"text": "the council met", "type": "mixed"},
    )
    assert [q.type for q in document.quotes] == ["direct", "indirect", "mixed"]


_WORD = st.text(alphabet="abcdefgh", min_size=1, max_size=5)
_GAP = st.sampled_from([" ", "  ", " \u2014 ", ", ", " \u201c", "\u201d ", "\n"])
_PERTURB = {
    "\u201c": '"',
    "\u201d": '"',
    "\u2014": "-",
    "  ": " ",
    "\n": " ",
}


@st.composite
def _texts_and_cuts(draw: st.DrawFn) -> tuple[str, int, int]:
    words = draw(st.lists(_WORD, min_size=4, max_size=30))
    gaps = draw(st.lists(_GAP, min_size=len(words), max_size=len(words)))
    text = "".join(w + g for w, g in zip(words, gaps, strict=True)).strip()
    starts = [
        i for i in range(len(text)) if text[i].isalnum() and (i == 0 or not text[i - 1].isalnum())
    ]
    ends = [
        i + 1
        for i in range(len(text))
        if text[i].isalnum() and (i + 1 == len(text) or not text[i + 1].isalnum())
    ]
    start = draw(st.sampled_from(starts))
    end = draw(st.sampled_from([e for e in ends if e > start] or [len(text)]))
    return text, start, end


@given(_texts_and_cuts(), st.booleans())
@example(("aa \u201cbb\u201d cc dd", 4, 6), True)
def test_a_cut_quote_perturbed_by_the_normalisations_aligns_back_to_its_offsets(
    case: tuple[str, int, int], upper: bool
) -> None:
    text, start, end = case
    cut = text[start:end]
    depth = [0]
    for char in cut:  # a cut through a quotation takes its mark: that is another test
        depth.append(depth[-1] + (char == "\u201c") - (char == "\u201d"))
    assume(min(depth) == 0 == depth[-1])
    folded, needle = fold(text), fold(cut)
    assume(sum(folded.startswith(needle, i) for i in range(len(folded))) == 1)
    perturbed = cut
    for old, new in _PERTURB.items():
        perturbed = perturbed.replace(old, new)
    perturbed = perturbed.upper() if upper else perturbed
    document = _aligned({"text": perturbed}, text=text)
    assert [(s.start, s.end) for s in document.quotes[0].content] == [(start, end)]


@given(
    st.text(alphabet="abcdefgh \n", min_size=1, max_size=300),
    st.text(alphabet="stuvwxyz", min_size=1, max_size=40),
)
def test_a_string_absent_from_the_text_never_aligns(text: str, string: str) -> None:
    assume(text.strip())
    document = _aligned({"text": string}, text=text)
    assert document.quotes == ()
    assert [a.method for a in document.annotation.alignment] == ["unaligned"]


@pytest.mark.parametrize(
    ("text", "strings", "contents"),
    [
        # a string inside an earlier quote takes the free occurrence
        ("A said x y z. B said x y z w.", ["x y z w", "x y z"], [["x y z w"], ["x y z"]]),
        # an ellipsis at either end is not part of the quote
        ("\u201cWe will win this,\u201d she said.", ["We will win this..."],
         [["We will win this"]]),
        ("\u201cNo,\u201d she said. \u201cNever again.\u201d", ["...never again"],
         [["Never again"]]),
        # a fragment's first place is not the only one tried
        ("Jo said we must act now, and then she said the plan is ready. Later, Al said we must"
         " act now.", ["Later, Al said", "we must act now ... the plan is ready"],
         [["Later, Al said"], ["we must act now", "the plan is ready"]]),
        # a fuzzy match stays in its paragraph
        ("She said we will rebuild the old bridge.\n\nOfficials disagreed strongly.",
         ["we will rebuild the old bridge and"], [["we will rebuild the old bridge."]]),
    ],
)  # fmt: skip
def test_hard_cases_align_where_a_reader_would(
    text: str, strings: list[str], contents: list[list[str]]
) -> None:
    document = _aligned(*({"text": s} for s in strings), text=text)
    assert sorted(_contents(document)) == sorted(contents)


def test_marks_or_an_ellipsis_alone_never_align() -> None:
    document = _aligned(
        {"text": "\u201c\n\u201d"}, {"text": "..."}, text="He said:\n\n\u201cGo.\u201d"
    )
    assert [a.method for a in document.annotation.alignment] == ["unaligned", "unaligned"]


def test_a_name_that_is_another_speakers_mention_is_not_reused() -> None:
    document = _aligned(
        {"text": "We will rebuild it", "speaker": "Jane Doe"},
        {"text": "and fast", "speaker": "John Doe"},
        text="\u201cWe will rebuild it,\u201d Doe said, \u201cand fast.\u201d",
    )
    jane, john = document.quotes
    assert (jane.source, john.source) == ("m1", None)
    assert john.speaker != jane.speaker


def test_the_paragraph_beside_counts_across_a_blank_line() -> None:
    text = "\u201cWe will rebuild the bridge,\u201d she said.\n\nJane Doe is the mayor."
    document = _aligned({"text": "We will rebuild the bridge", "speaker": "Jane Doe"}, text=text)
    assert document.quotes[0].source == "m1"
