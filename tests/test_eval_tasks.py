"""Which tasks a prediction collection is scored on, and the reasons for the others."""

from __future__ import annotations

import pytest

from quotebench.corpus import Document, Quote, Span, load_gold
from quotebench.eval.synthetic import quotes_only
from quotebench.eval.tasks import TASK_METRICS, detect_tasks, task_table


def test_the_gold_takes_part_in_everything_but_the_oracle() -> None:
    tasks, reasons = detect_tasks(load_gold(), oracle_given=False)
    assert set(reasons) == {"oracle"}
    assert all(tasks.has(t) for t in TASK_METRICS if t != "oracle")


@pytest.mark.parametrize("oracle", [True, False])
def test_bare_quotes_are_scored_as_quotes_only(oracle: bool) -> None:
    tasks, reasons = detect_tasks(quotes_only(load_gold()), oracle_given=oracle)
    assert tasks.has("quote") and tasks.has("oracle") == oracle
    table = task_table(tasks, reasons)
    assert table["cue"] == {
        "scored": False,
        "metrics": ["cue.exact", "cue.overlap@0.3"],
        "reason": reasons["cue"],
    }
    assert table["speaker_entity"]["matching"] == "overlap@0.3"


def test_one_cue_anywhere_makes_cues_scored() -> None:
    text = "He said yes"
    quote = Quote(
        id="q",
        type="indirect",
        content=(Span(start=8, end=11, text="yes"),),
        cue=(Span(start=3, end=7, text="said"),),
    )
    tasks, _ = detect_tasks(
        [Document(id="a", text=text), Document(id="b", text=text, quotes=(quote,))], False
    )
    assert tasks.has("cue") and not tasks.has("speaker_mention")
