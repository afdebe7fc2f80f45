"""``quotebench extract``: streamed, atomic, and clear about bad input (real spaCy)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quotebench.corpus import check_document, load_documents
from tests.cli import run

TEXTS = {
    "a": 'Vladimir Putin spoke on Friday.\n"We are ready for talks," he said.',
    "empty": "",
    "no-sentences": "... \u2014 !",
    "b": "Officials said that the bridge would reopen in May.",
}


def _write(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"".join(line + b"\n" for line in lines))
    return path


def _lines(items: dict[str, str]) -> list[bytes]:
    return [json.dumps({"id": key, "text": text}).encode() for key, text in items.items()]


@pytest.mark.parametrize("extractor", ["dependency.v1", "quotemarks.v1", "textacy.v1"])
def test_extracts_every_document_in_order(tmp_path: Path, extractor: str) -> None:
    source = _write(tmp_path / "docs.jsonl", _lines(TEXTS))
    output = tmp_path / "pred.jsonl"
    outcome = run(
        "extract", "--extractor", extractor, "--input", str(source), "--output", str(output)
    )
    assert outcome.code == 0, outcome.stderr
    predicted = load_documents(output)
    assert [(d.id, d.text) for d in predicted] == list(TEXTS.items())
    assert all(check_document(d, []) == [] for d in predicted)
    by_id = {d.id: d for d in predicted}
    assert by_id["empty"].quotes == () and by_id["no-sentences"].quotes == ()
    assert by_id["a"].quotes and by_id["a"].annotation.extractor == extractor


def test_full_documents_are_accepted_and_keep_their_meta(tmp_path: Path) -> None:
    line = {"id": "x", "text": "Officials said that it works.", "meta": {"title": "T"}}
    source = _write(tmp_path / "docs.jsonl", [json.dumps(line).encode()])
    output = tmp_path / "pred.jsonl"
    assert (
        run(
            "extract",
            "--extractor",
            "dependency.v1",
            "--input",
            str(source),
            "--output",
            str(output),
        ).code
        == 0
    )
    (doc,) = load_documents(output)
    assert doc.meta.title == "T" and len(doc.quotes) == 1


def test_two_processes_give_the_same_output(tmp_path: Path) -> None:
    source = _write(tmp_path / "docs.jsonl", _lines(TEXTS))
    outputs = []
    for processes in ("1", "2"):
        output = tmp_path / f"pred{processes}.jsonl"
        args = ("--input", str(source), "--output", str(output), "--n-process", processes)
        assert run("extract", "--extractor", "dependency.v1", *args, "--batch-size", "1").code == 0
        outputs.append(output.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]


BAD_INPUT = [
    # (case, lines, expected fragment of the one error line)
    ("not UTF-8", [b'{"id": "a", "text": "ok"}', b'{"id": "b", "text": "\xff"}'], ":2: not UTF-8"),
    ("missing id", [b'{"id": "a", "text": "ok"}', b'{"text": "no id"}'], ":2: field id: "),
    (
        "duplicate ids",
        [b'{"id": "a", "text": "ok"}', b'{"id": "a", "text": "again"}'],
        ":2: document 'a': field annotation.annotator: (id, annotator) ('a', None) repeats line 1",
    ),
    (
        "one id, two annotators",
        [
            b'{"id": "a", "text": "ok", "annotation": {"annotator": "x"}}',
            b'{"id": "a", "text": "ok", "annotation": {"annotator": "y"}}',
        ],
        ":2: document 'a': field id: duplicate id (first on line 1)",
    ),
    (
        "span text differs",
        [
            b'{"id": "a", "text": "ok", "mentions": [{"id": "m", "start": 0, "end": 2,'
            b' "text": "no", "entity": "e"}], "entities": [{"id": "e", "name": "E",'
            b' "kind": "person"}]}'
        ],
        ":1: document 'a': field mentions[0].text: 'no' differs from the text",
    ),
    ("malformed JSON", [b'{"id": "a", "text": "ok"}', b'{"id": "b", "te'], ":2: malformed JSON"),
]


@pytest.mark.parametrize(
    ("lines", "message"), [c[1:] for c in BAD_INPUT], ids=[c[0] for c in BAD_INPUT]
)
def test_bad_input_exits_1_without_output(tmp_path: Path, lines: list[bytes], message: str) -> None:
    source = _write(tmp_path / "docs.jsonl", lines)
    output = tmp_path / "pred.jsonl"
    outcome = run(
        "extract", "--extractor", "dependency.v1", "--input", str(source), "--output", str(output)
    )
    assert outcome.code == 1
    errors = [line for line in outcome.stderr.splitlines() if line.strip()]
    assert len(errors) == 1 and message in errors[0] and str(source) in errors[0]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs.jsonl"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--extractor", "nothing.v1"), "no quotebench.extractors entry named 'nothing.v1'"),
        (("--extractor", "dependency.v1", "--input", "missing.jsonl"), "cannot open"),
    ],
    ids=["unknown extractor", "missing input"],
)
def test_unusable_arguments_exit_2(tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    source = _write(tmp_path / "docs.jsonl", _lines(TEXTS))
    defaults = {"--input": str(source), "--output": str(tmp_path / "pred.jsonl")}
    given = dict(zip(args[::2], args[1::2], strict=True))
    given["--input"] = (
        str(tmp_path / given["--input"]) if "--input" in given else defaults["--input"]
    )
    argv = [item for key, value in {**defaults, **given}.items() for item in (key, value)]
    outcome = run("extract", *argv)
    assert outcome.code == 2 and message in outcome.stderr
    assert not (tmp_path / "pred.jsonl").exists()


def test_a_one_megabyte_article(tmp_path: Path) -> None:
    """1 MB of text in one line and in many paragraphs: no length limit, quotes found at the
    end (long words keep the token count, and the test, small; speed is in benchmarks/)."""
    word = "Supercalifragilisticexpialidocious" * 3
    filler = " ".join([word] * 5000)
    tail = '\nMayor Anne Hidalgo spoke. "We will rebuild the bridge next year," she said.'
    texts = {"one-line": filler * 2 + tail, "paragraphs": (filler + "\n") * 2 + tail}
    assert all(len(t) > 1_000_000 for t in texts.values())
    source = _write(tmp_path / "docs.jsonl", _lines(texts))
    output = tmp_path / "pred.jsonl"
    outcome = run(
        "extract", "--extractor", "dependency.v1", "--input", str(source), "--output", str(output)
    )
    assert outcome.code == 0, outcome.stderr
    for doc in load_documents(output):
        assert [q.content[0].text for q in doc.quotes] == ["We will rebuild the bridge next year"]


@pytest.mark.parametrize(
    ("convention", "message"),
    [("ggt.v1", "dependency.v1 takes no convention"), ("nope.v1", "no quotebench.conventions")],
)
def test_an_extractor_says_when_it_cannot_follow_a_convention(
    tmp_path: Path, convention: str, message: str
) -> None:
    source = _write(tmp_path / "docs.jsonl", [b'{"id": "a", "text": "He said so."}'])
    output = tmp_path / "pred.jsonl"
    args = ("--input", str(source), "--output", str(output), "--convention", convention)
    outcome = run("extract", "--extractor", "dependency.v1", *args)
    assert outcome.code == 2 and message in outcome.stderr and not output.exists()
