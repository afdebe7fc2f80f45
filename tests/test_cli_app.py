"""The installed ``quotebench`` script: commands listed, bad input never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(sys.executable).with_name("quotebench")


def quotebench(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, timeout=300)


def test_help_lists_the_commands() -> None:
    done = quotebench("--help")
    assert done.returncode == 0
    for command in ("validate", "schema", "ingest", "stats", "show", "benchmark"):
        assert command in done.stdout


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("validate", "{dir}/bad.jsonl"), 1),
        (("validate", "{dir}/absent.jsonl"), 2),
        (("ingest", "{dir}/bad.jsonl", "--id", "x"), 1),
        (("stats", "{dir}/bad.jsonl"), 1),
        (("show", "{dir}/bad.jsonl", "--html", "{dir}/x.html"), 1),
        (("no-such-command",), 2),
    ],
)
def test_bad_input_gives_one_line_reasons_and_exit_codes(
    tmp_path: Path, args: tuple[str, ...], code: int
) -> None:
    (tmp_path / "bad.jsonl").write_bytes(b'{"id": "d", "text": "\xff"}\n')
    done = quotebench(*(a.format(dir=tmp_path) for a in args))
    assert done.returncode == code
    assert "Traceback" not in done.stderr
    assert done.stderr.strip()
    assert not (tmp_path / "x.html").exists()


def test_benchmark_runs_from_the_install() -> None:
    done = quotebench("benchmark", "--help")
    assert done.returncode == 0
