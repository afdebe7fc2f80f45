"""Scoring predictions under the gold's convention: ``reconcile`` reads both collections'
conventions and refuses, projects (``corpus.projection``) or warns, and says which in the
``conventions`` block of results.json."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from quotebench.corpus import Collection, InvalidData, Problem, UnusableInput
from quotebench.corpus.conventions import Convention, get_convention
from quotebench.corpus.projection import ProjectionUndefined, project, projection_steps

__all__ = ["Plan", "convention_plan", "named_convention", "reconcile"]


def named_convention(
    entries: Iterable[tuple[str, int, str, str | None]], given: str | None, role: str
) -> str | None:
    """The one convention a collection's documents name (``given`` when they name none);
    ``entries`` are each document's ``(file, line, id, convention)``.

    Raises ``InvalidData`` for documents naming two conventions, or another than ``given``.
    """
    if given is not None:
        get_convention(given)
    expected = given
    for name, line, doc_id, named in entries:
        if named is None or named == expected:
            continue
        if expected is None:
            expected = named
            continue
        message = (
            f"follows {named}, not the given {role} convention {given}" if given
            else f"the {role} mixes conventions ({expected}, {named}): one per collection"
        )  # fmt: skip
        raise InvalidData([Problem(name, line, doc_id, "annotation.convention", message)])
    return expected


def _entries(collection: Collection) -> Iterator[tuple[str, int, str, str | None]]:
    """The first document naming each convention (or none), in order: ``named_convention``
    stops at the first of them that conflicts."""
    named = [d.annotation.convention for d in collection.documents]
    for convention in dict.fromkeys(named):
        k = named.index(convention)
        yield collection.name, collection.lines[k], collection.documents[k].id, convention


Plan = tuple[Convention, Convention] | None  # predictions' convention -> the gold's, to project


def convention_plan(
    g: str | None, p: str | None, *, project_predictions: bool, allow_mismatch: bool
) -> tuple[Plan, dict[str, object]]:
    """What to do with predictions under ``p`` against a gold under ``g``: the projection to
    apply (``None``: score as they are) and the ``conventions`` block of results.json.

    Raises ``UnusableInput`` for a mismatch neither projected nor allowed, or a projection
    that is not defined.
    """
    block: dict[str, object] = {"gold": g, "predictions": p, "projection": None, "warning": None}
    if g is None or p is None:
        side = "the gold" if g is None else "the predictions"
        block["warning"] = (
            f"{side} name no convention: scored as they are, without knowing whether they"
            " follow the same rules (see annotation/CONVENTIONS.md)"
        )
        return None, block
    if g == p:
        return None, block
    if project_predictions:
        source, target = get_convention(p), get_convention(g)
        try:
            steps = projection_steps(source, target)
        except ProjectionUndefined as error:
            raise UnusableInput(f"cannot project {p} onto {g}: {error}") from None
        block["projection"] = {"from": p, "to": g, "steps": steps}
        return (source, target), block
    if not allow_mismatch:
        raise UnusableInput(
            f"the predictions follow {p}, the gold {g}: pass --project to map them onto {g}"
            " (annotation/CONVENTIONS.md), or --allow-convention-mismatch to score them as"
            " they are"
        )
    block["warning"] = f"the predictions follow {p}, the gold {g}: scored as they are"
    return None, block


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
    g = named_convention(_entries(gold), gold_convention, "gold")
    p = named_convention(_entries(pred), pred_convention, "predictions")
    plan, block = convention_plan(
        g, p, project_predictions=project_predictions, allow_mismatch=allow_mismatch
    )
    if plan is None:
        return pred, block
    documents, _ = project(pred.documents, *plan)
    return Collection(pred.name, tuple(documents), pred.lines), block
