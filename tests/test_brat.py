"""brat attribution corpora: import (PolNeAR layout and side by side), quote types, export."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotebench.corpus import (
    Annotation,
    Document,
    InvalidData,
    UnusableInput,
    check_document,
    load_gold,
)
from quotebench.corpus.brat import import_brat, quote_type, write_brat
from tests.conftest import ROOT, require
from tests.strategies import documents

POLNEAR_DEV = ROOT.parent / "shared" / "external" / "polnear" / "data" / "dev"

TEXT = (
    'Merkel said "we will help" today.\n'
    "Officials believe that talks failed, and it was \u201ca mess\u201d.\n"
    "Read the rest here."
)


def _bound(ident: str, label: str, *phrases: str) -> str:
    """A text-bound line over the first occurrence of each phrase in TEXT."""
    spans = [(TEXT.index(p), TEXT.index(p) + len(p)) for p in phrases]
    return f"{ident}\t{label} " + ";".join(f"{a} {b}" for a, b in spans) + "\t" + " ".join(phrases)


ANN = "\n".join(
    [
        _bound("T1", "Source", "Merkel"),
        _bound("T2", "Cue", "said"),
        _bound("T3", "Content", '"we will help"'),
        _bound("T4", "Attribution", "said"),
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        _bound("T5", "Cue", "believe"),
        _bound("T6", "Content", "that talks failed, and", "\u201ca mess\u201d"),
        _bound("T7", "Attribution-no-source", "believe"),
        "E2\tAttribution-no-source:T7 Cue:T5 Content:T6",
        _bound("T8", "Discard", "Read the rest here."),
        _bound("T9", "Discuss", "Officials"),
        "E3\tAttribution:T4 Content:T3 Cue:T9 Source:T1",
        _bound("T10", "Cue", "today"),
        "E4\tAttribution:T4 Cue:T10",
        "#1\tAnnotatorNotes T9\tnot sure",
        "",
    ]
)


def _corpus(root: Path, files: dict[str, str]) -> Path:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture
def polnear_like(tmp_path: Path) -> Path:
    """One article, two annotators, PolNeAR's folder layout."""
    return _corpus(
        tmp_path,
        {
            "text/art.txt": TEXT,
            "attributions/art_ab12.ann": ANN,
            "attributions/art_cd34.ann": ANN.split("T5\t", maxsplit=1)[0],
        },
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('"We will help," he said', "mixed"),
        ('"We will help."', "direct"),
        ("\u201cWe will help,\u201d \u201cand stay.\u201d", "direct"),
        ("\u201cWe will help and stay", "direct"),
        ("\u2018in their heads\u2019", "direct"),
        ("that he would \u201cprefer\u201d pickles", "mixed"),
        ("that Clinton\u2019s team left", "indirect"),
        ("that talks failed", "indirect"),
    ],
)
def test_quote_type_follows_quotation_marks(content: str, expected: str) -> None:
    assert quote_type(content, [(0, len(content))]) == expected


MARKLESS = st.text(st.characters(exclude_characters='"\u201c\u201d\u201e\u00ab\u00bb\u2018'))


@given(MARKLESS.filter(lambda t: any(c.isalnum() for c in t)))
def test_quotation_marks_alone_decide_the_type(words: str) -> None:
    quoted = f"\u201c{words}\u201d"
    assert quote_type(words, [(0, len(words))]) == "indirect"
    assert quote_type(quoted, [(0, len(quoted))]) == "direct"
    mixed = f"x said {quoted}"
    assert quote_type(mixed, [(0, len(mixed))]) == "mixed"


def test_a_quote_split_in_segments_is_typed_as_a_whole() -> None:
    text = '"A b," he said, "c d."'
    assert quote_type(text, [(0, 6), (16, 22)]) == "direct"
    assert quote_type(text, [(0, 6), (8, 14)]) == "mixed"


def test_attributions_become_quotes_with_sources(polnear_like: Path) -> None:
    first, second = import_brat(polnear_like)
    assert (first.id, first.annotation.annotator, first.annotation.origin) == (
        "art",
        "ab12",
        "import",
    )
    assert second.annotation.annotator == "cd34" and len(second.quotes) == 1
    assert check_document(first, []) == []
    direct, indirect = first.quotes
    assert (direct.type, direct.content[0].text, direct.source) == (
        "direct",
        '"we will help"',
        "m-T1",
    )
    assert [c.text for c in direct.cue] == ["said"]
    assert first.mentions[0].entity == direct.speaker == "e-T1"
    assert [e.name for e in first.entities] == ["Merkel"]
    assert indirect.type == "mixed" and indirect.source is None and indirect.speaker is None
    assert [s.text for s in indirect.content] == ["that talks failed, and", "\u201ca mess\u201d"]


