"""The data model, reading/writing/validating documents, importers, exports and the gold data."""

from .ingest import ingest_file
from .jsonl import scan_documents, write_documents
from .load import (
    Collection,
    load_collection,
    load_documents,
    load_versions,
    stream_documents,
    validate_paths,
)
from .model import (
    QUOTE_TYPES,
    SCHEMA_VERSION,
    STANCE_LABELS,
    Alignment,
    Annotation,
    Call,
    Document,
    Entity,
    Mention,
    Meta,
    NonQuote,
    Quote,
    Span,
    Stance,
)
from .output import check_output, output_file, output_folder, output_path
from .problems import InvalidData, Problem, UnusableInput
from .resources import gold_path, load_gold
from .targets import Target, load_targets
from .validate import check_document

__all__ = [
    "QUOTE_TYPES",
    "SCHEMA_VERSION",
    "STANCE_LABELS",
    "Alignment",
    "Annotation",
    "Call",
    "Collection",
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
    "check_document",
    "check_output",
    "gold_path",
    "ingest_file",
    "load_collection",
    "load_documents",
    "load_gold",
    "load_targets",
    "load_versions",
    "output_file",
    "output_folder",
    "output_path",
    "scan_documents",
    "stream_documents",
    "validate_paths",
    "write_documents",
]
