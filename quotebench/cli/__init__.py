"""The ``quotebench`` command line: one module per command, each thin over the Python API."""

from __future__ import annotations

from . import benchmark, ingest, schema, show, stats, validate  # noqa: F401  (register commands)
from .app import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``quotebench`` script."""
    app()
