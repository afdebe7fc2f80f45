"""Token features for the learned extractor: the word, its parse, the quotation marks around
it and its path to the nearest reporting word, some of them taken together, with the same
for its neighbours."""

from __future__ import annotations

from typing import Any

from quotebench.baselines.common.marks import Quoted
from quotebench.baselines.dependency.lexicon import (
    ATTITUDE_VERBS,
    COMMISSIVE_VERBS,
    SOURCE_NOUNS,
    SPEECH_NOUNS,
    SPEECH_VERBS,
)

__all__ = ["block_features", "quote_states"]

_CUES = SPEECH_VERBS | COMMISSIVE_VERBS | ATTITUDE_VERBS | SPEECH_NOUNS
_WINDOW = (-3, -2, -1, 1, 2, 3)
_MAX_HOPS = 8


def quote_states(quoted: list[Quoted], length: int) -> bytearray:
    """Per character of the text: 0 outside quotation marks, 1 inside, 2 on a mark."""
    states = bytearray(length)
    for q in quoted:
        if q.nested:
            continue
        for start, end in q.pieces:
            states[start:end] = b"\x01" * (end - start)
        states[q.outer[0]] = 2
        if q.closed:
            states[q.outer[1] - 1] = 2
    return states


def _reporting(token: Any) -> tuple[str, Any, int]:
    """The nearest reporting ancestor of ``token``: its lemma, the child on the path to it
    (the head of the clause or phrase the token is in), and the number of hops."""
    node, child, hops = token, None, 0
    while hops <= _MAX_HOPS:
        if node.lemma_.lower() in _CUES and child is not None:
            return node.lemma_.lower(), child, hops
        if node.head is node:
            break
        node, child, hops = node.head, node, hops + 1
    return "", None, 0


def _edge(token: Any, child: Any) -> str:
    """Whether ``token`` begins or ends the phrase headed by ``child``."""
    if child is None:
        return ""
    return ("first" if token.i == child.left_edge.i else "") + (
        "last" if token.i == child.right_edge.i else ""
    )


def _cue_lemma(token: Any) -> str:
    """The token's lemma if it is a cue word, else ''."""
    lemma = token.lemma_.lower()
    return lemma if lemma in _CUES else ""


def _own(
    token: Any, states: bytearray, offset: int, root: str, cue_at: list[int]
) -> dict[str, Any]:
    """The token's own features; ``root`` and ``cue_at`` are its sentence's root cue lemma
    and cue word positions."""
    lower = token.lower_
    cue, child, hops = _reporting(token)
    lemma = token.lemma_.lower()
    return {
        "w": lower,
        "suf": lower[-3:],
        "shape": token.shape_[:4],
        "pos": token.pos_,
        "tag": token.tag_,
        "dep": token.dep_,
        "ent": token.ent_type_,
        "q": str(states[offset + token.idx]),
        "lex": lemma in _CUES,
        "src": lemma in SOURCE_NOUNS,
        "hd": _cue_lemma(token.head) or token.head.pos_,
        "hdep": token.head.dep_,
        "cue": cue,
        "rel": child.dep_ if child is not None else "",
        "edge": _edge(token, child),
        "hops": str(min(hops, 4)),
        "root": root,
        "bos": token.is_sent_start,
        "eos": token.is_sent_end,
        "ledge": token.left_edge.i == token.i,
        "redge": token.right_edge.i == token.i,
        "side": _side(token, cue_at),
    }


def _side(token: Any, cue_at: list[int]) -> str:
    """Where the nearest cue word of the sentence lies: left, right, or none."""
    if not cue_at:
        return "none"
    nearest = min(cue_at, key=lambda i: abs(i - token.i))
    return "self" if nearest == token.i else ("left" if nearest < token.i else "right")


_NEIGHBOUR_KEYS = ("w", "pos", "dep", "q", "lex", "rel", "side", "edge")
_CONJOINED = (
    ("cue", "rel"),
    ("q", "dep"),
    ("rel", "edge", "side"),
    ("cue", "rel", "edge"),
    ("dep", "hdep"),
    ("lex", "side", "q"),
)  # features of the token taken together
_PAIRED = ("w", "q")  # taken together with the token before, and with the one after


def block_features(doc: Any, offset: int, states: bytearray) -> list[dict[str, Any]]:
    """The features of every token of one parsed block starting at ``offset``."""
    own = []
    for sent in doc.sents:  # what a sentence gives its tokens, computed once
        root, cue_at = _cue_lemma(sent.root), [t.i for t in sent if _cue_lemma(t)]
        own += [_own(token, states, offset, root, cue_at) for token in sent]
    features = []
    for i, mine in enumerate(own):
        row = dict(mine)
        row.update({"|".join(keys): "|".join(str(mine[k]) for k in keys) for keys in _CONJOINED})
        for k, j in ((-1, i - 1), (1, i + 1)):
            if 0 <= j < len(own):
                row.update({f"{key}{k}|{key}": f"{own[j][key]}|{mine[key]}" for key in _PAIRED})
        for k in _WINDOW:
            j = i + k
            if 0 <= j < len(own):
                row.update({f"{k}{key}": own[j][key] for key in _NEIGHBOUR_KEYS})
            else:
                row[f"{k}edge"] = True
        features.append(row)
    return features