def test_notes_duplicates_and_contentless_events_are_counted(polnear_like: Path) -> None:
    brat = import_brat(polnear_like)[0].meta.extra["brat"]
    discard, discuss = TEXT.index("Read"), TEXT.index("Officials")
    assert brat["discard"] == [[discard, discard + 19]] and brat["discuss"] == [
        [discuss, discuss + 9]
    ]
    assert brat["counts"] == {
        "discuss_or_discard_roles_left_out": 1,
        "duplicate_contents_merged": 1,
        "events_without_content": 1,
        "notes_and_other_lines": 1,
    }


def test_side_by_side_files_and_unannotated_texts(tmp_path: Path) -> None:
    _corpus(tmp_path, {"a.txt": TEXT, "a.ann": ANN, "b.txt": "No quotes."})
    found = import_brat(tmp_path)
    assert [(d.id, d.annotation.annotator, len(d.quotes)) for d in found] == [
        ("a", None, 2),
        ("b", None, 0),
    ]
    assert found[0].meta.source_file == "a.txt"


def test_a_span_over_lines_continues_on_the_next_ann_lines(tmp_path: Path) -> None:
    text = "He said:\n\nwe stay here.\n"
    ann = "T1\tSource 0 2\tHe\nT2\tContent 3 23\tsaid:\n\nwe stay here.\n"
    ann += "T3\tAttribution 3 7\tsaid\nE1\tAttribution:T3 Content:T2 Source:T1\n"
    _corpus(tmp_path, {"a.txt": text, "a.ann": ann})
    assert import_brat(tmp_path)[0].quotes[0].content[0].text == "said:\n\nwe stay here."


TRIGGER = "T0\tAttribution 3 7\tsaid\n"


@pytest.mark.parametrize(
    ("ann", "line", "field", "message"),
    [
        ("T1\tSource 0 x\tHe\n", 1, "T1", "malformed text-bound"),
        ("T1\tSource 0 2\tHi\n", 1, "T1.text", "differs from the text"),
        ("T1\tSource 0 99\tHe\n", 1, "T1.text", "outside the text"),
        ("T1\tSource 2 2\t\n", 1, "T1.text", "or empty"),
        (f"{TRIGGER}E1\tAttribution:T0 Content:T7\n", 2, "E1.Content", "refers to 'T7'"),
        (f"{TRIGGER}E1\tAttribution:T0 Content\n", 2, "E1", "malformed role"),
        (f"{TRIGGER}E1\tAttribution:T0 Speaker:T0\n", 2, "E1.Speaker", "unknown role"),
        (
            f"{TRIGGER}T1\tCue 3 7\tsaid\nE1\tAttribution:T0 Content:T1\n",
            3,
            "E1.Content",
            "filled by T1, a Cue span",
        ),
        (
            f"{TRIGGER}T1\tSource 0 2\tHe\nE1\tAttribution:T1\n",
            3,
            "E1.Attribution",
            "filled by T1, a Source span",
        ),
        ("T1\tSpeaker 0 2\tHe\n", 1, "T1.text", "unknown label 'Speaker'"),
        (f"{TRIGGER}E1\tClaim:T0\n", 2, "E1", "not an attribution event"),
        (f"{TRIGGER}E1\tAttribution:T0 Cue:T0 Cue:T0\n", 2, "E1.Cue", "role given twice"),
        ("\nnot an annotation\n", 2, None, "not a brat annotation line"),
        ("T1\tSource 0 2\tHe\nT1\tCue 3 7\tsaid\n", 2, "T1.text", "used more than once"),
    ],
)
def test_malformed_lines_name_file_line_and_field(
    tmp_path: Path, ann: str, line: int, field: str | None, message: str
) -> None:
    _corpus(tmp_path, {"a.txt": "He said so.", "a.ann": ann})
    with pytest.raises(InvalidData, match=message) as caught:
        import_brat(tmp_path)
    problem = caught.value.problems[0]
    assert (Path(problem.file).name, problem.line, problem.document, problem.field) == (
        "a.ann",
        line,
        "a",
        field,
    )


