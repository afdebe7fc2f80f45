"""``textacy.v1``: an adapter to textacy's direct quotation extraction, as a peer reference."""

from .extractor import ERROR_FIELD, TextacyExtractor, textacy_v1

__all__ = ["ERROR_FIELD", "TextacyExtractor", "textacy_v1"]
