"""What every command shares: error reporting with exit codes, JSON output, document lookup."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path

import typer

from quotebench.corpus import Document, InvalidData, UnusableInput, load_gold, read_documents

__all__ = ["echo_json", "reporting", "select_documents"]

EXIT_INVALID = 1
EXIT_UNUSABLE = 2


@contextlib.contextmanager
def reporting() -> Iterator[None]:
    """Turn the toolkit's errors into one line each on stderr and the documented exit code."""
    try:
        yield
    except UnusableInput as error:
        typer.echo(f"error: {error}", err=True)
        raise typer.Exit(EXIT_UNUSABLE) from None
    except InvalidData as error:
        for problem in error.problems:
            typer.echo(str(problem), err=True)
        raise typer.Exit(EXIT_INVALID) from None


def echo_json(value: object) -> None:
    """Print ``value`` as indented JSON on stdout."""
    typer.echo(json.dumps(value, indent=2, ensure_ascii=False))


def select_documents(ref: str | None, doc_id: str | None = None) -> list[Document]:
    """Documents named by ``ref``: a collection file, else a document id in the gold corpus.

    ``doc_id`` narrows a file to one id. Raises ``UnusableInput`` when nothing matches.
    """
    if ref is not None and Path(ref).exists():
        documents, origin = read_documents(ref), ref
    else:
        documents, origin = load_gold(), "the gold corpus"
        doc_id = doc_id or ref
    if doc_id is not None:
        documents = [d for d in documents if d.id == doc_id]
    if not documents:
        wanted = f"document {doc_id!r}" if doc_id else "any document"
        raise UnusableInput(f"{origin} holds no {wanted}")
    return documents
