"""Word lists of the lexicon stance baseline: target keywords, stance cues and negators.

The cue lists follow the favor/against/neutral rules of ``annotation/GUIDELINES.md``
(R-ST-FAVOR, R-ST-AGAINST, R-ST-NEUTRAL): advocating, offering, pledging or declaring
readiness is favor; rejecting, threatening, calling pointless or framing negatively is
against; a negated rejection ("does not oppose") is acceptance without advocacy, neutral, and
declining one's own part ("will not deploy") is neutral too.
"""

from __future__ import annotations

import re

__all__ = [
    "ACTION",
    "AGAINST",
    "FAVOR",
    "NEGATORS",
    "TARGET_KEYWORDS",
    "label_keywords",
]

# Regular expressions (word starts) naming each inventory target, by target id.
TARGET_KEYWORDS: dict[str, tuple[str, ...]] = {
    "foreign-troops-in-ukraine": (
        r"troops?",
        r"forces?\b",
        r"international force",
        r"military presence",
        r"(their|foreign) presence",
        r"boots on the ground",
        r"peacekeep",
        r"deploy",
    ),
    "security-guarantees-for-ukraine": (r"security guarantees?", r"guarantees? of security"),
    "ukraine-nato-membership": (r"nato",),
    "ukraine-eu-membership": (r"eu\b", r"european union"),
    "putin-zelenskyy-meeting": (r"meet", r"talks\b", r"summit", r"host \w+ for", r"come\b"),
}

FAVOR = (
    r"ready",
    r"open to",
    r"pledg",
    r"offer",
    r"welcom",
    r"support",
    r"want",
    r"must\b",
    r"provid",
    r"host",
    r"push",
    r"call(s|ed)? for",
    r"agree",
    r"come\b",
    r"sense\b",
    r"point\b",
    r"need",
)
AGAINST = (
    r"oppos",
    r"reject",
    r"unnecessary",
    r"pointless",
    r"legitimate targets?",
    r"destr",
    r"attack",
    r"threat",
    r"warn",
    r"prevent",
    r"excessive",
    r"impossible",
    r"drawn into",
    r"reasons? for going to war",
    r"refus",
    r"never",
)
# Own-part actions: plain, they count for the target; negated, they only decline (neutral).
ACTION = (r"deploy", r"send", r"station")
NEGATORS = (r"not\b", r"n't\b", r"no\b", r"never\b", r"nobody\b", r"without\b", r"neither\b")


def label_keywords(label: str) -> tuple[str, ...]:
    """Keywords for a target missing from ``TARGET_KEYWORDS``: its label's longer words."""
    words = re.findall(r"[a-z]+", label.lower())
    return tuple(re.escape(w) for w in words if len(w) > 3 and w != "ukraine")
