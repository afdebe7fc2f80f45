"""The built wheel: one import package with every folder mapped in and its data inside."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGES = ("quotebench", "quotebench/corpus", "quotebench/annotation", "quotebench/eval",
            "quotebench/baselines", "quotebench/cli", "quotebench/baselines/dependency",
            "quotebench/baselines/quotemarks", "quotebench/baselines/textacy_adapter",
            "quotebench/baselines/stance", "quotebench/baselines/common")  # fmt: skip
DATA = (
    "quotebench/corpus/data/gold.jsonl",
    "quotebench/corpus/data/targets.json",
    "quotebench/annotation/GUIDELINES.md",
    "quotebench/annotation/ADJUDICATION.md",
    "quotebench/annotation/label_config.xml",
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)]
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    (built,) = out.glob("quotebench-*.whl")
    return built


def test_the_wheel_holds_every_package_and_the_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for package in PACKAGES:
        assert f"{package}/__init__.py" in names
    for data in DATA:
        assert data in names
    assert not any(name.startswith(("tests/", "seeds/", "corpus/")) for name in names)


def test_the_installed_wheel_reads_its_own_gold(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    install = [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site)]
    subprocess.run([*install, str(wheel)], check=True, capture_output=True, timeout=300)
    probe = (
        "import quotebench, quotebench.corpus as c; "
        "from quotebench.registry import extractors; print(quotebench.__file__); "
        "print(len(c.load_gold()), len(c.load_targets()), len(extractors.names()))"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True,
        check=True, timeout=300,
    )  # fmt: skip
    where, counts = done.stdout.splitlines()
    assert where.startswith(str(site))
    documents, targets, registered = map(int, counts.split())
    assert documents >= 1 and targets >= 1 and registered >= 3
