"""Speaker mentions and entities: noun phrases from spaCy tokens, names clustered within a
document, pronouns and titles ("he", "The Russian president") resolved to earlier speakers."""

from __future__ import annotations

from bisect import bisect_left, insort
from typing import Any

from quotebench.corpus import Mention

from .builder import DocumentBuilder, EntityDraft

__all__ = ["TITLE_NOUNS", "SpeakerResolver", "noun_phrase"]

Token = Any  # spacy.tokens.Token, imported lazily by the callers

_PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
_FIRST_PERSON = frozenset({"i", "me", "my"})
_KEEP = frozenset({"det", "amod", "compound", "nummod", "quantmod", "poss", "nmod", "cc", "conj"})
_KEEP_CHILD = _KEEP | {"case", "prep", "pobj", "punct", "advmod", "npadvmod"}
_KINDS = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group"}
TITLE_NOUNS = frozenset(
    [
        "president",
        "minister",
        "leader",
        "chancellor",
        "premier",
        "secretary",
        "senator",
        "governor",
        "mayor",
        "king",
        "queen",
        "prince",
        "chief",
        "director",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "official",
        "ambassador",
        "envoy",
        "general",
        "commander",
        "candidate",
        "nominee",
        "chairman",
        "chairwoman",
        "chair",
        "ceo",
        "founder",
        "head",
        "representative",
        "congressman",
        "congresswoman",
        "lawmaker",
        "legislator",
        "judge",
        "prosecutor",
        "attorney",
        "aide",
        "adviser",
        "advisor",
        "diplomat",
        "pope",
        "emperor",
        "dictator",
        "strongman",
    ]
)


def noun_phrase(token: Token, conjuncts: bool = True) -> list[Token]:
    """The tokens of the mention headed by ``token`` (R-MEN-SPAN): title and determiner,
    conjuncts (unless ``conjuncts`` is false), no relative clause, apposition or clitic
    ``'s``; contiguous, in order."""
    keep = _KEEP if conjuncts else _KEEP - {"cc", "conj"}
    kept = [token]
    stack = [c for c in token.children if c.dep_ in keep]
    while stack:
        child = stack.pop()
        kept.append(child)
        stack.extend(c for c in child.children if c.dep_ in _KEEP_CHILD)
    kept.sort(key=lambda t: t.i)
    kept = [t for t in kept if not (t.is_punct and t.i in (kept[0].i, kept[-1].i))]
    while kept and kept[-1].dep_ in ("case", "cc", "punct"):
        kept.pop()
    doc = token.doc
    return list(doc[kept[0].i : kept[-1].i + 1]) if kept else [token]


