"""Collecting an extractor's predictions into a valid ``Document``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from quotebench.corpus import Annotation, Document, Entity, Mention, NonQuote, Quote, Span

__all__ = ["DocumentBuilder", "EntityDraft"]


@dataclass
class EntityDraft:
    """An entity still being filled in: its name may grow ("Putin" -> "Vladimir Putin")."""

    id: str
    name: str
    kind: str
    members: list[str] = field(default_factory=list)


class DocumentBuilder:
    """Entities, mentions and quotes with fresh ids, turned into one predicted document.

    Quotes whose content segments repeat an earlier quote's are dropped (the data model
    forbids two quotes with identical content).
    """

    def __init__(self, document: Document) -> None:
        self.document = document
        self.text = document.text
        self.entities: dict[str, EntityDraft] = {}
        self.mentions: dict[tuple[int, int, str], Mention] = {}
        self.quotes: list[Quote] = []
        self.non_quotes: list[NonQuote] = []
        self._contents: set[tuple[tuple[int, int], ...]] = set()

    def add_entity(self, name: str, kind: str, members: Sequence[str] = ()) -> EntityDraft:
        """A new entity named ``name`` of ``kind`` (person, organization, country, group, other)."""
        draft = EntityDraft(f"e{len(self.entities) + 1}", name, kind, list(members))
        self.entities[draft.id] = draft
        return draft

    def add_mention(self, start: int, end: int, entity: str) -> Mention:
        """The mention ``text[start:end]`` of ``entity`` (one per span and entity)."""
        key = (start, end, entity)
        if key not in self.mentions:
            self.mentions[key] = Mention(
                id=f"m{len(self.mentions) + 1}",
                start=start,
                end=end,
                text=self.text[start:end],
                entity=entity,
            )
        return self.mentions[key]

    def add_quote(
        self,
        kind: str,
        content: Sequence[Span],
        cue: Sequence[Span] = (),
        source: Mention | None = None,
        speaker: str | None = None,
        parent: str | None = None,
        score: float | None = None,
    ) -> Quote | None:
        """Record a quote; returns it, or ``None`` when its content repeats an earlier one.

        The speaker is the source mention's entity, else ``speaker`` (a quote with no cue
        continuing an earlier speaker's words).
        """
        segments = tuple(sorted(content, key=lambda s: s.start))
        key = tuple((s.start, s.end) for s in segments)
        if not segments or key in self._contents:
            return None
        self._contents.add(key)
        quote = Quote(
            id=f"q{len(self.quotes) + 1}",
            type=kind,
            content=segments,
            cue=tuple(sorted(cue, key=lambda s: s.start)),
            source=source.id if source else None,
            speaker=source.entity if source else speaker,
            parent=parent,
            score=score,
        )
        self.quotes.append(quote)
        return quote

    def add_non_quote(self, start: int, end: int, reason: str) -> None:
        """Record the quotation-mark span ``text[start:end]`` as deliberately not a quote."""
        self.non_quotes.append(
            NonQuote(start=start, end=end, text=self.text[start:end], reason=reason)
        )

    def build(self, name: str, version: str, failures: Sequence[str] = ()) -> Document:
        """The predicted document: same id, text and meta, annotation naming the extractor
        and what it could not process (``failures``)."""
        used = {m.entity for m in self.mentions.values()}
        used.update(member for e in self.entities.values() if e.id in used for member in e.members)
        entities = tuple(
            Entity(id=e.id, name=e.name, kind=e.kind, members=tuple(dict.fromkeys(e.members)))
            for e in self.entities.values()
            if e.id in used
        )  # a group names each member once ("Smith and Smith's aide")
        annotation = Annotation(
            annotator=name,
            origin="extractor",
            extractor=name,
            version=version,
            failures=tuple(failures),
        )
        return self.document.model_copy(
            update={
                "schema_version": "1.0",  # names no convention (Document.with_convention does)
                "annotation": annotation,
                "entities": entities,
                "mentions": tuple(sorted(self.mentions.values(), key=lambda m: m.start)),
                "quotes": tuple(self.quotes),
                "stances": (),
                "non_quotes": tuple(self.non_quotes),
            }
        )
