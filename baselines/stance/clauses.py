"""Clauses of a quote's content, the targets each names and the stance its cues express."""

from __future__ import annotations

import re
from collections.abc import Sequence

from quotebench.corpus import Target

from .lexicon import ACTION, AGAINST, FAVOR, NEGATORS, TARGET_KEYWORDS, label_keywords

__all__ = ["NEGATION_WINDOW", "clause_label", "clauses", "targets_named"]

NEGATION_WINDOW = 4  # a negator scopes over the next few words of its clause
_BREAK = re.compile(r"[;:.!?]\s+|,\s+(?:but|while|and|whereas)\s+|\s+(?:but|while|whereas)\s+")
_CONCESSIVE = re.compile(r"(while|although|though|whereas|even if)\b", re.IGNORECASE)
_WORD = re.compile(r"[\w']+")
_CUES = {
    name: re.compile(rf"({'|'.join(words)})")
    for name, words in (("against", AGAINST), ("favor", FAVOR), ("action", ACTION))
}
# (cue kind, negated) -> the label it votes for
_VOTES = {
    ("against", False): "against",
    ("against", True): "neutral",
    ("favor", False): "favor",
    ("favor", True): "against",
    ("action", False): "favor",
    ("action", True): "neutral",
}


def clauses(text: str) -> list[str]:
    """Split at sentence ends, semicolons, colons and contrastive conjunctions; a clause
    opened by a concessive ("while X, Y") ends at its first comma."""
    out: list[str] = []
    for part in _BREAK.split(text):
        head, comma, rest = part.partition(", ")
        if comma and _CONCESSIVE.match(head.strip()):
            out += [head, rest]
        else:
            out.append(part)
    return [part.strip() for part in out if part.strip()]


def _any(patterns: Sequence[str], text: str) -> bool:
    return any(re.search(rf"\b{p}", text) for p in patterns)


def targets_named(clause: str, targets: Sequence[Target]) -> list[str]:
    """The ids of the targets whose keywords occur in ``clause``, in inventory order."""
    lowered = clause.lower()
    return [
        t.id for t in targets if _any(TARGET_KEYWORDS.get(t.id) or label_keywords(t.label), lowered)
    ]


def _negated(words: list[str], index: int) -> bool:
    before = " ".join(words[max(0, index - NEGATION_WINDOW) : index])
    return _any(NEGATORS, before)


def clause_label(clause: str) -> str:
    """favor, against or neutral from the clause's cue words and their negation.

    A negated favor cue counts against ("do not see any sense in"), a negated against cue
    is neutral ("does not oppose"), a negated own-part action is neutral ("will not deploy");
    more favor than against is favor, the reverse against, anything else neutral.
    """
    words = _WORD.findall(clause.lower().replace("n't", " n't"))
    votes = {"favor": 0, "against": 0, "neutral": 0}
    for index in range(len(words)):
        phrase = " ".join(words[index : index + 4])
        kind = next((k for k, cue in _CUES.items() if cue.match(phrase)), None)
        if kind is not None:
            votes[_VOTES[kind, _negated(words, index)]] += 1
    if votes["favor"] != votes["against"]:
        return "favor" if votes["favor"] > votes["against"] else "against"
    return "neutral"
