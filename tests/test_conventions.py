"""Conventions: the registry agrees with annotation/CONVENTIONS.md, and documents name theirs
(schema 1.1) through validation, the JSON Schema and serialisation, 1.0 files still read."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from quotebench.corpus import Document, UnusableInput, check_document, load_documents, load_gold
from quotebench.corpus.conventions import conventions, get_convention
from quotebench.corpus.schema import json_schema

DOC = Path(__file__).resolve().parents[1] / "annotation" / "CONVENTIONS.md"
RULES = {"C-ACTS": "acts", "C-CONT": "continuation", "C-MARKS": "marks_in_content",
         "C-NEST": "nested"}  # fmt: skip
WORDS = {"outside": False, "inside": True, "annotated": True, "not annotated": False,
         "a further segment": "segment", "a quote of its own": "quote",
         "speech": "speech", "every attribution": "attribution"}  # fmt: skip


def _documented() -> dict[str, dict[str, object]]:
    """The table of CONVENTIONS.md: convention -> rule -> value."""
    lines = [line for line in DOC.read_text(encoding="utf-8").splitlines() if line.startswith("|")]
    names = re.findall(r"`([\w.]+)`", lines[0])
    table: dict[str, dict[str, object]] = {name: {} for name in names}
    for line in lines[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        rule = RULES[cells[0].split(":")[0]]
        for name, cell in zip(names, cells[1:], strict=True):
            table[name][rule] = WORDS[cell]
    return table


def test_the_registry_is_what_the_conventions_page_says() -> None:
    documented = _documented()
    assert set(documented) == {"quotebench.v1", "polnear.v1", "ggt.v1"}
    for name, rules in documented.items():
        convention = get_convention(name)
        assert {rule: getattr(convention, rule) for rule in rules} == rules, name
    assert set(documented) <= set(conventions.names())


def test_an_unknown_convention_is_refused_naming_the_known_ones() -> None:
    with pytest.raises(UnusableInput, match=r"nope\.v1.*ggt\.v1"):
        get_convention("nope.v1")


def test_a_document_naming_a_convention_is_schema_1_1_and_round_trips() -> None:
    doc = Document(id="a", text="x").with_convention("ggt.v1")
    assert doc.schema_version == "1.1"
    back = Document.from_json(doc.to_json())
    assert back.annotation.convention == "ggt.v1" and check_document(back, []) == []
    assert load_gold()[0].annotation.convention == "quotebench.v1"


def test_a_1_0_file_reads_as_it_is_and_writes_back_the_same(tmp_path: Path) -> None:
    line = json.dumps({"schema_version": "1.0", "id": "a", "text": "x"})
    path = tmp_path / "old.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    (doc,) = load_documents(path)
    assert doc.annotation.convention is None and check_document(doc, []) == []
    assert "convention" not in doc.to_json() and doc.schema_version == "1.0"


@pytest.mark.parametrize(
    ("version", "convention", "message"),
    [
        ("1.1", "nope.v1", "'nope.v1' is not a registered convention (registered: "),
        ("1.0", "ggt.v1", "needs schema_version 1.1"),
    ],
)
def test_validation_names_the_convention_field(version: str, convention: str, message: str):
    doc = Document(id="a", text="x").with_convention(convention)
    problems = check_document(doc.model_copy(update={"schema_version": version}), [])
    assert [(field, text[: len(message)]) for field, text in problems] == [
        ("annotation.convention", message)
    ]


def test_the_json_schema_describes_the_convention() -> None:
    schema = json_schema()
    annotation = schema["$defs"]["Annotation"]["properties"]
    assert {"convention", "alignment", "calls"} <= set(annotation)
    assert schema["$id"].endswith("document-1.2.json")
