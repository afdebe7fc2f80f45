"""The options of ``llm.v1`` that ``extract`` and ``benchmark`` share, and its settings."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

__all__ = [
    "CacheDirOption",
    "EndpointOption",
    "KeyVariableOption",
    "OfflineOption",
    "TemperatureOption",
    "llm_settings",
]

EndpointOption = Annotated[
    str | None,
    typer.Option(help="llm.v1: the base URL of an OpenAI-compatible endpoint, e.g."
                 " http://127.0.0.1:8080/v1."),
]  # fmt: skip
KeyVariableOption = Annotated[
    str,
    typer.Option("--api-key-env", help="llm.v1: the environment variable holding the key."),
]
TemperatureOption = Annotated[
    float, typer.Option(min=0, max=2, help="llm.v1: the sampling temperature.")
]
CacheDirOption = Annotated[
    Path | None,
    typer.Option(help="llm.v1: where answers are kept (default $QUOTEBENCH_LLM_CACHE, else"
                 " $XDG_CACHE_HOME/quotebench/llm)."),
]  # fmt: skip
OfflineOption = Annotated[
    bool, typer.Option(help="llm.v1: answer from the cache only; a missing answer is an error.")
]


def llm_settings(
    model: str | None,
    endpoint: str | None,
    key_variable: str,
    temperature: float,
    cache_dir: Path | None,
    offline: bool,
) -> dict[str, Any]:
    """The settings ``llm.v1`` is built with."""
    return {
        "model": model,
        "endpoint": endpoint,
        "key_variable": key_variable,
        "temperature": temperature,
        "cache_dir": cache_dir,
        "offline": offline,
    }
