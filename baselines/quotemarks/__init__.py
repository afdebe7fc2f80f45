"""``quotemarks.v1``: quotation-mark pairing with the nearest speech verb and speaker."""

from .extractor import QuoteMarksExtractor, quotemarks_v1

__all__ = ["QuoteMarksExtractor", "quotemarks_v1"]
