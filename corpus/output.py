"""Writing outputs safely: the one way any command writes a file or a folder.

- An output that resolves to one of the command's inputs is refused before any work, and
  so is a folder where a file is wanted, a file where a folder is wanted, and a folder that
  holds an input or the current folder.
- A file is written to a hidden temporary sibling and renamed over its target once complete.
- A folder is built as a hidden temporary sibling, given a manifest of the files it holds
  (``MANIFEST``), and renamed into place once complete. An existing folder is replaced only
  when it is empty, or quotebench wrote it (its manifest) and it holds nothing else, or when
  the caller says so (``overwrite``).
- A write that fails (a full disk, a read-only folder) or is interrupted (SIGINT, SIGTERM,
  SIGHUP once ``raise_on_termination`` ran) leaves the previous output as it was and no
  temporary file behind.
- Files and folders get the permissions the umask gives; a replaced file keeps its mode.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import hashlib
import json
import logging  # noqa: F401 (its fork hooks must be registered before ours)
import multiprocessing
import os
import shutil
import signal
import stat
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from .problems import UnusableInput

__all__ = [
    "MANIFEST",
    "Interrupted",
    "check_output",
    "file_sha256",
    "interrupted",
    "output_file",
    "output_folder",
    "output_path",
    "raise_on_termination",
    "read_manifest",
]

MANIFEST = ".quotebench-manifest.json"
_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
_WRITE_ERRORS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EIO, errno.EACCES,
                 errno.EPERM, errno.ENOENT, errno.ENOTDIR, errno.EISDIR, errno.EEXIST,
                 errno.ENAMETOOLONG}  # fmt: skip
Inputs = Iterable[str | Path | None]


class Interrupted(KeyboardInterrupt):
    """A termination signal received while working (SIGINT, SIGTERM, SIGHUP)."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        super().__init__(signal.Signals(signum).name)


_MAIN_PROCESS: list[int] = []  # the pid and main thread that installed the handlers
_RECEIVED: list[int] = []  # the signals that interrupted it
_FORKING: list[bool] = []  # non-empty while os.fork runs its hooks in this process


def _interrupt(signum: int, _frame: object) -> None:
    if os.getpid() != _MAIN_PROCESS[0]:  # a forked worker (spaCy's n_process): end quietly
        os._exit(128 + signum)
    if _FORKING:  # raised inside a fork hook, the exception would be printed and lost
        threading.Thread(target=_deliver_after_fork, args=(signum,), daemon=True).start()
        return
    _RECEIVED.append(signum)
    for child in multiprocessing.active_children():  # so that joining them cannot hang
        child.terminate()
    raise Interrupted(signum)


def _deliver_after_fork(signum: int) -> None:
    while _FORKING:
        time.sleep(0.01)
    signal.pthread_kill(_MAIN_PROCESS[1], signum)


def interrupted() -> bool:
    """Whether a signal interrupted this process (after ``raise_on_termination``)."""
    return bool(_RECEIVED)


def raise_on_termination() -> None:
    """Make SIGINT, SIGTERM and SIGHUP raise ``Interrupted`` in this process, so that every
    output's clean-up runs before it ends; its worker processes end at once and quietly."""
    if not _MAIN_PROCESS:  # C callables, run first before a fork and last after it
        os.register_at_fork(
            before=functools.partial(_FORKING.append, True),
            after_in_parent=_FORKING.clear,
            after_in_child=_FORKING.clear,
        )
    _MAIN_PROCESS[:] = [os.getpid(), threading.main_thread().ident]
    for signum in _SIGNALS:
        signal.signal(signum, _interrupt)


def _same_file(a: Path, b: Path) -> bool:
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    with contextlib.suppress(OSError):
        return os.path.samefile(a, b)
    return False


def _inside(path: Path, folder: Path) -> bool:
    return Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))


def check_output(
    path: str | Path, inputs: Inputs = (), *, folder: bool = False, overwrite: bool = False
) -> Path:
    """Refuse an output that would harm an input or that cannot be written; returns it.

    A folder's missing parents are made when it is written; a file's must exist.
    Raises ``UnusableInput`` naming the output and the reason.
    """
    target = Path(path)
    given = [Path(p) for p in inputs if p is not None]
    for source in given:
        if _same_file(target, source):
            raise UnusableInput(f"{target}: is also an input ({source}); choose another output")
    if folder:
        _check_folder(target, given, overwrite)
    elif target.is_dir():
        raise UnusableInput(f"{target}: is a folder; a file path is wanted here")
    elif not target.parent.is_dir():
        raise UnusableInput(f"{target}: cannot write: the folder {target.parent} does not exist")
    parent = next((p for p in target.parents if p.exists()), None)
    if parent is not None and not os.access(parent, os.W_OK | os.X_OK):
        raise UnusableInput(f"{target}: cannot write: {parent} is read-only or not writable")
    return target


