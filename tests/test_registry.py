"""The registries: versioned names, built-in extractors, third-party plug-ins by entry point."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from quotebench.corpus import Document, check_document, load_documents
from quotebench.protocols import QuoteExtractor
from quotebench.registry import EXTRACTOR_GROUP, Registry, extractors

PLUGIN = Path(__file__).resolve().parent / "plugin"
PLUGIN_NAME = "quotebench-regex-plugin"
BUILTINS = ("dependency.v1", "dependency.v2", "quotemarks.v1", "textacy.v1")


@pytest.mark.parametrize("name", BUILTINS)
def test_builtin_extractors_are_registered(name: str) -> None:
    extractor = extractors.create(name)
    assert name in extractors.names()
    assert isinstance(extractor, QuoteExtractor) and extractor.name == name


@pytest.mark.parametrize("name", ["dependency", "Dependency.v1", "dep.v", ".v1", "a b.v1"])
def test_unversioned_or_malformed_names_are_refused(name: str) -> None:
    with pytest.raises(ValueError, match="not a name of the form"):
        Registry("test.group").register(name)


def test_a_taken_name_is_refused() -> None:
    registry: Registry[object] = Registry("test.group")
    registry.register("one.v1")(object)
    with pytest.raises(ValueError, match="already registered"):
        registry.register("one.v1")(dict)


def test_unknown_names_list_the_registered_ones() -> None:
    with pytest.raises(KeyError, match=r"registered: .*dependency\.v1"):
        extractors.get("missing.v1")


def _python(*code: str, cwd: Path) -> str:
    done = subprocess.run(
        [sys.executable, "-c", "\n".join(code)],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def _pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", "-q", *args], check=True, capture_output=True)


@pytest.fixture(scope="module")
def plugin_installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The tiny plug-in under tests/plugin, installed into this environment for the module."""
    source = tmp_path_factory.mktemp("plugin") / "plugin"
    shutil.copytree(PLUGIN, source)
    _pip("install", "--no-deps", "--no-build-isolation", str(source))
    try:
        yield
    finally:
        _pip("uninstall", "-y", PLUGIN_NAME)


@pytest.mark.usefixtures("plugin_installed")
def test_a_plugin_is_listed_and_extracts(tmp_path: Path) -> None:
    names = _python(
        "import json",
        "from quotebench.registry import extractors",
        "print(json.dumps(extractors.names()))",
        cwd=tmp_path,
    )
    assert {*BUILTINS, "regexquote.v1"} <= set(json.loads(names))
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"id": "a", "text": 'She said "we will win" today.'}) + "\n")
    _python(
        "import sys",
        "from quotebench.cli import main",
        "sys.argv = ['quotebench', 'extract', '--extractor', 'regexquote.v1',"
        " '--input', 'docs.jsonl', '--output', 'pred.jsonl']",
        "main()",
        cwd=tmp_path,
    )
    (doc,) = load_documents(tmp_path / "pred.jsonl")
    assert check_document(doc, []) == []
    assert [q.content[0].text for q in doc.quotes] == ["we will win"]
    assert doc.annotation.extractor == "regexquote.v1"


@pytest.mark.usefixtures("plugin_installed")
def test_a_plugins_convention_is_registered_and_validates(tmp_path: Path) -> None:
    """A third party's convention is known to validation and to the projection."""
    doc = Document(id="a", text="x").with_convention("marksonly.v1")
    path = tmp_path / "gold.jsonl"
    path.write_text(doc.to_json() + "\n", encoding="utf-8")
    out = _python(
        "import json",
        "from quotebench.corpus.conventions import conventions, get_convention",
        "from quotebench.corpus import load_documents, check_document",
        "(doc,) = load_documents('gold.jsonl')",
        "rules = get_convention('quotebench.v1').differences(get_convention('marksonly.v1'))",
        "problems = [str(p) for p in check_document(doc, [])]",
        "print(json.dumps([conventions.names(), problems, rules]))",
        cwd=tmp_path,
    )
    names, problems, rules = json.loads(out)
    assert {"quotebench.v1", "polnear.v1", "ggt.v1", "marksonly.v1"} <= set(names)
    assert problems == [] and rules == ["continuation", "nested"]


def test_the_group_name_is_the_documented_one() -> None:
    assert EXTRACTOR_GROUP == "quotebench.extractors"
