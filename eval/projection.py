"""Scoring predictions under the gold's convention: ``reconcile`` reads both collections'
conventions and refuses, projects (``corpus.projection``) or warns, and says which in the
``conventions`` block of results.json."""

from __future__ import annotations

from quotebench.corpus import Collection, InvalidData, Problem, UnusableInput
from quotebench.corpus.conventions import get_convention
from quotebench.corpus.projection import ProjectionUndefined, project

__all__ = ["reconcile"]


def _named(collection: Collection, given: str | None, role: str) -> str | None:
    """The one convention a collection's documents name (``given`` when they name none).

    Raises ``InvalidData`` for documents naming two conventions, or another than ``given``.
    """
    if given is not None:
        get_convention(given)
    expected = given
    for line, document in collection.entries():
        named = document.annotation.convention
        if named is None or named == expected:
            continue
        if expected is None:
            expected = named
            continue
        message = (
            f"follows {named}, not the given {role} convention {given}" if given
            else f"the {role} mixes conventions ({expected}, {named}): one per collection"
        )  # fmt: skip
        problem = Problem(collection.name, line, document.id, "annotation.convention", message)
        raise InvalidData([problem])
    return expected


def reconcile(
    gold: Collection,
    pred: Collection,
    *,
    gold_convention: str | None = None,
    pred_convention: str | None = None,
    project_predictions: bool = False,
    allow_mismatch: bool = False,
) -> tuple[Collection, dict[str, object]]:
    """The predictions to score and the ``conventions`` block of results.json.

    Both collections' conventions are read from their documents (or given, for collections
    that name none). Predictions under another convention than the gold's are refused
    (``UnusableInput``) unless ``project_predictions`` (mapped onto the gold's, see
    ``project``) or ``allow_mismatch`` (scored as they are); an unnamed side is a warning.
    """
    g = _named(gold, gold_convention, "gold")
    p = _named(pred, pred_convention, "predictions")
    block: dict[str, object] = {"gold": g, "predictions": p, "projection": None, "warning": None}
    if g is None or p is None:
        side = "the gold" if g is None else "the predictions"
        block["warning"] = (
            f"{side} name no convention: scored as they are, without knowing whether they"
            " follow the same rules (see annotation/CONVENTIONS.md)"
        )
        return pred, block
    if g == p:
        return pred, block
    if project_predictions:
        try:
            documents, steps = project(pred.documents, get_convention(p), get_convention(g))
        except ProjectionUndefined as error:
            raise UnusableInput(f"cannot project {p} onto {g}: {error}") from None
        block["projection"] = {"from": p, "to": g, "steps": steps}
        return Collection(pred.name, tuple(documents), pred.lines), block
    if not allow_mismatch:
        raise UnusableInput(
            f"the predictions follow {p}, the gold {g}: pass --project to map them onto {g}"
            " (annotation/CONVENTIONS.md), or --allow-convention-mismatch to score them as"
            " they are"
        )
    block["warning"] = f"the predictions follow {p}, the gold {g}: scored as they are"
    return pred, block
