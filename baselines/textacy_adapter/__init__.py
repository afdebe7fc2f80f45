"""``textacy.v1``: an adapter to textacy's direct quotation extraction, as a peer reference."""

from .extractor import TextacyExtractor, textacy_v1

__all__ = ["TextacyExtractor", "textacy_v1"]
