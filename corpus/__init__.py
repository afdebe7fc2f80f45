"""The data model, reading/writing/validating documents, importers, exports and the gold data."""

from .ingest import ingest_file
from .jsonl import atomic_output, read_documents, scan_documents, write_documents
from .model import (
    QUOTE_TYPES,
    SCHEMA_VERSION,
    STANCE_LABELS,
    Annotation,
    Document,
    Entity,
    Mention,
    Meta,
    NonQuote,
    Quote,
    Span,
    Stance,
)
from .problems import InvalidData, Problem, UnusableInput
from .resources import gold_path, load_gold
from .targets import Target, load_targets
from .validate import check_document, validate_paths

__all__ = [
    "QUOTE_TYPES",
    "SCHEMA_VERSION",
    "STANCE_LABELS",
    "Annotation",
    "Document",
    "Entity",
    "InvalidData",
    "Mention",
    "Meta",
    "NonQuote",
    "Problem",
    "Quote",
    "Span",
    "Stance",
    "Target",
    "UnusableInput",
    "atomic_output",
    "check_document",
    "gold_path",
    "ingest_file",
    "load_gold",
    "load_targets",
    "read_documents",
    "scan_documents",
    "validate_paths",
    "write_documents",
]
