"""The data model: the one contract shared by gold, predictions, Label Studio and Hugging Face.

Offsets are Python string indices (Unicode code points) into ``Document.text``, end exclusive.
The JSON Schema (``quotebench schema``), the Label Studio config and the Hugging Face
``Features`` are all derived from the classes below.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializationInfo,
    SerializerFunctionWrapHandler,
    model_serializer,
)

__all__ = [
    "ALL_FIELDS",
    "ID_PATTERN",
    "KNOWN_SCHEMA_VERSIONS",
    "QUOTE_TYPES",
    "SCHEMA_VERSION",
    "STANCE_LABELS",
    "Annotation",
    "Document",
    "Entity",
    "Mention",
    "Meta",
    "NonQuote",
    "Quote",
    "Span",
    "Stance",
]

ALL_FIELDS = {"all_fields": True}  # serialisation context: every field, even an empty one
SCHEMA_VERSION = "1.1"  # 1.1 added annotation.convention
KNOWN_SCHEMA_VERSIONS = ("1.0", "1.1")

QuoteType = Literal["direct", "indirect", "mixed"]
StanceLabel = Literal["favor", "against", "neutral"]
EntityKind = Literal["person", "organization", "country", "group", "other"]
Origin = Literal["gold", "label-studio", "extractor", "import"]

ID_PATTERN = r"\S(?:.*\S)?"  # one line of text, neither blank nor padded with whitespace
Id = Annotated[str, Field(pattern=f"^{ID_PATTERN}$")]
Score = Annotated[float, Field(allow_inf_nan=False)]

QUOTE_TYPES: tuple[str, ...] = get_args(QuoteType)
STANCE_LABELS: tuple[str, ...] = get_args(StanceLabel)
ENTITY_KINDS: tuple[str, ...] = get_args(EntityKind)
ORIGINS: tuple[str, ...] = get_args(Origin)


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


class Span(_Model):
    """A contiguous stretch of the text; ``text`` repeats ``document.text[start:end]``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Mention(Span):
    """A mention of a speaking entity: a name, title, pronoun or possessive."""

    id: Id
    entity: str


class NonQuote(Span):
    """A quotation-mark span that is deliberately not a quote, with the guideline rule."""

    reason: str


class Meta(_Model):
    """What is known of a document's source; unknown fields stay ``None``."""

    source_file: str | None = None
    sha256: str | None = Field(default=None, pattern=r"^[0-9a-f]{64}$")
    language: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    license: str | None = None
    extra: dict[str, Any] = Field(default_factory=dict)


class Annotation(_Model):
    """Who or what produced this version of a document's annotations."""

    annotator: str | None = None
    origin: Origin = "import"
    extractor: str | None = None
    version: str | None = None
    created: str | None = None
    lead_time: Score | None = None
    failures: tuple[str, ...] = ()  # what the producing system could not process, one message each
    convention: str | None = None  # the annotation convention followed (schema 1.1)

    @model_serializer(mode="wrap")
    def _without_unknown_convention(
        self, handler: SerializerFunctionWrapHandler, info: SerializationInfo
    ) -> dict[str, Any]:
        """A document that follows no named convention serialises as it did in schema 1.0
        (unless the context asks for ``all_fields``, as a table with fixed columns does)."""
        data = handler(self)
        if data.get("convention") is None and not (info.context or {}).get("all_fields"):
            data.pop("convention", None)
        return data


class Entity(_Model):
    """A real-world speaker; ``members`` lists the entities a group consists of."""

    id: Id
    name: str
    kind: EntityKind
    wikidata: str | None = Field(default=None, pattern=r"^Q[1-9][0-9]*$")
    members: tuple[str, ...] = ()


class Quote(_Model):
    """A quotation: content segments, cue segments, source mention and resolved speaker."""

    id: Id
    type: QuoteType
    content: tuple[Span, ...] = Field(min_length=1)
    cue: tuple[Span, ...] = ()
    source: str | None = None
    speaker: str | None = None
    parent: str | None = None
    score: Score | None = None


class Stance(_Model):
    """A holder's stance toward an inventory target, expressed by a quote or by evidence."""

    id: Id
    holder: str
    quote: str | None = None
    target: str
    label: StanceLabel
    explicit: bool
    evidence: tuple[Span, ...] = ()
    score: Score | None = None


class Document(_Model):
    """One article with its annotations (gold, a Label Studio annotator's, or a system's)."""

    schema_version: str = "1.0"  # the oldest version that holds it: 1.1 with a convention

    id: Id
    text: str
    meta: Meta = Field(default_factory=Meta)
    annotation: Annotation = Field(default_factory=Annotation)
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()
    quotes: tuple[Quote, ...] = ()
    stances: tuple[Stance, ...] = ()
    non_quotes: tuple[NonQuote, ...] = ()

    def with_convention(self, name: str | None) -> Document:
        """This document stating that its annotations follow convention ``name`` (schema 1.1
        holds it), or stating none (``None``)."""
        annotation = self.annotation.model_copy(update={"convention": name})
        version = SCHEMA_VERSION if name else self.schema_version
        return self.model_copy(update={"annotation": annotation, "schema_version": version})

    @property
    def paragraphs(self) -> list[str]:
        """The text's lines: paragraphs are derived, never stored twice."""
        return self.text.split("\n")

    def to_json(self) -> str:
        """Serialise as one JSON line (UTF-8 characters kept, no trailing newline)."""
        return self.model_dump_json()

    @classmethod
    def from_json(cls, line: str | bytes) -> Document:
        """Parse one JSON line; raises ``pydantic.ValidationError`` on a structural fault."""
        return cls.model_validate_json(line)
