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
    "ALIGN_METHODS",
    "ALL_FIELDS",
    "ID_PATTERN",
    "KNOWN_SCHEMA_VERSIONS",
    "QUOTE_TYPES",
    "SCHEMA_VERSION",
    "STANCE_LABELS",
    "Alignment",
    "Annotation",
    "Call",
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
SCHEMA_VERSION = "1.2"  # 1.1 added annotation.convention; 1.2 annotation.alignment and calls
KNOWN_SCHEMA_VERSIONS = ("1.0", "1.1", "1.2")

QuoteType = Literal["direct", "indirect", "mixed"]
StanceLabel = Literal["favor", "against", "neutral"]
EntityKind = Literal["person", "organization", "country", "group", "other"]
Origin = Literal["gold", "label-studio", "extractor", "import"]
AlignMethod = Literal["exact", "normalised", "fuzzy", "unaligned", "duplicate"]

ID_PATTERN = r"\S(?:.*\S)?"  # one line of text, neither blank nor padded with whitespace
Id = Annotated[str, Field(pattern=f"^{ID_PATTERN}$")]
Score = Annotated[float, Field(allow_inf_nan=False)]

QUOTE_TYPES: tuple[str, ...] = get_args(QuoteType)
STANCE_LABELS: tuple[str, ...] = get_args(StanceLabel)
ENTITY_KINDS: tuple[str, ...] = get_args(EntityKind)
ORIGINS: tuple[str, ...] = get_args(Origin)
ALIGN_METHODS: tuple[str, ...] = get_args(AlignMethod)


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


class Alignment(_Model):
    """How one quote a system gave as a string became offsets (schema 1.2).

    ``quote`` is the quote it became, ``None`` when it could not be aligned or repeats the
    characters of an earlier string's quote (the harness scores both as false positives);
    ``similarity`` is the fuzzy score (0-100) of its worst fragment, 100 for an exact or
    normalised match.
    """

    string: str
    quote: str | None = None
    method: AlignMethod
    similarity: Score | None = None
    type: QuoteType | None = None
    speaker: str | None = None  # the speaker as the system wrote it


class Call(_Model):
    """One request a remote system answered for a document (schema 1.2): the model, the
    prompt's versioned name and sha256, the temperature, the stretch of the text it was
    sent (``start``-``end``), the tokens it used and its latency in seconds when answered."""

    model: str
    prompt: str
    prompt_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    temperature: Score
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    latency: Score | None = None


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
    alignment: tuple[Alignment, ...] = ()  # how string answers became quotes (schema 1.2)
    calls: tuple[Call, ...] = ()  # the requests a remote system answered (schema 1.2)

    @model_serializer(mode="wrap")
    def _without_later_fields(
        self, handler: SerializerFunctionWrapHandler, info: SerializationInfo
    ) -> dict[str, Any]:
        """Fields a later schema added serialise only when set, so a document that uses none
        reads as it did in schema 1.0 (unless the context asks for ``all_fields``, as a table
        with fixed columns does)."""
        data = handler(self)
        if not (info.context or {}).get("all_fields"):
            for name in ("convention", "alignment", "calls"):
                if data.get(name) in (None, [], ()):
                    data.pop(name, None)
        return data

    @property
    def oldest_schema(self) -> str:
        """The oldest schema version that holds these fields."""
        if self.alignment or self.calls:
            return "1.2"
        return "1.1" if self.convention else "1.0"


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

    schema_version: str = "1.0"  # the oldest version that holds it (Annotation.oldest_schema)

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
        return self.with_annotation(convention=name)

    def with_annotation(self, **fields: Any) -> Document:
        """This document with those ``annotation`` fields replaced, in the oldest schema
        version that holds them (never older than its own)."""
        annotation = self.annotation.model_copy(update=fields)
        version = max(self.schema_version, annotation.oldest_schema)
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
