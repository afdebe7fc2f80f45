"""Turning cue candidates and quotation-mark stretches into the quotes of one document.

A candidate whose content is (mostly) a quoted stretch is a direct quote with the stretch's
pieces as content; one whose content holds a quoted stretch after its start is mixed; the
rest are indirect. Quoted stretches no candidate took are linked to a speech verb through
the parse or next to them, else continue the direct quote before them in their paragraph,
else stand as a cue-less quote when they read as sentences, else are scare quotes
(R-NQ-SCARE). Short verbless verbatim phrases ('called it "a disgrace"') are dropped.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from dataclasses import dataclass
from typing import Any

from quotebench.baselines.common.index import TextIndex
from quotebench.baselines.common.marks import Quoted
from quotebench.baselines.common.spans import content_span

from .lexicon import SPEECH_VERBS
from .rules import Candidate, subject_of, verb_group

__all__ = ["SCARE_REASON", "Draft", "drafts_for", "nest"]

SCARE_REASON = "R-NQ-SCARE: quotation marks with no cue that do not read as a sentence"
_LINK_DEPS = frozenset({"ccomp", "parataxis", "xcomp", "advcl", "conj", "dobj", "oprd", "ROOT"})
_SENTENCE_END = ".!?:\u2014,"


@dataclass(eq=False)
class Draft:
    """A quote being assembled: content ranges, cue tokens, speaker token, nesting."""

    kind: str
    pieces: list[tuple[int, int]]
    cue: list[Any]
    subject: Any
    offset: int
    score: float
    position: int
    parent: Draft | None = None
    rule: str = ""  # what found it, for dependency.v2's estimate of its precision

    @property
    def extent(self) -> tuple[int, int]:
        """From the first content character to the last."""
        return self.pieces[0][0], self.pieces[-1][1]

    def segments(self, text: str) -> list[Any]:
        """The content as data-model spans (R-Q-DIRECT-2, R-Q-INDIRECT-2, R-Q-MIXED-2)."""
        spans = []
        for start, end in self.pieces:
            closes = text[end - 1] in "\"\u201d'\u2019"
            span = content_span(text, start, end, final_stop=self.kind == "direct" or closes)
            if span is not None:
                spans.append(span)
        return spans


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _draft(kind: str, pieces: list[tuple[int, int]], candidate: Candidate) -> Draft:
    return Draft(
        kind,
        pieces,
        candidate.cue,
        candidate.subject,
        candidate.offset,
        candidate.score,
        candidate.position,
        rule=candidate.rule or candidate.kind,
    )


def _classify(candidate: Candidate, index: TextIndex, used: set[int]) -> Draft:
    start, end = candidate.content
    around = index.inside(candidate.position)
    if candidate.kind == "colon" and around:
        end = min(end, *(b for q in around for a, b in q.pieces if a <= candidate.position < b))
    others = [q for q in index.near(candidate.position) if q not in around]
    for q in others:
        opens = candidate.kind == "colon" and q.outer[0] <= start + 2 < q.outer[1]
        covered = _overlap(q.outer, (start, end))
        if opens or (covered >= 0.6 * (end - start) and start >= q.outer[0] - 3):
            used.add(id(q))
            return _draft("direct", list(q.pieces), candidate)
    kind = "direct" if candidate.kind == "colon" and around else "indirect"
    for q in others:
        if start < q.outer[0] - 3 and q.outer[0] < end:
            used.add(id(q))
            kind, end = "mixed", max(end, q.outer[1])
    return _draft(kind, [(start, end)], candidate)


def _speech_verb(token: Any, q: Quoted, offset: int) -> bool:
    return (
        token.pos_ == "VERB"
        and token.lemma_ in SPEECH_VERBS
        and not q.outer[0] <= offset + token.idx < q.outer[1]
    )


def _linked_cue(index: TextIndex, q: Quoted) -> tuple[int, Any] | None:
    """The speech verb a quoted stretch hangs on (or that hangs on it), if any."""
    inside = index.tokens(*q.outer)
    for offset, token in inside:
        node = token
        for _ in range(3):
            if _speech_verb(node, q, offset):
                return offset, node
            if node.dep_ not in _LINK_DEPS or node.head is node:
                break
            node = node.head
        for child in token.children:
            linked = child.dep_ in ("parataxis", "advcl", "ccomp", "conj")
            if linked and _speech_verb(child, q, offset):
                return offset, child
    return _adjacent_cue(inside, q)


def _adjacent_cue(inside: list[tuple[int, Any]], q: Quoted) -> tuple[int, Any] | None:
    if not inside:
        return None
    (first_offset, first), (last_offset, last) = inside[0], inside[-1]
    for token in last.doc[last.i + 1 : last.i + 7]:
        if _speech_verb(token, q, last_offset):
            return last_offset, token
    for token in reversed(first.doc[max(0, first.i - 5) : first.i]):
        if _speech_verb(token, q, first_offset):
            return first_offset, token
    return None


def _sentence_like(text: str, q: Quoted) -> bool:
    words = sum(len(text[a:b].split()) for a, b in q.pieces)
    before = text[: q.outer[0]].rstrip(" \t\"'\u201c")
    starts = not before or before.endswith("\n") or before[-1] in _SENTENCE_END
    return words >= 5 and (starts or words >= 12)


def _previous_direct(text: str, q: Quoted, directs: list[Draft]) -> Draft | None:
    """The direct quote just before ``q`` in its paragraph, which a cue-less stretch
    continues (R-Q-DIRECT-3: a new pair of marks without a new cue is the same quote)."""
    before = [d for d in _before(directs, q.outer[0]) if d.cue and d.extent[1] <= q.outer[0]]
    if not before:
        return None
    last = max(before, key=lambda d: d.extent[1])
    between = text[last.extent[1] : q.outer[0]]
    return last if "\n" not in between and len(between) < 200 else None


def _leftover(text: str, index: TextIndex, q: Quoted, directs: list[Draft]) -> Draft | None:
    """The draft a quoted stretch no candidate took belongs to (maybe an existing one), or
    ``None`` for a scare quote."""
    linked = _linked_cue(index, q)
    if linked is not None:
        offset, verb = linked
        for draft in _before(directs, q.outer[1]):
            if draft.cue and draft.cue[-1].i == verb.i and draft.cue[-1].doc is verb.doc:
                draft.pieces = sorted([*draft.pieces, *q.pieces])
                return draft
        group = verb_group(verb)
        return Draft(
            "direct", list(q.pieces), group, subject_of(verb), offset, 0.7, offset + verb.idx,
            rule="linked",
        )  # fmt: skip
    previous = _previous_direct(text, q, directs)
    if previous is not None:
        previous.pieces = sorted([*previous.pieces, *q.pieces])
        return previous
    if _sentence_like(text, q):
        offset, subject = _neighbour_speaker(index, q) or (0, None)
        return Draft(
            "direct", list(q.pieces), [], subject, offset, 0.4, q.outer[0], rule="cue-less"
        )
    return None


def _person_subject(index: TextIndex, offset: int, sentence: Any) -> Any:
    """The sentence's main subject when it names a person (a PERSON entity, or a capitalised
    singular noun the entity recogniser left unlabelled) or is "he"/"she", outside quotes."""
    for token in sentence:
        unlabelled = token.ent_type_ == "" and token.tag_ in ("NNP", "NN") and token.is_title
        named = token.ent_type_ == "PERSON" or unlabelled
        person = named or token.lower_ in ("he", "she")
        main = token.dep_ == "nsubj" and token.head.i == sentence.root.i
        if person and main and not index.inside(offset + token.idx):
            return token
    return None


def _neighbour_speaker(index: TextIndex, q: Quoted) -> tuple[int, Any] | None:
    """A cue-less quote's speaker given in a neighbouring sentence: the person subject of the
    sentence just before the quoted stretch, else of the sentence just after it (a sentence
    is placed by its root, as the parser may attach a line break or a mark to either side)."""
    start, end = q.outer
    before = [
        (offset, s)
        for offset, doc in index.blocks(max(0, start - 600), start)
        for s in doc.sents
        if offset + s.root.idx < start
    ]
    after = [
        (offset, s)
        for offset, doc in index.blocks(end, end + 600)
        for s in doc.sents
        if offset + s.root.idx >= end
    ]
    for offset, sentence in [*before[-1:], *after[:1]]:
        subject = _person_subject(index, offset, sentence)
        if subject is not None:
            return offset, subject
    return None


def _fragment(text: str, index: TextIndex, draft: Draft) -> bool:
    """A short verbatim phrase without a verb ('called Trump "unhinged"'): words mentioned,
    not a statement reported."""
    if draft.kind != "direct" or sum(len(text[a:b].split()) for a, b in draft.pieces) >= 5:
        return False
    return not any(t.pos_ in ("VERB", "AUX") for _, t in index.tokens(*draft.extent))


def _plausible_subject(draft: Draft, index: TextIndex) -> Any:
    """The draft's subject, unless the parse put it inside quotation marks the cue is not in
    (a scare-quoted phrase does not speak): then the first subject before the cue."""
    subject = draft.subject
    if subject is None or not draft.cue:
        return subject
    cue_quotes = index.inside(draft.position)
    if all(q in cue_quotes for q in index.inside(draft.offset + subject.idx)):
        return subject
    for token in subject.sent:
        outside = not index.inside(draft.offset + token.idx)
        if token.i < draft.cue[0].i and token.dep_ == "nsubj" and outside:
            return token
    return None


def nest(drafts: list[Draft]) -> None:
    """Set each draft's parent: the smallest other draft whose content contains it."""
    stack: list[Draft] = []
    for draft in sorted(drafts, key=lambda d: (d.extent[0], -d.extent[1])):
        while stack and stack[-1].extent[1] < draft.extent[1]:
            stack.pop()
        if stack and stack[-1].extent != draft.extent:
            draft.parent = stack[-1]
        stack.append(draft)


