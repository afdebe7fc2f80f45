"""The ``quotebench`` command line: one module per command, each thin over the Python API."""

from __future__ import annotations

import os
import sys

from . import (  # noqa: F401  (register commands)
    agreement,
    align,
    annotate,
    benchmark,
    evaluate,
    export,
    extract,
    hf,
    import_brat,
    import_seesaw,
    ingest,
    schema,
    show,
    stats,
    train,
    validate,
)
from .app import app

__all__ = ["app", "main"]


def main() -> None:
    """Entry point of the ``quotebench`` script: SIGINT, SIGTERM and SIGHUP end a command
    through every output's clean-up, then the process at once (a worker's queue left full
    would otherwise hold the interpreter's exit)."""
    from quotebench.corpus.output import interrupted, raise_on_termination

    raise_on_termination()
    try:
        app()
    except SystemExit as done:
        if interrupted():
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(done.code if isinstance(done.code, int) else 1)
        raise
