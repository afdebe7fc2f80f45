"""Uploading a built dataset folder to the Hugging Face hub with ``huggingface_hub``.

The token comes from ``HF_TOKEN`` or the cached login. Text of unknown license is refused
unless explicitly allowed. An unreachable hub fails within ``CONNECT_TIMEOUT`` seconds.
"""

from __future__ import annotations

import contextlib
import importlib
import os
from dataclasses import dataclass
from pathlib import Path

from .problems import UnusableInput

__all__ = ["CONNECT_TIMEOUT", "UploadItem", "card_license_of", "push_folder", "upload_plan"]

CONNECT_TIMEOUT = 10.0


@dataclass(frozen=True)
class UploadItem:
    """One file to upload: its path in the repository, its size in bytes, the local file."""

    path: str
    size: int
    local: Path


def card_license_of(folder: str | Path) -> str | None:
    """The ``license`` in the YAML metadata of ``folder/README.md`` (``None`` when absent).

    Raises ``UnusableInput`` when the folder holds no dataset card.
    """
    from huggingface_hub import DatasetCard

    card_path = Path(folder) / "README.md"
    if not card_path.is_file():
        raise UnusableInput(f"{folder}: no README.md: not a dataset folder (run `hf build`)")
    value = DatasetCard.load(card_path).data.license
    return str(value) if value else None


def upload_plan(folder: str | Path, *, allow_unknown_license: bool = False) -> list[UploadItem]:
    """Exactly the files an upload sends: every file under ``folder`` but hidden ones, sorted.

    Raises ``UnusableInput`` when ``folder`` is not a dataset folder, or when its card's
    license is unknown and ``allow_unknown_license`` is false.
    """
    root = Path(folder)
    license_id = card_license_of(root)
    if license_id in (None, "unknown") and not allow_unknown_license:
        raise UnusableInput(
            f"{root}: the text's license is unknown; refusing to upload it"
            " (pass --allow-unknown-license once you may redistribute it)"
        )
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return [
        UploadItem(p.relative_to(root).as_posix(), p.stat().st_size, p)
        for p in files
        if not any(part.startswith(".") for part in p.relative_to(root).parts)
    ]


def _endpoint() -> str:
    from huggingface_hub import constants

    return (os.environ.get("HF_ENDPOINT") or constants.ENDPOINT).rstrip("/")


def _transport_errors() -> tuple[type[BaseException], ...]:
    """What a hub call raises when the network or the request fails: ``OSError`` and
    ``ValueError``, and the HTTP client's own error class (``httpx2`` or ``httpx``, by the
    version of ``huggingface_hub``)."""
    found: list[type[BaseException]] = [OSError, ValueError]
    for name in ("httpx2", "httpx"):
        with contextlib.suppress(ImportError):
            found.append(importlib.import_module(name).HTTPError)
    return tuple(found)


def _check_reachable(endpoint: str) -> None:
    """Raise ``UnusableInput`` unless ``endpoint`` answers within ``CONNECT_TIMEOUT``."""
    from huggingface_hub.utils import get_session

    try:
        get_session().head(endpoint, timeout=CONNECT_TIMEOUT)
    except _transport_errors() as error:
        reason = _first_line(error)
        raise UnusableInput(f"cannot reach the Hugging Face hub at {endpoint}: {reason}") from None


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


def push_folder(folder: str | Path, plan: list[UploadItem], repo_id: str, *, private: bool) -> str:
    """Create (or reuse) the dataset repository ``repo_id`` and upload ``plan`` in one commit.

    Returns the commit's address. Raises ``UnusableInput`` without a token, when the hub
    cannot be reached, or when it refuses the request.
    """
    from huggingface_hub import CommitOperationAdd, HfApi, get_token

    token = get_token()
    if not token:
        raise UnusableInput("no Hugging Face token: set HF_TOKEN or log in with `hf auth login`")
    endpoint = _endpoint()
    _check_reachable(endpoint)
    api = HfApi(endpoint=endpoint, token=token)
    operations = [CommitOperationAdd(item.path, str(item.local)) for item in plan]
    try:
        api.create_repo(repo_id, repo_type="dataset", private=private, exist_ok=True)
        info = api.create_commit(
            repo_id,
            operations,
            commit_message=f"Upload {len(plan)} file(s) from {Path(folder).name}",
            repo_type="dataset",
        )
    except _transport_errors() as error:
        raise UnusableInput(
            f"{endpoint}: upload to {repo_id} failed: {_first_line(error)}"
        ) from None
    return str(info.commit_url)
