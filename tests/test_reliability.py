"""Every command against the user's mistakes: a table of (command, bad input kind).

Each case asserts the exit code, that no traceback escaped (the commands run in-process
with exceptions propagating), that the message names the file (and line, document and
field where there is one), and that nothing outside a fresh output path changed: no input
harmed, no partial or temporary file left, in the workspace or on the read-only and full
file systems (tiny tmpfs mounts) the outputs are sent to.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from quotebench.annotation.convert import build_tasks, document_result
from quotebench.corpus import (
    Annotation,
    Document,
    Entity,
    Mention,
    Quote,
    Span,
    Stance,
    write_documents,
)
from quotebench.corpus.brat import ann_lines
from tests.cli import Outcome, run
from tests.conftest import require

TEXT = 'Merkel said "we will help" on Monday.\nShe added that the talks had failed.'


def _span(part: str) -> Span:
    start = TEXT.index(part)
    return Span(start=start, end=start + len(part), text=part)


TINY = Document(
    id="tiny-1",
    text=TEXT,
    annotation=Annotation(annotator="a", origin="gold"),
    entities=(Entity(id="e1", name="Angela Merkel", kind="person"),
              Entity(id="e2", name="Germany", kind="country")),
    mentions=(Mention(id="m1", entity="e1", **_span("Merkel").model_dump()),
              Mention(id="m2", entity="e1", **_span("She").model_dump())),
    quotes=(Quote(id="q1", type="direct", content=(_span('"we will help"'),),
                  cue=(_span("said"),), source="m1", speaker="e1"),
            Quote(id="q2", type="indirect", content=(_span("the talks had failed"),),
                  cue=(_span("added"),), source="m2", speaker="e1")),
    stances=(Stance(id="s1", holder="e1", quote="q1", target="foreign-troops-in-ukraine",
                    label="favor", explicit=False),),
)  # fmt: skip
OTHER = TINY.model_copy(update={"annotation": Annotation(annotator="b", origin="gold")})


# ------------------------------------------------------------------ the workspace


@dataclass
class Workspace:
    """The user's folder (inputs and fresh outputs) and the two file systems."""

    root: Path
    readonly: Path
    full: Path

    def path(self, name: str) -> Path:
        return self.root / name

    def write(self, name: str, content: bytes | None) -> Path:
        path = self.root / name
        if content is not None:
            path.write_bytes(content)
        return path


def _mount(where: Path, options: str) -> bool:
    where.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)],
        capture_output=True, check=False,
    )  # fmt: skip
    return done.returncode == 0


def _fill(folder: Path) -> None:
    """Fill a file system to its last byte."""
    fd = os.open(folder / "filler", os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)


