"""How often each of ``dependency.v2``'s rules is right, per convention: a quote's score.

A quote's score estimates its precision: the share of the quotes its rule (and quote type)
found on development data that match a gold quote at overlap@0.3, one to one. The table is
measured by ``python benchmarks/rule_precision.py`` (``ggt.v1`` on the GenderGapTracker
dev half, ``polnear.v1`` on PolNeAR train, ``quotebench.v1`` on the GenderGapTracker dev
half too, the nearest speech-only corpus, as the seed is one article); a rule seen fewer
than 10 times there falls back to its rule, then to ``*``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["PRECISION", "rule_key"]


def rule_key(draft: Any) -> str:
    """``rule/type``: what found a draft, and the type of quote it is."""
    return f"{draft.rule}/{draft.kind}"


PRECISION: dict[str, dict[str, float]] = {
    # measured: quotebench.v1 on ggt-dev: 686 quotes
    "quotebench.v1": {
        "*": 0.794,
        "according": 0.929,
        "according/indirect": 0.923,
        "cue-less": 0.982,
        "cue-less/direct": 0.982,
        "linked": 0.75,
        "linked/direct": 0.75,
        "noun": 0.1,
        "noun/indirect": 0.1,
        "speech": 0.797,
        "speech/direct": 0.983,
        "speech/indirect": 0.675,
        "speech/mixed": 0.914,
    },
    # measured: polnear.v1 on polnear-train: 15854 quotes
    "polnear.v1": {
        "*": 0.766,
        "according": 0.884,
        "according/direct": 0.667,
        "according/indirect": 0.879,
        "according/mixed": 0.978,
        "attitude": 0.693,
        "attitude/indirect": 0.689,
        "attitude/mixed": 0.745,
        "colon": 0.569,
        "colon/direct": 0.667,
        "colon/indirect": 0.381,
        "cue-less": 0.634,
        "cue-less/direct": 0.634,
        "linked": 0.845,
        "linked/direct": 0.845,
        "noun": 0.581,
        "noun/indirect": 0.577,
        "noun/mixed": 0.595,
        "object": 0.64,
        "object/indirect": 0.606,
        "object/mixed": 0.859,
        "pull-quote": 0.6,
        "pull-quote/indirect": 0.6,
        "reporting": 0.389,
        "reporting/indirect": 0.366,
        "reporting/mixed": 0.615,
        "speaker-line": 0.71,
        "speaker-line/indirect": 0.726,
        "speech": 0.816,
        "speech/direct": 0.956,
        "speech/indirect": 0.713,
        "speech/mixed": 0.895,
    },
    # measured: ggt.v1 on ggt-dev: 684 quotes
    "ggt.v1": {
        "*": 0.901,
        "according": 0.914,
        "according/indirect": 0.903,
        "cue-less": 0.982,
        "cue-less/direct": 0.982,
        "linked": 0.806,
        "linked/direct": 0.806,
        "speech": 0.916,
        "speech/direct": 0.987,
        "speech/indirect": 0.843,
        "speech/mixed": 0.943,
    },
}