class SpeakerResolver:
    """One document's speakers: mentions made from noun phrases, entities clustered by name.

    Pronouns ("he") go to the latest person speaker before them (else the latest person
    named), first-person pronouns inside a quote to that quote's speaker, titles ("The
    Russian president") to the latest person named with that title; "they", "it" and
    relative pronouns stay unresolved: without a mention, unless ``keep_unresolved``, when
    each is a mention of an entity of its own (a corpus without coreference, such as
    PolNeAR, takes the pronoun itself as the source). With ``whole_names``, a coordination
    that is one name ("Crane & Loft") is one organisation, not a group.
    """

    def __init__(
        self, builder: DocumentBuilder, keep_unresolved: bool = False, whole_names: bool = False
    ) -> None:
        self.builder = builder
        self.keep_unresolved = keep_unresolved
        self.whole_names = whole_names
        self._names: dict[str, EntityDraft] = {}
        self._surnames: dict[str, EntityDraft] = {}
        self._titles: dict[str, set[str]] = {}
        self._speakers: list[tuple[int, str]] = []
        self._people: list[tuple[int, str]] = []

    def observe(self, doc: Any, offset: int) -> None:
        """Note the people named in one parsed paragraph (for pronoun fall-backs)."""
        for ent in doc.ents:
            if ent.label_ == "PERSON":
                draft = self._named(ent, "person")
                insort(self._people, (offset + ent.start_char, draft.id))
                self._titles.setdefault(draft.id, set()).update(_title_words(ent))

    def spoke(self, position: int, entity: str | None) -> None:
        """Record that ``entity`` spoke at ``position`` (pronouns after it may refer to it)."""
        if entity and self.builder.entities[entity].kind == "person":
            insort(self._speakers, (position, entity))

    def mention(
        self, token: Token, offset: int, inside: str | None = None, conjuncts: bool = True
    ) -> Mention | None:
        """The mention headed by ``token`` with its resolved entity, or ``None`` if unresolved.

        Args:
            token: the head token (a subject, a possessor, the object of "according to").
            offset: where the token's paragraph starts in the document text.
            inside: the speaker of the quote the token lies in, for "I" and "me".
            conjuncts: whether "France and Britain" is one group mention (else "France").
        """
        return self._mention(token, noun_phrase(token, conjuncts), offset, inside, conjuncts)

    def mention_of(
        self, tokens: list[Token], offset: int, inside: str | None = None
    ) -> Mention | None:
        """The mention spanning ``tokens`` (in order) with the entity their syntactic head
        resolves to, or ``None`` if unresolved (arguments as for ``mention``)."""
        head = tokens[0].doc[tokens[0].i : tokens[-1].i + 1].root
        return self._mention(head, tokens, offset, inside, conjuncts=True)

    def _mention(
        self, token: Token, tokens: list[Token], offset: int, inside: str | None, conjuncts: bool
    ) -> Mention | None:
        start = offset + tokens[0].idx
        end = offset + tokens[-1].idx + len(tokens[-1].text)
        entity = self._entity(token, tokens, start, inside, conjuncts)
        if entity is None and self.keep_unresolved:
            entity = self._keyed(f"unresolved:{start}", self.builder.text[start:end], "other").id
        return None if entity is None else self.builder.add_mention(start, end, entity)

    def _entity(
        self, token: Token, tokens: list[Token], start: int, inside: str | None, conjuncts: bool
    ) -> str | None:
        lower = token.lower_
        if token.pos_ == "PRON" or token.tag_ in ("WP", "WDT", "PRP", "PRP$"):
            if lower in _FIRST_PERSON:
                return inside
            if lower not in _PERSON_PRONOUNS:
                return None
            return _latest(self._speakers, start) or _latest(self._people, start)
        if conjuncts and any(c.i > token.i for c in token.conjuncts):
            whole = self._whole_name(token, tokens) if self.whole_names else None
            return whole or self._group(token, tokens, start, inside)
        ent = _entity_at(token)
        if ent is not None:
            return self._named(ent, _KINDS[ent.label_]).id
        if token.pos_ == "PROPN" and (known := self._surname(token.lower_)) is not None:
            return known.id
        if token.lemma_.lower() in TITLE_NOUNS and token.tag_ != "NNS":
            return self._title(tokens, start) or self._new(tokens, token).id
        return self._new(tokens, token).id

    def _whole_name(self, token: Token, tokens: list[Token]) -> str | None:
        """The one organisation a coordination names ("Crane & Loft", "Procter and
        Gamble"): joined by "&", or one name the entity recogniser found whole."""
        last = max(c.i for c in token.conjuncts)
        ent = _entity_at(token)
        if ent is not None and ent.end > last and ent.label_ != "GPE":
            return self._named(ent, _KINDS[ent.label_]).id
        if any(c.text == "&" for c in token.children):
            name = " ".join(t.text for t in tokens)
            return self._keyed(name.lower(), name, "organization").id
        return None

    def _group(self, token: Token, tokens: list[Token], start: int, inside: str | None) -> str:
        members = []
        for part in [token, *token.conjuncts]:
            member = self.mention(part, start - tokens[0].idx, inside, conjuncts=False)
            if member is not None:
                members.append(member.entity)
        name = " ".join(t.text for t in tokens)
        return self._keyed(name.lower(), name, "group", members).id

    def _named(self, ent: Any, kind: str) -> EntityDraft:
        words = [t.text for t in ent if t.tag_ != "POS" and t.lower_ not in ("the", "'s")]
        name = " ".join(words) or ent.text
        if kind != "person":
            known = self._surname(name.lower()) if len(words) == 1 else None
            return known or self._keyed(name.lower(), name, kind)
        surname = words[-1].lower() if words else name.lower()
        draft = self._surname(surname)
        if draft is not None and (
            len(words) == 1 or len(draft.name.split()) == 1 or draft.name == name
        ):
            draft.name = max(draft.name, name, key=len)
            return draft
        draft = self._keyed(f"person:{name.lower()}", name, "person")
        self._surnames[surname] = draft
        return draft

    def _surname(self, surname: str) -> EntityDraft | None:
        """The latest person entity whose name ends with ``surname``."""
        return self._surnames.get(surname)

    def _title(self, tokens: list[Token], start: int) -> str | None:
        words = {t.lower_ for t in tokens if t.pos_ in ("NOUN", "ADJ", "PROPN")}
        recent = sorted(_recent(self._people, start) + _recent(self._speakers, start))
        for wanted in (words, {tokens[-1].lower_}):
            for _, entity in reversed(recent):
                if wanted <= self._titles.get(entity, set()):
                    return entity
        return None

    def _new(self, tokens: list[Token], head: Token) -> EntityDraft:
        words = [t.text for t in tokens if t.lower_ not in ("the", "a", "an")]
        name = " ".join(words) or head.text
        kind = "group" if head.tag_ in ("NNS", "NNPS") else "other"
        return self._keyed(name.lower(), name, kind)

    def _keyed(self, key: str, name: str, kind: str, members: list[str] = ()) -> EntityDraft:
        if key not in self._names:
            self._names[key] = self.builder.add_entity(name, kind, members)
        return self._names[key]


def _recent(events: list[tuple[int, str]], before: int, count: int = 50) -> list[tuple[int, str]]:
    """The last ``count`` of the (sorted) ``events`` before position ``before``."""
    last = bisect_left(events, (before, ""))
    return events[max(0, last - count) : last]


def _latest(events: list[tuple[int, str]], before: int) -> str | None:
    earlier = _recent(events, before, 1)
    return earlier[0][1] if earlier else None


def _entity_at(token: Token) -> Any:
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end and ent.label_ in _KINDS:
            return ent
    return None


def _title_words(ent: Any) -> set[str]:
    """Words before a person's name in its noun phrase ("russian", "president")."""
    return {
        t.lower_
        for t in noun_phrase(ent.root, conjuncts=False)
        if t.i < ent.start and t.pos_ in ("NOUN", "ADJ", "PROPN")
    }
