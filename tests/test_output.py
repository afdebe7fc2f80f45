"""Writing outputs: never over an input, all at once or not at all, the umask's modes."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from quotebench.corpus import UnusableInput
from quotebench.corpus.output import (
    MANIFEST,
    Interrupted,
    check_output,
    output_file,
    output_folder,
    output_path,
    raise_on_termination,
    read_manifest,
)


def _tree(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), stat.S_IMODE(p.stat().st_mode))
        for p in root.rglob("*")
        if p.is_file()
    }


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.fixture
def umask_022():
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def test_an_output_onto_an_input_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "gold.jsonl"
    source.write_text("x\n", encoding="utf-8")
    (tmp_path / "link.jsonl").symlink_to(source)
    os.link(source, tmp_path / "hard.jsonl")
    for output in (source, tmp_path / "link.jsonl", tmp_path / "." / "hard.jsonl"):
        with pytest.raises(UnusableInput, match="is also an input"):
            check_output(output, [source])
    assert source.read_text(encoding="utf-8") == "x\n"


@pytest.mark.parametrize(
    ("make", "folder", "message"),
    [
        (lambda p: p.mkdir(), False, "is a folder; a file path is wanted"),
        (lambda p: p.write_text("x"), True, "is a file; a folder is wanted"),
        (lambda p: None, False, "does not exist"),
    ],
    ids=["folder for a file", "file for a folder", "missing parent"],
)
def test_a_wrong_kind_of_output_is_refused(tmp_path: Path, make, folder: bool, message: str):
    target = tmp_path / "out"
    make(target)
    wanted = target / "x" if message == "does not exist" else target
    with pytest.raises(UnusableInput, match=message):
        check_output(wanted, folder=folder)


def test_a_folder_holding_an_input_or_the_current_folder_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "gold.jsonl").write_text("x", encoding="utf-8")
    with pytest.raises(UnusableInput, match="holds the input"):
        check_output(tmp_path / "data", [tmp_path / "data" / "gold.jsonl"], folder=True)
    monkeypatch.chdir(tmp_path / "data")
    with pytest.raises(UnusableInput, match="holds the current folder"):
        check_output(tmp_path, folder=True, overwrite=True)


def test_a_file_appears_only_when_complete(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("previous\n", encoding="utf-8")
    with pytest.raises(RuntimeError), output_file(target) as handle:
        handle.write("half")
        raise RuntimeError("interrupted")
    assert _tree(tmp_path) == {"out.jsonl": (b"previous\n", 0o666 & ~_umask())}


@pytest.mark.usefixtures("umask_022")
def test_modes_follow_the_umask_and_a_replaced_file_keeps_its_own(tmp_path: Path) -> None:
    fresh, kept = tmp_path / "fresh.txt", tmp_path / "kept.txt"
    kept.write_text("old", encoding="utf-8")
    kept.chmod(0o640)
    for target in (fresh, kept):
        with output_file(target) as handle:
            handle.write("new")
    with output_folder(tmp_path / "folder") as folder:
        (folder / "a.txt").write_text("a", encoding="utf-8")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    assert stat.S_IMODE((tmp_path / "folder").stat().st_mode) == 0o755
    assert stat.S_IMODE((tmp_path / "folder" / "a.txt").stat().st_mode) == 0o644


def test_a_library_writes_to_a_path_that_is_renamed_when_done(tmp_path: Path) -> None:
    target = tmp_path / "doc.spacy"
    with output_path(target) as staged:
        assert staged.parent == tmp_path and staged.name.startswith(".")
        staged.write_bytes(b"\x00\x01")
    assert _tree(tmp_path) == {"doc.spacy": (b"\x00\x01", 0o666 & ~_umask())}


def test_a_folder_gets_a_manifest_and_replaces_only_its_own_previous_version(
    tmp_path: Path,
) -> None:
    target = tmp_path / "out"
    for content in ("one", "two"):
        with output_folder(target, writer="test") as folder:
            (folder / "sub").mkdir()
            (folder / "sub" / "r.txt").write_text(content, encoding="utf-8")
    manifest = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["written_by"] == "test"
    assert set(read_manifest(target)) == {"sub/r.txt"}
    assert (target / "sub" / "r.txt").read_text(encoding="utf-8") == "two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    (target / "sub" / "mine.txt").write_text("mine", encoding="utf-8")
    before = _tree(tmp_path)
    refused = r"holds sub/mine\.txt, which quotebench did not"
    with pytest.raises(UnusableInput, match=refused), output_folder(target):
        pytest.fail("the folder must be refused before any work")
    assert _tree(tmp_path) == before


def test_an_empty_folder_is_filled_and_a_failed_build_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.mkdir()
    with pytest.raises(ValueError), output_folder(target) as folder:
        (folder / "half.txt").write_text("half", encoding="utf-8")
        raise ValueError("broken")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"] and not any(target.iterdir())
    with output_folder(target) as folder:
        (folder / "a.txt").write_text("a", encoding="utf-8")
    assert (target / "a.txt").is_file()


def test_overwrite_replaces_a_foreign_folder_whole(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.mkdir()
    (target / "mine.txt").write_text("mine", encoding="utf-8")
    with output_folder(target, overwrite=True) as folder:
        (folder / "a.txt").write_text("a", encoding="utf-8")
    assert sorted(p.name for p in target.iterdir()) == [MANIFEST, "a.txt"]


def test_termination_signals_raise_so_that_clean_up_runs(tmp_path: Path) -> None:
    previous = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    raise_on_termination()
    target = tmp_path / "out.jsonl"
    try:
        with pytest.raises(Interrupted) as caught, output_file(target) as handle:
            handle.write("half")
            os.kill(os.getpid(), signal.SIGTERM)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    assert caught.value.signum == signal.SIGTERM
    assert list(tmp_path.iterdir()) == []


_SIGNAL_DURING_FORK = """
import multiprocessing, os, signal, sys, time
from quotebench.corpus.output import Interrupted, raise_on_termination
os.register_at_fork(after_in_parent=lambda: signal.raise_signal(signal.SIGTERM))
raise_on_termination()
try:
    multiprocessing.get_context("fork").Process(target=time.sleep, args=(10,)).start()
    time.sleep(10)
except Interrupted as error:
    sys.exit(128 + error.signum)
"""


def test_a_signal_that_arrives_while_a_worker_is_forked_still_interrupts() -> None:
    """A signal handled inside os.fork's hooks (where Python prints an exception and loses
    it) is delivered again once the fork is done."""
    done = subprocess.run(
        [sys.executable, "-c", _SIGNAL_DURING_FORK], capture_output=True, text=True, timeout=30
    )
    assert (done.returncode, done.stderr) == (128 + signal.SIGTERM, "")
