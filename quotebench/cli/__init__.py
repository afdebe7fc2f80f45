"""The ``quotebench`` command line: one module per command, each thin over the Python API."""

from __future__ import annotations

from . import (  # noqa: F401  (register commands)
    agreement,
    annotate,
    benchmark,
    evaluate,
    export,
    extract,
    hf,
    import_brat,
    ingest,
    schema,
    show,
    stats,
    validate,
)
from .app import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``quotebench`` script: SIGTERM and SIGHUP end a command the way
    Ctrl-C does, through every output's clean-up."""
    from quotebench.corpus.output import raise_on_termination

    raise_on_termination()
    app()