def _within(position: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``position`` lies in one of the (sorted) ``spans``, looking at the few that
    start before it."""
    last = bisect_right(spans, (position, float("inf")))
    return any(lo <= position < hi for lo, hi in spans[max(0, last - 8) : last])


def _before(directs: list[Draft], position: int) -> list[Draft]:
    """The last few drafts of (start-sorted) ``directs`` starting before ``position``."""
    last = bisect_right(directs, position, key=lambda d: d.extent[0])
    return directs[max(0, last - 3) : last]


def drafts_for(
    text: str, index: TextIndex, candidates: list[Candidate]
) -> tuple[list[Draft], list[Quoted]]:
    """The document's quote drafts (nested ones with ``parent``) and its scare quotes
    (verbless short phrases included).

    Args:
        text: the document text.
        index: the document's parsed paragraphs and quoted stretches.
        candidates: every cue candidate of the document.
    """
    used: set[int] = set()
    ordered = sorted(candidates, key=lambda c: c.position)
    drafts = [_classify(c, index, used) for c in ordered if c.kind != "attitude"]
    taken = sorted(d.extent for d in drafts)
    for candidate in ordered:
        free = not index.inside(candidate.position) and not _within(candidate.position, taken)
        if candidate.kind == "attitude" and free:
            drafts.append(_classify(candidate, index, used))
    drafts, scare = _quoted_drafts(text, index, drafts, used)
    fragments = [d for d in drafts if _fragment(text, index, d)]
    dropped = {id(d) for d in fragments}
    drafts = [d for d in drafts if id(d) not in dropped]
    for d in fragments:
        scare.extend(q for q in index.near(d.extent[0]) if q.pieces == tuple(d.pieces))
    for draft in drafts:
        draft.subject = _plausible_subject(draft, index)
    nest(drafts)
    return drafts, scare


def _quoted_drafts(
    text: str, index: TextIndex, drafts: list[Draft], used: set[int]
) -> tuple[list[Draft], list[Quoted]]:
    """Add the drafts of the quoted stretches no candidate took; return them and the scare
    quotes."""
    drafts = sorted(drafts, key=lambda d: d.extent)
    ends = [d.extent for d in drafts if d.kind != "direct"]
    directs = [d for d in drafts if d.kind == "direct"]  # sorted by start
    scare: list[Quoted] = []
    for q in index.quoted:
        if id(q) in used or q.nested or _within(q.outer[0] + 1, ends):
            continue
        draft = _leftover(text, index, q, directs)
        if draft is None:
            scare.append(q)
        elif not any(d is draft for d in _before(directs, draft.extent[0] + 1)):
            insort(directs, draft, key=lambda d: d.extent[0])
            drafts.append(draft)
    return drafts, scare
