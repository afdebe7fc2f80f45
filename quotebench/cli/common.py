"""What every command shares: error reporting with exit codes, JSON output, document lookup."""

from __future__ import annotations

import contextlib
import json
import signal
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated

import typer

from quotebench.corpus import (
    Document,
    InvalidData,
    Target,
    UnusableInput,
    load_documents,
    load_gold,
)

__all__ = [
    "EXIT_INVALID",
    "EXIT_UNUSABLE",
    "ModelOption",
    "OverwriteOption",
    "TargetsOption",
    "echo_json",
    "reporting",
    "select_documents",
]

EXIT_INVALID = 1
EXIT_UNUSABLE = 2

ModelOption = Annotated[
    Path | None,
    typer.Option(help="The model folder of a trained extractor (learned.v1; default: its"
                 " documented location)."),
]  # fmt: skip
TargetsOption = Annotated[
    Path | None,
    typer.Option(
        help="Stance-target inventory: a JSON array of {id, label, description}"
        " (default: the packaged one, the seed's targets)."
    ),
]
OverwriteOption = Annotated[
    bool,
    typer.Option(help="Replace an existing folder that quotebench did not write, whole."),
]


@contextlib.contextmanager
def reporting() -> Iterator[None]:
    """Turn the toolkit's errors into one line each on stderr and the documented exit code;
    an interruption (SIGINT, SIGTERM) into one line and the shell's 128 + signal number."""
    try:
        yield
    except UnusableInput as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(EXIT_UNUSABLE) from None
    except InvalidData as error:
        for problem in error.problems:
            typer.echo(str(problem), err=True)
        raise typer.Exit(EXIT_INVALID) from None
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        typer.echo(f"error: {where}{error.strerror or error}", err=True)
        raise typer.Exit(EXIT_UNUSABLE) from None
    except KeyboardInterrupt as error:
        signum = getattr(error, "signum", signal.SIGINT)
        name = signal.Signals(signum).name
        typer.echo(f"error: interrupted ({name}); no output was changed", err=True)
        raise typer.Exit(128 + signum) from None


def echo_json(value: object) -> None:
    """Print ``value`` as indented JSON on stdout."""
    typer.echo(json.dumps(value, indent=2, ensure_ascii=False))


def select_documents(
    ref: str | None, doc_id: str | None = None, targets: Sequence[Target] | None = None
) -> list[Document]:
    """Documents named by ``ref``: a collection file (checked as ``validate`` checks it; a
    ref ending in ``.jsonl`` or holding a ``/`` is always a file), else a document id in the
    gold corpus.

    ``doc_id`` narrows a file to one id. Raises ``UnusableInput`` when nothing matches,
    ``InvalidData`` when the file breaks the data model.
    """
    if ref is not None and (Path(ref).exists() or ref.endswith(".jsonl") or "/" in ref):
        documents, origin = load_documents(ref, targets), ref
    else:
        documents, origin = load_gold(), "the gold corpus"
        doc_id = doc_id or ref
    if doc_id is not None:
        documents = [d for d in documents if d.id == doc_id]
    if not documents:
        wanted = f"document {doc_id!r}" if doc_id else "any document"
        raise UnusableInput(f"{origin} holds no {wanted}")
    return documents
