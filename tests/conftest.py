"""Shared fixtures: the repository layout, the gold corpus and a real headless browser."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# properties, not timings: a loaded CI machine must not fail a test by its deadline
settings.register_profile("quotebench", deadline=None)
settings.load_profile("quotebench")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
UNDER_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(autouse=True, scope="session")
def _no_user_models(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Trained models and cached answers are looked for in empty folders, never in the
    user's own."""
    os.environ["QUOTEBENCH_MODELS"] = str(tmp_path_factory.mktemp("models"))
    os.environ["QUOTEBENCH_LLM_CACHE"] = str(tmp_path_factory.mktemp("llm-cache"))


def require(condition: bool, reason: str) -> None:
    """Skip with ``reason`` when ``condition`` fails, except under CI where it is a failure."""
    if not condition:
        if UNDER_CI:
            pytest.fail(f"required under CI: {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's chromium executable (skip elsewhere, fail under CI when it is missing)."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    require(path is not None, "no chromium browser on PATH (Debian package `chromium`)")
    return str(path)


CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


@pytest.fixture(scope="session")
def browser(chromium_path: str):
    """A Playwright browser driving Debian's headless chromium, closed after the session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path, headless=True, args=list(CHROMIUM_FLAGS)
        )
        yield launched
        launched.close()