@pytest.mark.parametrize(
    ("files", "error", "message"),
    [
        ({}, UnusableInput, "no brat .txt"),
        ({"a.txt": "x", "b.ann": "T1\tCue 0 1\tx\n"}, InvalidData, "no matching .txt"),
        ({"a.txt": "x", "a.ann": b"T1\tCue 0 1\t\xe9\n"}, InvalidData, "not UTF-8"),
    ],
)
def test_unusable_folders_and_unpaired_files(
    tmp_path: Path, files: dict[str, str | bytes], error: type[Exception], message: str
) -> None:
    for name, content in files.items():
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with pytest.raises(error, match=message):
        import_brat(tmp_path)


def test_a_missing_folder_is_unusable(tmp_path: Path) -> None:
    with pytest.raises(UnusableInput, match="not a folder"):
        import_brat(tmp_path / "absent")


def _attributions(document: Document) -> list[tuple[object, ...]]:
    mentions = {m.id: (m.start, m.end) for m in document.mentions}
    return sorted(
        (
            tuple((s.start, s.end) for s in q.content),
            tuple(sorted((s.start, s.end) for s in q.cue)),
            mentions.get(q.source or ""),
        )
        for q in document.quotes
    )


def _round_trip(document: Document, out: Path) -> Document:
    write_brat([document], out)
    (back,) = import_brat(out)
    return back


def test_the_gold_survives_export_and_import(tmp_path: Path) -> None:
    gold = load_gold()[0]
    back = _round_trip(gold, tmp_path)
    assert (back.id, back.text, back.annotation.annotator) == (
        gold.id,
        gold.text,
        gold.annotation.annotator,
    )
    assert _attributions(back) == _attributions(gold)
    assert check_document(back, []) == []


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_any_document_round_trips_through_brat(tmp_path_factory, document: Document) -> None:
    back = _round_trip(document, tmp_path_factory.mktemp("brat"))
    assert back.text == document.text
    assert _attributions(back) == _attributions(document)


NAMES = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=30,
).filter(lambda s: s == s.strip() and "\n" not in s and "\r" not in s)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(NAMES, NAMES | st.none()), min_size=1, max_size=4, unique=True))
def test_any_id_and_annotator_come_back_from_brat(tmp_path_factory, versions) -> None:
    documents = [
        Document(id=doc_id, text="He said so.", annotation=Annotation(annotator=annotator))
        for doc_id, annotator in versions
    ]
    out = tmp_path_factory.mktemp("names") / "brat"
    write_brat(documents, out)
    back = {(d.id, d.annotation.annotator) for d in import_brat(out)}
    assert back == {(d.id, d.annotation.annotator) for d in documents}


def test_documents_brat_cannot_hold_are_refused(tmp_path: Path) -> None:
    gold = load_gold()[0]
    orphan = gold.quotes[0].model_copy(update={"source": "nobody"})
    broken = gold.model_copy(update={"quotes": (orphan,)})
    with pytest.raises(InvalidData, match="'nobody' is not a known mention id"):
        write_brat([broken], tmp_path)
    other = gold.model_copy(update={"text": gold.text + " ", "annotation": Annotation()})
    with pytest.raises(InvalidData, match="differ in text"):
        write_brat([gold, other], tmp_path)


def _relations(ann_dir: Path) -> dict[str, int]:
    return {
        path.stem: sum(line.startswith("E") for line in path.read_text("utf-8").splitlines())
        for path in ann_dir.glob("*.ann")
    }


@pytest.fixture(scope="module")
def polnear_dev() -> list[Document]:
    """PolNeAR's dev split, imported (skipped where absent, a failure under CI)."""
    require(POLNEAR_DEV.is_dir(), "PolNeAR is absent (../shared/external/polnear)")
    return import_brat(POLNEAR_DEV)


def test_polnear_dev_imports_valid_documents_with_every_relation(
    polnear_dev: list[Document],
) -> None:
    assert all(check_document(d, []) == [] for d in polnear_dev)
    relations = _relations(POLNEAR_DEV / "attributions")
    assert len(polnear_dev) == len(relations)
    for document in polnear_dev:
        counts = document.meta.extra["brat"]["counts"]
        accounted = (
            len(document.quotes)
            + counts.get("duplicate_contents_merged", 0)
            + counts.get("events_without_content", 0)
        )
        assert accounted == relations[f"{document.id}_{document.annotation.annotator}"]


def test_polnear_annotators_are_kept_apart(polnear_dev: list[Document]) -> None:
    keys = [(d.id, d.annotation.annotator) for d in polnear_dev]
    assert len(set(keys)) == len(keys) and len({d.id for d in polnear_dev}) < len(keys)
