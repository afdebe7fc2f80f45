"""A real Label Studio server for the tests: one per session, stopped whatever happens.

Import the ``label_studio`` fixture into a test module. The server comes from
``QUOTEBENCH_LABEL_STUDIO`` (default ``.venv-labelstudio/bin/label-studio``, installed by
``make test``); where it is absent the tests skip with the reason, under ``CI=true`` they fail.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 180.0
USERNAME = "annotator@example.org"
PASSWORD = "quotebench-test-password"
TOKEN = "0123456789abcdef0123456789abcdef01234567"


@dataclass(frozen=True)
class Server:
    """A running server: where it listens and how to log in."""

    url: str
    username: str
    password: str
    token: str


def unavailable(reason: str) -> None:
    """Skip with ``reason``, or fail under ``CI=true`` where everything must be present."""
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def executable() -> Path | None:
    """The ``label-studio`` script, if installed."""
    path = Path(
        os.environ.get("QUOTEBENCH_LABEL_STUDIO", ROOT / ".venv-labelstudio/bin/label-studio")
    )
    return path if path.is_file() else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environment(data_dir: Path, port: int) -> dict[str, str]:
    return {
        **os.environ,
        "LABEL_STUDIO_BASE_DATA_DIR": str(data_dir),
        "LABEL_STUDIO_HOST": f"http://127.0.0.1:{port}",
        "LABEL_STUDIO_PORT": str(port),
        "LABEL_STUDIO_USERNAME": USERNAME,
        "LABEL_STUDIO_PASSWORD": PASSWORD,
        "LABEL_STUDIO_USER_TOKEN": TOKEN,
        "LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN": "true",
        "LABEL_STUDIO_DISABLE_SIGNUP_WITHOUT_LINK": "true",
        "SENTRY_DSN": "",
        "FRONTEND_SENTRY_DSN": "",
    }


def _command(script: Path, data_dir: Path, port: int) -> list[str]:
    return [
        str(script), "start", "--no-browser", "--internal-host", "127.0.0.1",
        "--port", str(port), "--data-dir", str(data_dir),
        "--username", USERNAME, "--password", PASSWORD, "--user-token", TOKEN,
    ]  # fmt: skip


def _wait(process: subprocess.Popen, log: Path, port: int) -> str:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"label-studio exited: {log.read_text()[-2000:]}")
        found = re.findall(r"Starting development server at (http://[\d.]+:\d+)/", log.read_text())
        if found:
            url = found[-1]
            if not url.endswith(f":{port}"):
                raise RuntimeError(f"label-studio moved to {url}, not port {port}")
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"{url}/health", timeout=5).close()
                return url
        time.sleep(1)
    raise RuntimeError(f"label-studio did not start within {START_TIMEOUT:.0f} s")


def _stop(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@pytest.fixture(scope="session")
def label_studio(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A fresh server on 127.0.0.1 with a throwaway data dir, a known user and token."""
    script = executable()
    if script is None:
        unavailable("label-studio is not installed (make test installs it in .venv-labelstudio)")
    data_dir = tmp_path_factory.mktemp("label-studio")
    port = _free_port()
    log = data_dir / "server.log"
    with log.open("w") as handle:
        process = subprocess.Popen(
            _command(script, data_dir, port), env=_environment(data_dir, port),
            stdout=handle, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:
        yield Server(_wait(process, log, port), USERNAME, PASSWORD, TOKEN)
    finally:
        _stop(process)
