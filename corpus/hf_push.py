"""Uploading a built dataset folder to the Hugging Face hub with ``huggingface_hub``.

The token comes from ``HF_TOKEN`` or the cached login. Only the files ``hf build`` wrote (its
manifest) are uploaded, unchanged; text of unknown license is refused unless explicitly
allowed. The repository id is checked before any network call; an unreachable hub fails
within ``CONNECT_TIMEOUT`` seconds.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .output import MANIFEST, file_sha256, read_manifest
from .problems import UnusableInput

__all__ = [
    "CONNECT_TIMEOUT",
    "UploadItem",
    "UploadPlan",
    "card_license_of",
    "check_repo_id",
    "push_folder",
    "upload_plan",
]

CONNECT_TIMEOUT = 10.0
_REPO_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*")


@dataclass(frozen=True)
class UploadItem:
    """One file to upload: its path in the repository, its size in bytes, the local file."""

    path: str
    size: int
    local: Path


@dataclass(frozen=True)
class UploadPlan:
    """What an upload would send (exactly the files ``hf build`` wrote, unchanged) and what
    it refuses, one reason per line; a plan with refusals uploads nothing."""

    items: tuple[UploadItem, ...]
    refused: tuple[str, ...]


def check_repo_id(repo_id: str) -> str:
    """``repo_id`` when it has the hub's form ``owner/name``; raises ``UnusableInput``."""
    from huggingface_hub.utils import HFValidationError, validate_repo_id

    try:
        validate_repo_id(repo_id)
    except HFValidationError as error:
        raise UnusableInput(f"--repo-id {repo_id!r}: {str(error).splitlines()[0]}") from None
    if not _REPO_ID.fullmatch(repo_id):
        raise UnusableInput(f"--repo-id {repo_id!r}: expected owner/name, e.g. user/quotebench")
    return repo_id


def card_license_of(folder: str | Path) -> str | None:
    """The ``license`` in the YAML metadata of ``folder/README.md`` (``None`` when absent).

    Raises ``UnusableInput`` when the folder holds no dataset card.
    """
    from huggingface_hub import DatasetCard

    card_path = Path(folder) / "README.md"
    if not card_path.is_file():
        raise UnusableInput(f"{folder}: no README.md: not a dataset folder (run `hf build`)")
    text = card_path.read_text(encoding="utf-8", errors="replace")
    if not text.startswith("---\n"):
        return None  # no metadata block, so no license
    value = DatasetCard(text).data.license
    return str(value) if value else None


def _manifest_refusals(root: Path, listed: dict[str, dict[str, object]]) -> list[str]:
    present = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}
    present.discard(MANIFEST)
    refused = [f"{name}: not written by `hf build`" for name in sorted(present - set(listed))]
    refused += [
        f"{name}: written by `hf build`, now missing" for name in sorted(set(listed) - present)
    ]
    refused += [
        f"{name}: changed since `hf build` (rebuild the folder)"
        for name in sorted(present & set(listed))
        if file_sha256(root / name) != listed[name].get("sha256")
    ]
    return refused


def upload_plan(folder: str | Path, *, allow_unknown_license: bool = False) -> UploadPlan:
    """Exactly the files ``hf build`` wrote into ``folder`` (its manifest), and every reason
    to refuse the upload: a file it did not write, changed or missing, and text whose
    license is unknown unless ``allow_unknown_license``.

    Raises ``UnusableInput`` when ``folder`` is no folder ``hf build`` wrote.
    """
    root = Path(folder)
    listed = read_manifest(root)
    if listed is None or not root.is_dir():
        raise UnusableInput(f"{root}: not a dataset folder written by `quotebench hf build`")
    refused = _manifest_refusals(root, listed)
    license_id = card_license_of(root)
    if license_id in (None, "unknown") and not allow_unknown_license:
        refused.append(
            "the text's license is unknown: refusing to upload it"
            " (pass --allow-unknown-license once you may redistribute it)"
        )
    items = tuple(
        UploadItem(name, (root / name).stat().st_size, root / name)
        for name in sorted(listed)
        if (root / name).is_file()
    )
    return UploadPlan(items, tuple(refused))


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


def push_folder(folder: str | Path, plan: UploadPlan, repo_id: str, *, private: bool) -> str:
    """Create (or reuse) the dataset repository ``repo_id`` and upload ``plan`` in one commit.

    Returns the commit's address. Raises ``UnusableInput`` for a plan with refusals, a
    repository id of the wrong form, without a token, when the hub cannot be reached, or
    when it refuses the request.
    """
    from huggingface_hub import CommitOperationAdd, HfApi, get_token

    check_repo_id(repo_id)
    if plan.refused:
        raise UnusableInput(f"{folder}: upload refused: " + "; ".join(plan.refused))
    token = get_token()
    if not token:
        raise UnusableInput("no Hugging Face token: set HF_TOKEN or log in with `hf auth login`")
    endpoint = _endpoint()
    _check_reachable(endpoint)
    api = HfApi(endpoint=endpoint, token=token)
    operations = [CommitOperationAdd(item.path, str(item.local)) for item in plan.items]
    try:
        api.create_repo(repo_id, repo_type="dataset", private=private, exist_ok=True)
        info = api.create_commit(
            repo_id,
            operations,
            commit_message=f"Upload {len(plan.items)} file(s) from {Path(folder).name}",
            repo_type="dataset",
        )
    except _transport_errors() as error:
        raise UnusableInput(
            f"{endpoint}: upload to {repo_id} failed: {_first_line(error)}"
        ) from None
    return str(info.commit_url)
