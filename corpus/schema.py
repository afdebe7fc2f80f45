"""The JSON Schema of a document, derived from the data model."""

from __future__ import annotations

from typing import Any

from .model import SCHEMA_VERSION, Document

__all__ = ["json_schema"]


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one document line."""
    schema = Document.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://quotebench.org/schema/document-{SCHEMA_VERSION}.json",
        **schema,
    }
