"""Quotes that the layout of a news text gives away (``dependency.v2``).

- speaker lines: a paragraph that opens with a name and a colon ("WALLACE: Let's start",
  "Pat Caddell: Voters Worried ...") is that speaker's quote, the colon its cue;
- colon paragraphs: a quote that opens its paragraph after a paragraph ending with a speech
  verb and a colon ("Caddell continued:") is that verb's quote;
- pull quotes: a paragraph that is a sentence followed by a person's name ("I'm still
  thankful. Morgan McNeely.") is that person's quote;
- dash attributions: a quote followed by a dash and a person's name ("... a disgrace." ―
  Ana Lopez) is that person's, the dash its cue;
- quoted cues: a quoted stretch linked to a verb inside another quote (`"The roof leaks,"
  the tenant said, "and nobody comes."` parsed with "comes" hung on "leaks") continues
  the quote that verb is in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from quotebench.baselines.common.index import TextIndex

from .assemble import Draft
from .lexicon import SPEECH_VERBS
from .rules import subject_of, verb_group

__all__ = ["colon_paragraphs", "dash_attributions", "pull_quotes", "quoted_cues", "speaker_lines"]

_NAME = r"[A-Z][\w.'\u2019-]*(?: [A-Z][\w.'\u2019-]*){0,3}"
_SPEAKER_LINE = re.compile(rf"\s*[\"\u201c]?(?P<name>{_NAME}):\s+\S")
_PULL_QUOTE = re.compile(
    r"\s*(?P<content>[^\n]{20,}?[.!?][\"\u201d\u2019]?)\s+"
    r"(?P<name>[A-Z][a-z]+(?: [A-Z][\w'\u2019-]+){1,2})(?:,[^\n.]{1,40})?\.?\s*$"
)
_OPENING = " \t\"'\u201c\u2018"
_DASHES = "\u2015\u2014\u2013-"
_DASH_NAME = re.compile(
    rf"[\"\u201d\u2019'.]*\s*[{_DASHES}]\s*"
    r"(?P<name>[A-Z][^\W\d_]+(?: [A-Z][\w.'\u2019-]*){1,3})"
)


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for line in text.split("\n"):
        if line.strip():
            yield start, start + len(line)
        start += len(line) + 1


def _covering(drafts: list[Draft], start: int, end: int) -> Draft | None:
    """The outermost draft overlapping ``[start, end)`` (the first to start, the longest)."""
    found = [d for d in drafts if d.extent[0] < end and start < d.extent[1]]
    return min(found, key=lambda d: (d.extent[0], -d.extent[1]), default=None)


def _named(tokens: list[tuple[int, Any]], persons_only: bool) -> bool:
    """Whether the tokens name a speaker: a person (or organisation) the entity recogniser
    found, or (a transcript's speaker) a word in capitals."""
    kinds = ("PERSON",) if persons_only else ("PERSON", "ORG")
    capitals = not persons_only and all(t.text.isupper() and len(t.text) > 1 for _, t in tokens)
    return bool(tokens) and (capitals or any(t.ent_type_ in kinds for _, t in tokens))


def _named_paragraphs(
    text: str, index: TextIndex, pattern: re.Pattern[str], persons_only: bool
) -> Iterator[tuple[re.Match[str], list[tuple[int, Any]], int]]:
    """Each paragraph that ``pattern`` matches and whose ``name`` group names a speaker: the
    match, the name's tokens and the paragraph's end."""
    for start, end in _paragraphs(text):
        match = pattern.match(text, start, end)
        if match is None:
            continue
        name = index.tokens(match.start("name"), match.end("name"))
        if _named(name, persons_only):
            yield match, name, end


def speaker_lines(text: str, index: TextIndex, drafts: list[Draft], headlines: bool) -> list[Draft]:
    """Drafts for "NAME: words" paragraphs: a cue-less draft there gets the name as its
    speaker and the colon as its cue; with ``headlines``, such a paragraph without a draft
    becomes one."""
    added = []
    for match, name, end in _named_paragraphs(text, index, _SPEAKER_LINE, persons_only=False):
        colon = index.tokens(match.end("name"), match.end("name") + 1)
        if not colon:
            continue
        offset, head = name[-1]
        content = match.end() - 1
        draft = _covering(drafts, content, end)
        if draft is not None and not draft.cue:
            draft.pieces[0] = (max(draft.pieces[0][0], content), draft.pieces[0][1])
            draft.cue, draft.subject, draft.offset = [colon[0][1]], head, offset
            draft.rule = "speaker-line"
        elif draft is None and headlines:
            added.append(Draft("indirect", [(content, end)], [colon[0][1]], head, offset, 0.6,
                               match.end("name"), rule="speaker-line"))  # fmt: skip
    return [*drafts, *added]


def _speech_verb_before(index: TextIndex, start: int, end: int) -> tuple[int, Any] | None:
    tokens = [(o, t) for o, t in index.tokens(start, end) if not t.is_space]
    last_sentence = tokens[-1][1].sent if tokens else None
    for offset, token in reversed(tokens):
        if token.sent is last_sentence and token.pos_ == "VERB" and token.lemma_ in SPEECH_VERBS:
            return offset, token
    return None


def colon_paragraphs(text: str, index: TextIndex, drafts: list[Draft]) -> None:
    """Give each cue-less draft that opens its paragraph, after a paragraph ending with a
    speech verb and a colon, that verb as its cue and its subject as speaker."""
    for draft in drafts:
        if draft.cue or draft.subject is not None or draft.parent is not None:
            continue
        begins = text.rfind("\n", 0, draft.extent[0]) + 1
        if text[begins : draft.extent[0]].strip(_OPENING):
            continue
        before = text[:begins].rstrip()
        if not before.endswith(":"):
            continue
        found = _speech_verb_before(index, before.rfind("\n") + 1, len(before))
        if found is not None:
            offset, verb = found
            draft.cue, draft.subject, draft.offset = verb_group(verb), subject_of(verb), offset
            draft.position, draft.rule = offset + verb.idx, "colon-paragraph"


def pull_quotes(text: str, index: TextIndex, drafts: list[Draft]) -> list[Draft]:
    """Drafts for "Sentence. Firstname Lastname" paragraphs: the person's quote, no cue."""
    added = []
    for match, name, _ in _named_paragraphs(text, index, _PULL_QUOTE, persons_only=True):
        offset, head = name[-1]
        content = (match.start("content"), match.end("content"))
        draft = _covering(drafts, *content)
        if draft is None:
            added.append(Draft("indirect", [content], [], head, offset, 0.5, content[0],
                               rule="pull-quote"))  # fmt: skip
        elif not draft.cue and draft.subject is None:
            draft.subject, draft.offset, draft.rule = head, offset, "pull-quote"
    return [*drafts, *added]


def dash_attributions(text: str, index: TextIndex, drafts: list[Draft]) -> None:
    """Give each cue-less draft followed by a dash and a person's name that person as its
    speaker and the dash as its cue."""
    for draft in drafts:
        if draft.cue:
            continue
        match = _DASH_NAME.match(text, draft.extent[1])
        if match is None or "\n" in match.group(0):
            continue
        name = index.tokens(match.start("name"), match.end("name"))
        dash = [t for _, t in index.tokens(draft.extent[1], match.start("name")) if t.is_punct
                and t.text in _DASHES]  # fmt: skip
        if _named(name, persons_only=True) and dash:
            draft.subject, draft.offset, draft.cue = name[-1][1], name[-1][0], dash[-1:]
            draft.rule = "dash"


def quoted_cues(drafts: list[Draft]) -> list[Draft]:
    """Join each direct draft linked to a cue that lies in another direct draft's content to
    that draft, as a further segment."""
    kept = []
    for draft in drafts:
        linked = draft.kind == "direct" and draft.rule == "linked"
        owner = _cue_owner(drafts, draft) if linked else None
        if owner is not None:
            owner.pieces = sorted([*owner.pieces, *draft.pieces])
        else:
            kept.append(draft)
    return kept


def _cue_owner(drafts: list[Draft], draft: Draft) -> Draft | None:
    """The other direct draft whose content holds ``draft``'s cue."""
    return next((d for d in drafts if d is not draft and d.kind == "direct"
                 and any(a <= draft.position < b for a, b in d.pieces)), None)  # fmt: skip
