"""Which tasks a prediction collection takes part in; the others are reported as not scored."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import partial
from itertools import chain
from operator import attrgetter, is_not

from quotebench.corpus import Document, Quote, Stance

from .columns import ANCHOR_MODE, CUE_MODES, Tasks
from .matching import QUOTE_MODES
from .speakers import SPEAKER_RULES
from .stance import STANCE_SETTINGS

__all__ = ["TASK_METRICS", "carried_tasks", "detect_tasks", "task_table", "tasks_carried"]

TASK_METRICS: dict[str, tuple[str, ...]] = {
    "quote": (*(f"quote.{m}" for m in QUOTE_MODES), "quote.token"),
    "cue": tuple(f"cue.{m}" for m in CUE_MODES),
    "source": tuple(f"source.{m}" for m in CUE_MODES),
    **{rule: (rule, f"quote+{rule}") for rule in SPEAKER_RULES},
    **{setting: (f"stance.{setting}",) for setting in STANCE_SETTINGS},
}

_quotes_of, _stances_of = attrgetter("quotes"), attrgetter("stances")
_cue_of, _source_of, _speaker_of, _quote_of = map(attrgetter, ("cue", "source", "speaker", "quote"))
_given = partial(is_not, None)


def carried_tasks(document: Document) -> set[str]:
    """The optional tasks a predicted document takes part in (see ``detect_tasks``)."""
    return _carried(document.quotes, document.stances)


def _carried(quotes: Sequence[Quote], stances: Sequence[Stance]) -> set[str]:
    """The optional tasks some of ``quotes`` or ``stances`` take part in (each search stops
    at the first that does)."""
    found = set()
    if any(map(_cue_of, quotes)):
        found.add("cue")
    if any(map(_given, map(_source_of, quotes))):
        found |= {"speaker_mention", "source"}
    if any(map(_given, map(_speaker_of, quotes))):
        found |= {"speaker_entity", "speaker_name"}
    if any(map(_given, map(_quote_of, stances))):
        found.add("end-to-end")
    return found


def detect_tasks(
    predictions: Iterable[Document], oracle_given: bool
) -> tuple[Tasks, dict[str, str]]:
    """The tasks to score, and why each other task is not scored.

    A task is scored when at least one predicted quote carries it (a cue, a source mention,
    a speaker), end-to-end stance when a predicted stance refers to a quote, and the oracle
    stance setting when oracle predictions are given.
    """
    documents = list(predictions)
    quotes = list(chain.from_iterable(map(_quotes_of, documents)))
    stances = list(chain.from_iterable(map(_stances_of, documents)))
    return tasks_carried(_carried(quotes, stances), oracle_given)


def tasks_carried(carried: set[str], oracle_given: bool) -> tuple[Tasks, dict[str, str]]:
    """``detect_tasks`` from the union of the predictions' ``carried_tasks`` (gathered while
    streaming)."""
    seen = carried | ({"oracle"} if oracle_given else set())
    reasons = {
        "cue": "the predictions carry no cue",
        "source": "the predictions give no source mention",
        "speaker_mention": "the predictions give no source mention",
        "speaker_entity": "the predictions give no speaker entity",
        "speaker_name": "the predictions give no speaker entity",
        "end-to-end": "the predictions hold no stance on a quote",
        "oracle": "no oracle stance predictions were given",
    }
    scored = frozenset(seen)
    return Tasks(scored | {"quote"}), {t: r for t, r in reasons.items() if t not in scored}


def task_table(tasks: Tasks, reasons: dict[str, str]) -> dict[str, dict[str, object]]:
    """The ``tasks`` block of results.json: scored or not (with the reason), and its metrics."""
    table: dict[str, dict[str, object]] = {}
    for task, metrics in TASK_METRICS.items():
        entry: dict[str, object] = {"scored": tasks.has(task), "metrics": list(metrics)}
        if task in reasons:
            entry["reason"] = reasons[task]
        if task in SPEAKER_RULES or task == "end-to-end":
            entry["matching"] = ANCHOR_MODE
        table[task] = entry
    return table
