"""Answers kept on disk, keyed by what determines them, so a rerun is identical and offline.

The key is the sha256 of the canonical JSON of: the model name asked for, the prompt's name
and sha256, the request parameters and the sha256 of the text sent. One JSON file per
answer, under the first two hex digits of its key, written atomically. The default folder
is ``$QUOTEBENCH_LLM_CACHE``, else ``$XDG_CACHE_HOME/quotebench/llm`` (``~/.cache`` when
that is unset).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

__all__ = ["ResponseCache", "cache_key", "default_cache_dir"]


def default_cache_dir() -> Path:
    """Where answers are kept unless a folder is named."""
    named = os.environ.get("QUOTEBENCH_LLM_CACHE")
    if named:
        return Path(named)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "quotebench" / "llm"


def cache_key(parts: dict[str, Any]) -> str:
    """The sha256 of ``parts`` as canonical JSON (sorted keys, no spaces)."""
    canonical = json.dumps(parts, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class ResponseCache:
    """A folder of answers by key; an unreadable entry reads as absent (and is replaced)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or default_cache_dir()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        """The answer kept under ``key``, or ``None``."""
        try:
            value = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return value if isinstance(value, dict) else None

    def put(self, key: str, value: dict[str, Any]) -> None:
        """Keep ``value`` under ``key``, atomically."""
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(value, out, ensure_ascii=False, sort_keys=True)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
