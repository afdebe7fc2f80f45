"""Uploading to the hub: the upload plan, the license gate, no token, no network."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from quotebench.corpus import Meta, UnusableInput, load_gold, load_targets
from quotebench.corpus.hf_build import build_dataset
from quotebench.corpus.hf_card_inputs import CardInputs
from quotebench.corpus.hf_push import card_license_of, check_repo_id, push_folder, upload_plan
from quotebench.corpus.output import MANIFEST, read_manifest

INPUTS = CardInputs(guidelines="# Guidelines\n")


def _build(folder: Path, license_id: str | None) -> Path:
    documents = [
        d.model_copy(update={"meta": Meta(**{**d.meta.model_dump(), "license": license_id})})
        for d in load_gold()
    ]
    build_dataset(folder, documents, load_targets(), INPUTS)
    return folder


@pytest.fixture(scope="module")
def unknown(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("unknown") / "dataset", None)


@pytest.fixture(scope="module")
def licensed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("licensed") / "dataset", "cc-by-4.0")


@pytest.fixture
def no_login(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No token in the environment and none cached."""
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf-home"))
    monkeypatch.setattr("huggingface_hub.constants.HF_TOKEN_PATH", str(tmp_path / "no-token"))
    for name in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_OIDC_RESOURCE"):
        monkeypatch.delenv(name, raising=False)


def closed_port() -> int:
    """A local TCP port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_plan_lists_exactly_the_files_the_build_wrote(licensed: Path) -> None:
    on_disk = {
        p.relative_to(licensed).as_posix(): p.stat().st_size
        for p in licensed.rglob("*")
        if p.is_file() and p.name != MANIFEST
    }
    plan = upload_plan(licensed)
    assert {item.path: item.size for item in plan.items} == on_disk
    assert [item.path for item in plan.items] == sorted(on_disk)
    assert plan.refused == ()


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda f: (f / "notes.txt").write_text("x", encoding="utf-8"), "notes.txt: not written"),
        (
            lambda f: (f / ".cache").mkdir() or (f / ".cache" / "lock").write_text("x"),
            ".cache/lock",
        ),
        (lambda f: (f / "README.md").write_text("edited", encoding="utf-8"), "README.md: changed"),
        (lambda f: (f / "GUIDELINES.md").unlink(), "GUIDELINES.md: written by `hf build`, now"),
    ],
)
def test_files_the_build_did_not_write_are_refused(tmp_path: Path, change, reason: str) -> None:
    folder = _build(tmp_path / "dataset", "mit")
    change(folder)
    plan = upload_plan(folder)
    assert any(r.startswith(reason) for r in plan.refused), plan.refused
    assert all(item.path in read_manifest(folder) for item in plan.items)
    with pytest.raises(UnusableInput, match="upload refused"):
        push_folder(folder, plan, "user/quotebench", private=True)


def test_unknown_license_is_refused_unless_allowed(unknown: Path) -> None:
    assert card_license_of(unknown) == "unknown"
    assert any("license is unknown" in r for r in upload_plan(unknown).refused)
    allowed = upload_plan(unknown, allow_unknown_license=True)
    assert allowed.refused == () and len(allowed.items) == 5


def test_a_folder_the_build_did_not_write_is_not_a_dataset(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("---\nlicense: mit\n---\n", encoding="utf-8")
    with pytest.raises(UnusableInput, match="not a dataset folder written by"):
        upload_plan(tmp_path)


@pytest.mark.parametrize("repo_id", ["quotebench", "a/b/c", "user/", "-user/q", "us er/q", ""])
def test_a_malformed_repository_id_is_refused_before_the_network(
    licensed: Path, repo_id: str
) -> None:
    with pytest.raises(UnusableInput, match="--repo-id"):
        check_repo_id(repo_id)
    with pytest.raises(UnusableInput, match="--repo-id"):
        push_folder(licensed, upload_plan(licensed), repo_id, private=True)


@pytest.mark.usefixtures("no_login")
def test_without_a_token_the_push_stops_before_the_network(licensed: Path) -> None:
    with pytest.raises(UnusableInput, match="no Hugging Face token"):
        push_folder(licensed, upload_plan(licensed), "user/quotebench", private=True)


def test_an_unreachable_hub_fails_fast(licensed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    endpoint = f"http://127.0.0.1:{closed_port()}"
    monkeypatch.setenv("HF_ENDPOINT", endpoint)
    monkeypatch.setenv("HF_TOKEN", "hf_not_a_real_token")
    with pytest.raises(UnusableInput, match=f"cannot reach the Hugging Face hub at {endpoint}"):
        push_folder(licensed, upload_plan(licensed), "user/quotebench", private=False)


class _Refusing(BaseHTTPRequestHandler):
    """A local HTTP peer that answers every request with 401, as the hub does a bad token."""

    def _refuse(self) -> None:
        body = b'{"error": "Invalid credentials in Authorization header"}'
        self.send_response(401)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body if self.command != "HEAD" else b"")

    do_GET = do_POST = do_HEAD = _refuse

    def log_message(self, *args: object) -> None:
        """Silent."""


@pytest.fixture
def refusing_endpoint() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Refusing)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_refused_request_is_one_clear_error(
    licensed: Path, refusing_endpoint: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_ENDPOINT", refusing_endpoint)
    monkeypatch.setenv("HF_TOKEN", "hf_not_a_real_token")
    with pytest.raises(UnusableInput, match=r"upload to user/quotebench failed: .*401") as caught:
        push_folder(licensed, upload_plan(licensed), "user/quotebench", private=True)
    assert "\n" not in str(caught.value)
