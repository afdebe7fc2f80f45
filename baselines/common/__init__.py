"""Pieces the spaCy-based extractors share: mark pairing, parsing, spans, speakers."""