@pytest.fixture(scope="module")
def file_systems(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    """A read-only tmpfs and a full one (mounting needs root, as in CI)."""
    root = tmp_path_factory.mktemp("mounts")
    readonly, full = root / "readonly", root / "full"
    try:
        mounted = _mount(readonly, "size=64k,ro") and _mount(full, "size=64k")
        require(mounted, "cannot mount a tmpfs here (root is needed)")
        _fill(full)
        yield readonly, full
    finally:
        for where in (readonly, full):
            subprocess.run(["umount", str(where)], capture_output=True, check=False)


@pytest.fixture
def workspace(tmp_path: Path, file_systems: tuple[Path, Path]) -> Workspace:
    return Workspace(tmp_path, *file_systems)


def _place(path: Path, content: bytes | str | None) -> Path:
    """``content`` at ``path``: bytes as a file, ``"dir"`` as a folder, ``None`` as nothing."""
    if content == "dir":
        path.mkdir()
    elif isinstance(content, bytes):
        path.write_bytes(content)
    return path


def _state(folders: list[Path]) -> dict[str, tuple[bytes | None, int]]:
    """Every entry under ``folders``: content (None for a folder) and mode."""
    found = {}
    for folder in folders:
        for path in [folder, *folder.rglob("*")]:
            mode = stat.S_IMODE(path.lstat().st_mode)
            found[str(path)] = (None if path.is_dir() else path.read_bytes(), mode)
    return found


# ------------------------------------------------------------------ cases


@dataclass(frozen=True)
class Case:
    """One trial: the command line, the exit code and what the message must name."""

    args: list[str]
    code: int
    names: list[str]
    fresh: Path | None = None  # an output path that may not exist before or after
    env: dict[str, str] | None = None


Build = Callable[[Workspace], Case]


def _line(document: Document) -> bytes:
    return document.to_json().encode() + b"\n"


def _edited(edit: Callable[[dict], None]) -> bytes:
    data = json.loads(TINY.to_json())
    edit(data)
    return json.dumps(data).encode() + b"\n"


def _set(path: str, value: object) -> Callable[[dict], None]:
    def edit(data: dict) -> None:
        *parents, last = path.split(".")
        for part in parents:
            data = data[int(part)] if part.isdigit() else data[part]
        data[int(last) if last.isdigit() else last] = value

    return edit


GOOD = _line(TINY)
# kind -> (file content, or None for a missing file / "dir" for a folder; exit code; where)
DOCUMENT_KINDS: dict[str, tuple[bytes | str | None, int, str]] = {
    "missing file": (None, 2, ": cannot open"),
    "a directory": ("dir", 2, ": cannot open"),
    "empty": (b"", 1, ": the file holds no JSON lines"),
    "malformed line": (GOOD + b'{"id": "x", "te\n', 1, ":2: malformed JSON"),
    "truncated last line": (GOOD + GOOD[: len(GOOD) // 2], 1, ":2: malformed JSON"),
    "not UTF-8": (GOOD.replace(b"Merkel said", b"M\xe9rkel said"), 1, ":1: not UTF-8"),
    "offsets past the text": (_edited(_set("quotes.0.content.0.end", 999)), 1,
                              ":1: document 'tiny-1': field quotes[0].content[0]"),
    "reversed offsets": (_edited(_set("mentions.0.start", 9)), 1,
                         ":1: document 'tiny-1': field mentions[0]"),
    "span text differs": (_edited(_set("mentions.0.text", "Merkle")), 1,
                          ":1: document 'tiny-1': field mentions[0].text"),
    "unknown label": (_edited(_set("quotes.0.type", "rumour")), 1,
                      ":1: document 'tiny-1': field quotes[0].type"),
    "dangling reference": (_edited(_set("quotes.0.source", "m9")), 1,
                           ":1: document 'tiny-1': field quotes[0].source"),
    "duplicate ids": (_edited(_set("quotes.1.id", "q1")), 1,
                      ":1: document 'tiny-1': field quotes: id 'q1'"),
    "unknown schema version": (_edited(_set("schema_version", "9.9")), 1,
                               ":1: document 'tiny-1': field schema_version"),
    "repeated JSON key": (GOOD.replace(b'{"schema_version"', b'{"id": "x", "schema_version"'),
                          1, ":1: not valid JSON: the key 'id' appears twice"),
    "NaN score": (GOOD.replace(b'"score":null', b'"score":NaN', 1), 1, ":1: not valid JSON"),
    "blank id": (_edited(_set("id", " ")), 1, ":1: document ' ': field id"),
    "speaker not the source's entity": (_edited(_set("quotes.0.speaker", "e2")), 1,
                                        ":1: document 'tiny-1': field quotes[0].speaker"),
    "unknown stance target": (_edited(_set("stances.0.target", "nato")), 1,
                              ":1: document 'tiny-1': field stances[0].target"),
}  # fmt: skip

SHARD_READERS = {"evaluate --pred", "evaluate --gold"}  # a folder is a sharded collection
# command -> (arguments given the input and the output; the output's kind)
DOCUMENT_COMMANDS: dict[str, tuple[Callable[[Workspace, Path, Path], list[str]], str | None]] = {
    "validate": (lambda w, src, out: ["validate", str(src)], None),
    "stats": (lambda w, src, out: ["stats", str(src)], None),
    "show": (lambda w, src, out: ["show", str(src), "--html", str(out)], "file"),
    "extract": (lambda w, src, out: ["extract", "--extractor", "quotemarks.v1", "--input",
                                     str(src), "--output", str(out)], "file"),
    "evaluate --pred": (lambda w, src, out: ["evaluate", "--gold", str(w.path("gold.jsonl")),
                                             "--pred", str(src), "--output-dir", str(out)],
                        "folder"),
    "evaluate --gold": (lambda w, src, out: ["evaluate", "--gold", str(src), "--pred",
                                             str(w.path("gold.jsonl")), "--output-dir", str(out)],
                        "folder"),
    "benchmark": (lambda w, src, out: ["benchmark", "--corpus", str(src), "--output-dir",
                                       str(out)], "folder"),
    "annotate export": (lambda w, src, out: ["annotate", "export", str(src), "--output",
                                             str(out)], "file"),
    "agreement": (lambda w, src, out: ["agreement", str(src), str(w.path("other.jsonl"))], None),
    "adjudicate": (lambda w, src, out: ["annotate", "adjudicate", str(src),
                                        str(w.path("other.jsonl")), "--output", str(out)], "file"),
    "export spacy": (lambda w, src, out: ["export", "--format", "spacy", str(src), "--output",
                                          str(out)], "file"),
    "export brat": (lambda w, src, out: ["export", "--format", "brat", str(src), "--output",
                                         str(out)], "folder"),
    "hf build": (lambda w, src, out: ["hf", "build", str(out), "--corpus", str(src)], "folder"),
    "train": (lambda w, src, out: ["train", "--corpus", str(src), "--output", str(out),
                                   "--epochs", "1"], "folder"),
    "align": (lambda w, src, out: ["align", str(w.path("strings.jsonl")), "--docs", str(src),
                                   "--output", str(out)], "file"),
}  # fmt: skip


def _versions_twice(command: str) -> Build:
    def build(w: Workspace) -> Case:
        _prepare(w)
        same, out = w.path("gold.jsonl"), w.path("adjudicated.jsonl")
        args = ["agreement", str(same), str(same)] if command == "agreement" else [
            "annotate", "adjudicate", str(same), str(same), "--output", str(out)]  # fmt: skip
        return Case(args, 2, [f"{same}: given twice"], out)

    return build


def _prepare(w: Workspace) -> None:
    write_documents(w.path("gold.jsonl"), [TINY])
    write_documents(w.path("other.jsonl"), [OTHER])
    strings = {"id": TINY.id, "quotes": [{"text": TINY.quotes[0].content[0].text}]}
    w.path("strings.jsonl").write_text(json.dumps(strings) + "\n", encoding="utf-8")


def _document_case(command: str, kind: str) -> Build:
    def build(w: Workspace) -> Case:
        _prepare(w)
        content, code, where = DOCUMENT_KINDS[kind]
        if kind == "a directory" and command in SHARD_READERS:  # a folder of no shard
            where = ": names no .jsonl or .parquet shard"
        src = w.path("input.jsonl")
        _place(src, content)
        arguments, output = DOCUMENT_COMMANDS[command]
        out = w.path("fresh-output")
        return Case(arguments(w, src, out), code, [f"{src}{where}"], out if output else None)

    return build


# kind -> (how the output is given, exit code, what the message says); file or folder outputs
OUTPUT_KINDS: dict[str, tuple[str, int, str]] = {
    "output onto input": ("file folder", 2, "is also an input"),
    "output a directory": ("file", 2, "is a folder; a file path is wanted"),
    "output a file": ("folder", 2, "is a file; a folder is wanted"),
    "output a foreign folder": ("folder", 2, "which quotebench did not write there"),
    "output folder missing": ("file", 2, "does not exist"),
    "output in a read-only folder": ("file folder", 2, "cannot write"),
    "output on a full disk": ("file folder", 2, "cannot write: No space left on device"),
}


def _output_path(w: Workspace, kind: str, src: Path) -> tuple[Path, Path | None]:
    """The output for ``kind`` and, when it is fresh, the path that may not appear."""
    if kind == "output onto input":
        return src, None
    if kind in ("output a directory", "output a foreign folder"):
        w.path("taken").mkdir()
        w.path("taken/mine.txt").write_text("mine", encoding="utf-8")
        return w.path("taken"), None
    if kind == "output a file":
        w.path("taken").write_text("mine", encoding="utf-8")
        return w.path("taken"), None
    if kind == "output folder missing":
        return w.path("no-such-folder/out"), w.path("no-such-folder")
    base = w.readonly if "read-only" in kind else w.full
    return base / "out", base / "out"


def _output_case(command: str, kind: str) -> Build:
    def build(w: Workspace) -> Case:
        _prepare(w)
        src = w.path("gold.jsonl")
        out, fresh = _output_path(w, kind, src)
        arguments, _ = DOCUMENT_COMMANDS[command]
        return Case(arguments(w, src, out), OUTPUT_KINDS[kind][1], [str(out)], fresh)

    return build


# ------------------------------------------------------------------ other inputs


def _ingest(kind: str) -> Build:
    contents = {"missing file": None, "a directory": "dir", "empty": b"", "blank": b" \n\t\n",
                "not UTF-8": b"M\xe9rkel said so.\n"}  # fmt: skip
    codes = {"missing file": 2, "a directory": 2, "empty": 1, "blank": 1, "not UTF-8": 1}

    def build(w: Workspace) -> Case:
        src = w.path("article.txt")
        content = contents.get(kind, TEXT.encode())
        _place(src, content)
        args, out = ["ingest", str(src), "--id", "a-1"], w.path("doc.jsonl")
        if kind in codes:
            return Case([*args, "--output", str(out)], codes[kind], [str(src)], out)
        if kind in ("blank id", "padded id", "meta without =", "meta key twice"):
            bad = {
                "blank id": ["--id", " "],
                "padded id": ["--id", "a-1 "],
                "meta without =": ["--meta", "title"],
                "meta key twice": ["--meta", "title=A", "--meta", "title=B"],
            }[kind]
            named = {"meta without =": "--meta 'title'", "meta key twice": "--meta title: given"
                     }.get(kind, "--id")  # fmt: skip
            return Case([*args, *bad, "--output", str(out)], 2, [named], out)
        out, fresh = _output_path(w, kind, src)
        return Case([*args, "--output", str(out)], OUTPUT_KINDS[kind][1], [str(out)], fresh)

    return build


INGEST_KINDS = ["missing file", "a directory", "empty", "blank", "not UTF-8", "blank id",
                "padded id", "meta without =", "meta key twice", "output onto input",
                "output a directory", "output folder missing", "output in a read-only folder",
                "output on a full disk"]  # fmt: skip


def _brat_folder(w: Workspace, ann: str | bytes, txt: bool = True) -> Path:
    folder = w.path("brat")
    folder.mkdir()
    if txt:
        (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    data = ann if isinstance(ann, bytes) else ann.encode()
    (folder / "a_x.ann").write_bytes(data)
    return folder


GOOD_ANN = "\n".join(ann_lines(TINY)) + "\n"
BRAT_KINDS: dict[str, tuple[str | bytes | None, int, str]] = {
    "missing folder": (None, 2, "not a folder"),
    "empty folder": ("", 2, "holds no brat .txt files"),
    "bad offsets": (GOOD_ANN.replace("Source 0 6", "Source 0 x"), 1, "a_x.ann:1: document 'a'"),
    "text differs": (GOOD_ANN.replace("\tMerkel", "\tMerkle"), 1, "a_x.ann:1: document 'a'"),
    "unknown label": (GOOD_ANN + "T99\tSpeaker 0 6\tMerkel\n", 1, "unknown label 'Speaker'"),
    "content filled by a cue": (GOOD_ANN.replace("Content:T3", "Content:T2"), 1,
                                "the Content role is filled by T2, a Cue span"),
    "dangling reference": (GOOD_ANN.replace("Content:T3", "Content:T77"), 1, "refers to 'T77'"),
    "not UTF-8": (GOOD_ANN.encode().replace(b"Merkel", b"M\xe9rkel"), 1, "not UTF-8"),
    "an .ann without .txt": (None, 1, "a_x.ann: no matching .txt file"),
}  # fmt: skip


def _import_brat(kind: str) -> Build:
    def build(w: Workspace) -> Case:
        out, folder = w.path("docs.jsonl"), w.path("brat")
        if kind not in BRAT_KINDS:
            _brat_folder(w, GOOD_ANN)
            out, fresh = _output_path(w, kind, folder / "a.txt")
            return Case(["import-brat", str(folder), "--output", str(out)], 2, [str(out)], fresh)
        ann, code, where = BRAT_KINDS[kind]
        if kind == "empty folder":
            folder.mkdir()
        elif kind == "an .ann without .txt":
            _brat_folder(w, GOOD_ANN, txt=False)
            (folder / "b.txt").write_text(TEXT, encoding="utf-8")
        elif ann is not None:
            _brat_folder(w, ann)
        names = [str(folder), where] if code == 2 else [str(folder / "a_x.ann"), where]
        return Case(["import-brat", str(folder), "--output", str(out)], code, names, out)

    return build


BRAT_OUTPUT_KINDS = ["output onto input", "output a directory", "output in a read-only folder",
                     "output on a full disk"]  # fmt: skip


def _export_json(result: list | None = None, text: str = TEXT, **task: object) -> bytes:
    data = {"text": text, "document": {"id": TINY.id, "meta": TINY.meta.model_dump()}}
    annotation = {"id": 7, "completed_by": {"id": 1, "email": "a@example.org"},
                  "result": document_result(TINY) if result is None else result}  # fmt: skip
    return json.dumps([{"id": 3, "data": data, "annotations": [annotation], **task}]).encode()


def _without_value(result: list) -> list:
    first = next(i for i in result if i.get("type") == "labels")
    return [{k: v for k, v in i.items() if k != "value"} if i is first else i for i in result]


def _with_choice(result: list) -> list:
    return [{**i, "value": {**i["value"], "choices": ["rumour"]}} if i.get("from_name") == "type"
            else i for i in result]  # fmt: skip


JSON_FILE_KINDS: dict[str, tuple[bytes | str | None, int, str]] = {
    "missing file": (None, 2, "cannot open"),
    "a directory": ("dir", 2, "cannot open"),
    "empty": (b"", 1, "malformed JSON"),
    "malformed": (b'[{"id": 3, "data":', 1, "malformed JSON"),
}
IMPORT_KINDS: dict[str, tuple[bytes | str | None, int, str]] = {
    **JSON_FILE_KINDS,
    "not an array": (b'{"id": 3}', 1, "an export is a JSON array of tasks"),
    "task without data": (b'[{"id": 3, "annotations": []}]', 1, "task 3"),
    "region without its value": (_export_json(_without_value(document_result(TINY))), 1,
                                 "task 3"),
    "unknown choice": (_export_json(_with_choice(document_result(TINY))), 1, "task 3"),
    "relation to a missing region": (_export_json([*document_result(TINY), {
        "type": "relation", "from_id": "quote_q1", "to_id": "gone", "labels": ["cue"]}]), 1,
        "quote_q1->gone"),
    "text differs from the corpus": (_export_json(text=TEXT + " "), 1, "task 3"),
    "not UTF-8": (_export_json().replace(b"Merkel", b"M\xe9rkel", 1), 1, ":1: not UTF-8"),
}  # fmt: skip


def _annotate_import(kind: str) -> Build:
    def build(w: Workspace) -> Case:
        _prepare(w)
        out = w.path("docs.jsonl")
        corpus = ["--corpus", str(w.path("gold.jsonl"))]
        if kind in IMPORT_KINDS:
            content, code, where = IMPORT_KINDS[kind]
            src = w.path("export.json")
            _place(src, content)
            args = ["annotate", "import", str(src), "--output", str(out), *corpus]
            return Case(args, code, [str(src), where], out)
        src = w.write("export.json", _export_json())
        out, fresh = _output_path(w, kind, src)
        args = ["annotate", "import", str(src), "--output", str(out), *corpus]
        return Case(args, 2, [str(out)], fresh)

    return build


TASKS = json.dumps(build_tasks([TINY])).encode()
LS = {"LABEL_STUDIO_URL": "http://127.0.0.1:9", "LABEL_STUDIO_API_KEY": "0123456789abcdef"}
PUSH_KINDS: dict[str, tuple[bytes | str | None, dict[str, str], int, str]] = {
    **{kind: (content, LS, code, at) for kind, (content, code, at) in JSON_FILE_KINDS.items()},
    "truncated": (TASKS[: len(TASKS) // 2], LS, 1, "malformed JSON"),
    "not UTF-8": (TASKS.replace(b"Merkel", b"M\xe9rkel"), LS, 1, ":1: not UTF-8"),
    "not an array": (b'{"data": {}}', LS, 2, "not a JSON array of tasks"),
    "an array of numbers": (b"[1, 2]", LS, 2, "not a JSON array of tasks"),
    "no token": (TASKS, {"LABEL_STUDIO_URL": LS["LABEL_STUDIO_URL"], "LABEL_STUDIO_API_KEY": ""},
                 2, "no Label Studio token"),
    "no server address": (TASKS, {"LABEL_STUDIO_URL": "", "LABEL_STUDIO_API_KEY": "x"}, 2,
                          "no Label Studio URL"),
    "unreachable server": (TASKS, LS, 2, "cannot reach Label Studio at http://127.0.0.1:9"),
    "bad targets file": (TASKS, LS, 1, "targets.json"),
}  # fmt: skip


def _annotate_push(kind: str) -> Build:
    def build(w: Workspace) -> Case:
        content, env, code, where = PUSH_KINDS[kind]
        src = w.path("tasks.json")
        _place(src, content)
        args = ["annotate", "push", str(src), "--project", "p"]
        if kind == "bad targets file":
            w.write("targets.json", b'[{"id": "Bad Id"}]')
            args += ["--targets", str(w.path("targets.json"))]
            return Case(args, code, [str(w.path("targets.json"))], env=env)
        named = [where] if kind in ("no token", "no server address", "unreachable server") else [
            str(src), where]  # fmt: skip
        return Case(args, code, named, env=env)

    return build


class _NotLabelStudio(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(404)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.wfile.write(b"<html>not here</html>")

    def log_message(self, *args: object) -> None:
        return


@pytest.fixture(scope="module")
def other_server() -> Iterator[str]:
    """A local web server that is not Label Studio (every address answers 404)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NotLabelStudio)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


EXPIRED_JWT = (  # header.payload.signature of a refresh token that expired in 2001
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
    ".eyJ0b2tlbl90eXBlIjoicmVmcmVzaCIsImV4cCI6MTAwMDAwMDAwMH0.c2lnbmF0dXJl"
)
PULL_KINDS: dict[str, tuple[dict[str, str], int, str]] = {
    "unreachable server": (LS, 2, "cannot reach Label Studio at http://127.0.0.1:9"),
    "no token": ({**LS, "LABEL_STUDIO_API_KEY": ""}, 2, "no Label Studio token"),
    "no server address": ({**LS, "LABEL_STUDIO_URL": ""}, 2, "no Label Studio URL"),
    "not an address": ({**LS, "LABEL_STUDIO_URL": "no-such-scheme://x"}, 2,
                       "cannot reach Label Studio at no-such-scheme://x"),
    "expired token": ({**LS, "LABEL_STUDIO_API_KEY": EXPIRED_JWT}, 2, "answered 401"),
    "a server that is not Label Studio": ({}, 2, "answered 404"),
}  # fmt: skip
PULL_OUTPUT_KINDS = ["output a directory", "output folder missing",
                     "output in a read-only folder", "output under a file"]  # fmt: skip


def _annotate_pull(kind: str, server: str) -> Build:
    def build(w: Workspace) -> Case:
        out = w.path("export.json")
        args = ["annotate", "pull", "--project", "p", "--output"]
        if kind in PULL_KINDS:
            env, code, where = PULL_KINDS[kind]
            env = env or {**LS, "LABEL_STUDIO_URL": server}
            return Case([*args, str(out)], code, [where], out, env)
        if kind == "output under a file":
            w.write("file", b"x")
            return Case([*args, str(w.path("file/export.json"))], 2, ["file/export.json"],
                        env=LS)  # fmt: skip
        out, fresh = _output_path(w, kind, w.path("unused"))
        return Case([*args, str(out)], 2, [str(out)], fresh, LS)

    return build


CONFIG_KINDS: dict[str, tuple[bytes | str | None, int, str]] = {
    **JSON_FILE_KINDS,
    "not an array": (b'{"id": "a"}', 1, "must be a JSON array"),
    "bad id": (b'[{"id": "Not Kebab", "label": "A", "description": "d"}]', 1, "[0].id"),
    "duplicate ids": (b'[{"id": "a", "label": "A", "description": "d"},'
                      b' {"id": "a", "label": "B", "description": "e"}]', 1, "[1].id"),
    "control character": (b'[{"id": "a", "label": "A\\u0007", "description": "d"}]', 1,
                          "[0].label"),
    "label over two lines": (b'[{"id": "a", "label": "A\\nB", "description": "d"}]', 1,
                             "[0].label"),
    "unknown field": (b'[{"id": "a", "label": "A", "description": "d", "x": 1}]', 1, "[0].x"),
    "repeated key": (b'[{"id": "a", "id": "b", "label": "A", "description": "d"}]', 1,
                     "appears twice"),
    "not UTF-8": (b'[{"id": "a", "label": "\xe9", "description": "d"}]', 1, ":1: not UTF-8"),
}  # fmt: skip


def _annotate_config(kind: str) -> Build:
    def build(w: Workspace) -> Case:
        content, code, where = CONFIG_KINDS[kind]
        src = w.path("targets.json")
        _place(src, content)
        return Case(["annotate", "config", "--targets", str(src)], code, [str(src), where])

    return build


HF_PUSH_KINDS = ["missing folder", "a file", "an empty folder", "a folder not built",
                 "a file added", "a file changed", "a file removed", "unknown license",
                 "repository id without owner", "repository id with two slashes",
                 "repository id with a space", "no token", "unreachable hub"]  # fmt: skip


def _hf_push(kind: str, built: Path) -> Build:
    def build(w: Workspace) -> Case:
        import shutil

        folder = w.path("dataset")
        if kind not in ("missing folder", "a file", "an empty folder", "a folder not built"):
            shutil.copytree(built, folder)
        elif kind == "a file":
            folder.write_text("x", encoding="utf-8")
        elif kind != "missing folder":
            folder.mkdir()
            if kind == "a folder not built":
                (folder / "README.md").write_text("---\nlicense: mit\n---\n", encoding="utf-8")
        edits = {"a file added": lambda: (folder / "mine.txt").write_text("x"),
                 "a file changed": lambda: (folder / "README.md").write_text("x"),
                 "a file removed": lambda: (folder / "GUIDELINES.md").unlink()}  # fmt: skip
        edits.get(kind, lambda: None)()
        repo = {"repository id without owner": "quotebench",
                "repository id with two slashes": "a/b/c",
                "repository id with a space": "us er/q"}.get(kind, "user/q")  # fmt: skip
        args = ["hf", "push", str(folder), "--repo-id", repo, "--allow-unknown-license"]
        args = [a for a in args if not (kind == "unknown license" and a.startswith("--allow"))]
        env = {"HF_TOKEN": "", "HF_HOME": str(w.path("hf-home"))}
        if kind == "unreachable hub":
            env = {"HF_TOKEN": "hf_x", "HF_ENDPOINT": "http://127.0.0.1:9"}
        dry = kind not in ("no token", "unreachable hub")
        names = {"missing folder": [str(folder)], "a file": [str(folder)],
                 "an empty folder": [str(folder)], "a folder not built": [str(folder)],
                 "a file added": ["mine.txt: not written"],
                 "a file changed": ["README.md: changed since"],
                 "a file removed": ["GUIDELINES.md: written by `hf build`, now missing"],
                 "unknown license": ["license is unknown"], "no token": ["no Hugging Face token"],
                 "unreachable hub": ["cannot reach the Hugging Face hub"],
                 }.get(kind, [repo])  # fmt: skip
        return Case([*args, *(["--dry-run"] if dry else [])], 2, names, env=env)

    return build


def _results_json(**changes: object) -> bytes:
    from quotebench.eval import evaluate

    data = evaluate([TINY], [TINY], resamples=10).to_dict()
    return json.dumps({**data, **changes}).encode()


COMPARE_KINDS: dict[str, tuple[bytes | str | None, int, str]] = {
    **JSON_FILE_KINDS,
    "truncated": (b'{"schema": "quotebench.results/1", "units": {', 1, ":1: malformed JSON"),
    "not UTF-8": (b'{"schema": "\xe9"}', 1, ":1: not UTF-8"),
    "an array": (b"[1, 2]", 1, "field units: not a quotebench results file"),
    "no per-unit counts": (b'{"schema": "quotebench.results/1"}', 1, "field units"),
    "unknown results schema": ("schema", 1, "field schema: results schema"),
    "scored on another gold": ("gold", 2, "were scored on different gold"),
    "repeated key": (b'{"units": {}, "units": {}}', 1, "the key 'units' appears twice"),
}


def _compare(kind: str) -> Build:
    def build(w: Workspace) -> Case:
        content, code, where = COMPARE_KINDS[kind]
        good = w.write("a.json", _results_json())
        if content == "schema":
            content = _results_json(schema="quotebench.results/99")
        elif content == "gold":
            content = _results_json(gold={"sha256": "0" * 64, "documents": 1, "quotes": 2})
        src = _place(w.path("b.json"), content)
        names = [where] if kind == "scored on another gold" else [str(src), where]
        return Case(["evaluate", "--compare", str(good), str(src)], code, names)

    return build


# ------------------------------------------------------------------ the table


def _table() -> list[tuple[str, str, Callable[..., Build]]]:
    rows: list[tuple[str, str, Callable[..., Build]]] = []
    for command, (_, output) in DOCUMENT_COMMANDS.items():
        rows += [(command, kind, lambda c=command, k=kind: _document_case(c, k))
                 for kind in DOCUMENT_KINDS]  # fmt: skip
        for kind, (given, _, _) in OUTPUT_KINDS.items():
            if output and output in given.split():
                rows.append((command, kind, lambda c=command, k=kind: _output_case(c, k)))
    rows += [(c, "the same file twice", lambda c=c: _versions_twice(c))
             for c in ("agreement", "adjudicate")]  # fmt: skip
    rows += [("evaluate --compare", k, lambda k=k: _compare(k)) for k in COMPARE_KINDS]
    rows += [("ingest", k, lambda k=k: _ingest(k)) for k in INGEST_KINDS]
    rows += [("import-brat", k, lambda k=k: _import_brat(k)) for k in (*BRAT_KINDS,
             *BRAT_OUTPUT_KINDS)]  # fmt: skip
    rows += [("annotate import", k, lambda k=k: _annotate_import(k))
             for k in (*IMPORT_KINDS, *BRAT_OUTPUT_KINDS)]  # fmt: skip
    rows += [("annotate push", k, lambda k=k: _annotate_push(k)) for k in PUSH_KINDS]
    rows += [("annotate pull", k, lambda k=k: lambda s: _annotate_pull(k, s))
             for k in (*PULL_KINDS, *PULL_OUTPUT_KINDS)]  # fmt: skip
    rows += [("annotate config", k, lambda k=k: _annotate_config(k)) for k in CONFIG_KINDS]
    rows += [("hf push", k, lambda k=k: lambda b: _hf_push(k, b)) for k in HF_PUSH_KINDS]
    return rows


TABLE = _table()


@pytest.fixture(scope="module")
def built_dataset(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("built") / "dataset"
    assert run("hf", "build", str(folder)).code == 0
    return folder


def _outcome(case: Case, monkeypatch: pytest.MonkeyPatch) -> Outcome:
    for key, value in (case.env or {}).items():
        monkeypatch.setenv(key, value)
    return run(*case.args)


@pytest.mark.parametrize(
    ("command", "kind", "factory"), TABLE, ids=[f"{c}: {k}" for c, k, _ in TABLE]
)
def test_bad_input_is_refused_in_one_clear_message_and_harms_nothing(
    command: str, kind: str, factory, workspace: Workspace, other_server: str,
    built_dataset: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    made = factory()
    if command == "annotate pull":
        made = made(other_server)
    elif command == "hf push":
        made = made(built_dataset)
    case = made(workspace)
    watched = [workspace.root, workspace.readonly, workspace.full]
    assert case.fresh is None or not case.fresh.exists()
    before = _state(watched)
    outcome = _outcome(case, monkeypatch)
    assert outcome.code == case.code, outcome.stderr
    assert "Traceback" not in outcome.stderr + outcome.stdout
    for name in case.names:
        assert name in outcome.stderr, (name, outcome.stderr)
    assert case.fresh is None or not case.fresh.exists()
    assert _state(watched) == before


def test_every_command_meets_at_least_ten_kinds_of_bad_input() -> None:
    kinds: dict[str, set[str]] = {}
    for command, kind, _ in TABLE:
        kinds.setdefault(command, set()).add(kind)
    assert {c: len(k) for c, k in kinds.items() if len(k) < 10} == {}


QUOTEBENCH = str(Path(sys.executable).parent / "quotebench")


@pytest.mark.parametrize("processes", ["1", "2"])
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_an_interrupted_run_leaves_the_previous_output_and_no_temporary_file(
    tmp_path: Path, signum: int, processes: str
) -> None:
    write_documents(tmp_path / "docs.jsonl", [
        TINY.model_copy(update={"id": f"d{k}", "text": TEXT * 40, "mentions": (), "quotes": (),
                                "stances": ()}) for k in range(400)
    ])  # fmt: skip
    output = tmp_path / "pred.jsonl"
    output.write_text("previous\n", encoding="utf-8")
    output.chmod(0o644)
    before = _state([tmp_path])
    process = subprocess.Popen(
        [QUOTEBENCH, "extract", "--extractor", "dependency.v1", "--input",
         str(tmp_path / "docs.jsonl"), "--output", str(output), "--n-process", processes],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while not any(p.name.startswith(".pred.jsonl.") for p in tmp_path.iterdir()):
        assert process.poll() is None and time.monotonic() < deadline, process.communicate()
        time.sleep(0.05)
    time.sleep(1.0)  # the workers are busy parsing
    os.killpg(process.pid, signum)  # as a terminal or a job scheduler signals the whole group
    _, stderr = process.communicate(timeout=30)
    assert not subprocess.run(["pgrep", "-s", str(process.pid)], capture_output=True).stdout
    assert process.returncode == 128 + signum, stderr
    name = signal.Signals(signum).name
    assert stderr.strip().splitlines()[-1] == f"error: interrupted ({name}); no output was changed"
    assert "Traceback" not in stderr
    assert _state([tmp_path]) == before


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_written_files_get_the_mode_the_umask_gives(tmp_path: Path, umask: int, mode: int) -> None:
    write_documents(tmp_path / "docs.jsonl", [TINY])
    output = tmp_path / "pred.jsonl"
    done = subprocess.run(
        [QUOTEBENCH, "extract", "--extractor", "quotemarks.v1", "--input",
         str(tmp_path / "docs.jsonl"), "--output", str(output)],
        capture_output=True, text=True, check=False, preexec_fn=lambda: os.umask(umask),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(output.stat().st_mode) == mode