def _check_folder(target: Path, inputs: list[Path], overwrite: bool) -> None:
    if target.exists() and not target.is_dir():
        raise UnusableInput(f"{target}: is a file; a folder is wanted here")
    for source in [*inputs, Path.cwd()]:
        if _inside(source, target):
            what = "the current folder" if source == Path.cwd() else f"the input {source}"
            raise UnusableInput(f"{target}: holds {what}, which writing this folder would replace")
    if target.is_dir() and not overwrite:
        foreign = _foreign_entry(target)
        if foreign is not None:
            raise UnusableInput(
                f"{target}: holds {foreign}, which quotebench did not write there;"
                " choose a new folder, or pass --overwrite to replace the whole folder"
            )


def read_manifest(folder: str | Path) -> dict[str, dict[str, object]] | None:
    """``{relative path: {"sha256", "bytes"}}`` of a folder quotebench wrote, else ``None``."""
    try:
        data = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
        files = data["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return files if isinstance(files, dict) else None


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if not p.is_dir())


def _foreign_entry(folder: Path) -> str | None:
    """The first entry of ``folder`` that quotebench did not write, if any."""
    listed = read_manifest(folder)
    present = [name for name in _files(folder) if name != MANIFEST]
    if listed is None:
        return present[0] if present else None
    return next((name for name in present if name not in listed), None)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _publish(staged: Path, target: Path, default_mode: int) -> None:
    """Give ``staged`` its mode, then rename it over ``target`` with signals held back."""
    try:
        mode = stat.S_IMODE(target.stat().st_mode) if target.is_file() else None
    except OSError:
        mode = None
    os.chmod(staged, mode if mode is not None else default_mode & ~_umask())
    with _signals_held():
        os.replace(staged, target)


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextlib.contextmanager
def _write_errors(target: Path) -> Iterator[None]:
    """Report a failing write as one line naming the output (``UnusableInput``)."""
    try:
        yield
    except OSError as error:
        if error.errno not in _WRITE_ERRORS:
            raise
        where = f" ({error.filename})" if error.filename else ""
        raise UnusableInput(f"{target}: cannot write: {error.strerror or error}{where}") from None


@contextlib.contextmanager
def output_path(path: str | Path, inputs: Inputs = ()) -> Iterator[Path]:
    """A temporary path beside ``path`` for a library to write; renamed over ``path`` when the
    block ends without an error, removed otherwise. Checks ``check_output`` first."""
    target = check_output(path, inputs)
    with _write_errors(target):
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        staged = Path(name)
        try:
            yield staged
            _publish(staged, target, 0o666)
        finally:
            with contextlib.suppress(FileNotFoundError):
                staged.unlink()


@contextlib.contextmanager
def output_file(path: str | Path, inputs: Inputs = (), *, binary: bool = False) -> Iterator[IO]:
    """An open temporary file beside ``path`` (UTF-8 text, ``\\n`` line ends, or bytes);
    renamed over ``path`` only when the block ends without an error."""
    with output_path(path, inputs) as staged:
        text = {"encoding": "utf-8", "newline": "\n"}
        handle = open(staged, "wb" if binary else "w", **({} if binary else text))  # noqa: SIM115
        with _write_errors(Path(path)), handle:
            yield handle


def file_sha256(path: str | Path) -> str:
    """The sha256 of a file's bytes (as a folder's manifest records them)."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _write_manifest(folder: Path, writer: str) -> None:
    files = {}
    for name in _files(folder):
        data = (folder / name).read_bytes()
        files[name] = {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    manifest = {"written_by": writer, "files": files}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")


def _give_modes(folder: Path) -> None:
    mask = _umask()
    for path in [folder, *folder.rglob("*")]:
        os.chmod(path, (0o777 if path.is_dir() else 0o666) & ~mask)


def _swap(staged: Path, target: Path) -> None:
    """Put ``staged`` in the place of ``target``, then remove what was there."""
    with _signals_held():
        if not target.exists():
            os.rename(staged, target)
            return
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old.", dir=target.parent))
        os.rename(target, old / "previous")
        try:
            os.rename(staged, target)
        except OSError:
            os.rename(old / "previous", target)
            raise
    shutil.rmtree(old, ignore_errors=True)


@contextlib.contextmanager
def output_folder(
    path: str | Path, inputs: Inputs = (), *, overwrite: bool = False, writer: str = "quotebench"
) -> Iterator[Path]:
    """A temporary folder beside ``path`` to write into; once the block ends without an
    error it gets a manifest naming ``writer`` and takes the place of ``path``.
    Checks ``check_output`` (as a folder) first."""
    target = check_output(path, inputs, folder=True, overwrite=overwrite)
    with _write_errors(target):
        target.parent.mkdir(parents=True, exist_ok=True)
        staged = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
        try:
            yield staged
            _write_manifest(staged, writer)
            _give_modes(staged)
            _swap(staged, target)
        finally:
            shutil.rmtree(staged, ignore_errors=True)
