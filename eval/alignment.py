"""Pair prediction documents with gold documents, reporting what cannot be paired."""

from __future__ import annotations

from quotebench.corpus import Collection, Document, Problem

__all__ = ["Collection", "align", "mismatch"]


def _gold_index(gold: Collection) -> tuple[dict[str, Document], list[Problem]]:
    index: dict[str, Document] = {}
    problems: list[Problem] = []
    for line, document in gold.entries():
        if document.id in index:
            problems.append(
                Problem(gold.name, line, document.id, "id", "the gold holds this document id twice")
            )
            continue
        index[document.id] = document
    return index, problems


def align(
    gold: Collection, pred: Collection
) -> tuple[dict[str, Document], dict[str, Document], list[Problem]]:
    """Gold and predicted documents by id, and every problem (each with file and line).

    A prediction for an unknown document, with a different text, or repeated is a problem
    and is left out; a gold document without prediction is scored against nothing.
    """
    gold_by_id, problems = _gold_index(gold)
    pred_by_id: dict[str, Document] = {}
    for line, document in pred.entries():
        message = mismatch(gold_by_id.get(document.id), document, document.id in pred_by_id)
        if message is not None:
            field = "text" if message.startswith("the text") else "id"
            problems.append(Problem(pred.name, line, document.id, field, message))
            continue
        pred_by_id[document.id] = document
    return gold_by_id, pred_by_id, problems


def mismatch(gold: Document | None, pred: Document, repeated: bool) -> str | None:
    """Why ``pred`` cannot be scored against ``gold``, or ``None`` when it can."""
    if gold is None:
        return "no gold document has this id"
    if repeated:
        return "this document is predicted twice"
    if gold.text != pred.text:
        at = next(
            (k for k, (a, b) in enumerate(zip(gold.text, pred.text, strict=False)) if a != b),
            min(len(gold.text), len(pred.text)),
        )
        return f"the text differs from the gold's from character {at}"
    return None
