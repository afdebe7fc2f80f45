"""Documents as a spaCy ``DocBin``: mentions, cues and quote content in ``doc.spans``.

Span groups (``SPAN_KEYS``): ``mentions`` (label: the entity's kind, ``kb_id``: its entity
id, ``id``: the mention id), ``cues`` and ``content`` (label: the quote type, ``id``: the
quote id; ``kb_id`` of a content span: the speaker entity id). The tokens are spaCy's
tokenizer's, split further wherever an annotation starts or ends inside a token, so every
span keeps its exact character offsets. ``doc.user_data["quotebench"]`` holds the whole
document as one JSON line.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

from .model import Document
from .output import Inputs, check_output, output_file

__all__ = ["SPAN_KEYS", "USER_DATA_KEY", "document_spans", "to_doc", "to_docbin", "write_docbin"]

SPAN_KEYS = ("mentions", "cues", "content")
USER_DATA_KEY = "quotebench"

SpanSpec = tuple[int, int, str, str, str]  # start, end, label, kb_id, id


def document_spans(document: Document) -> dict[str, list[SpanSpec]]:
    """The spans of each ``SPAN_KEYS`` group as ``(start, end, label, kb_id, id)``."""
    kinds = {e.id: e.kind for e in document.entities}
    mentions = [
        (m.start, m.end, kinds.get(m.entity, "unknown"), m.entity, m.id) for m in document.mentions
    ]
    cues = [(s.start, s.end, q.type, "", q.id) for q in document.quotes for s in q.cue]
    content = [
        (s.start, s.end, q.type, q.speaker or "", q.id) for q in document.quotes for s in q.content
    ]
    return {"mentions": mentions, "cues": cues, "content": content}


@functools.lru_cache(maxsize=8)
def _blank(language: str) -> Any:
    import spacy

    try:
        return spacy.blank(language)
    except (ImportError, KeyError, ValueError):
        return spacy.blank("xx")


def _words(document: Document, starts: set[int], ends: set[int]) -> Iterator[tuple[str, bool]]:
    """``(word, followed by a space)`` covering the text, split at every span boundary."""
    text = document.text
    for token in _blank(document.meta.language or "en").make_doc(text):
        start, end = token.idx, token.idx + len(token.text)
        cuts = [start, *sorted(c for c in starts | ends if start < c < end), end]
        pieces = [text[a:b] for a, b in pairwise(cuts)]
        yield from ((piece, False) for piece in pieces[:-1])
        if token.whitespace_ and (end in starts or end + 1 in ends):
            yield pieces[-1], False
            yield token.whitespace_, False
        else:
            yield pieces[-1], bool(token.whitespace_)


def to_doc(document: Document) -> Any:
    """The spaCy ``Doc`` of one document, with its span groups and user data."""
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

    groups = document_spans(document)
    specs = [spec for group in groups.values() for spec in group]
    words = list(_words(document, {s[0] for s in specs}, {s[1] for s in specs}))
    vocab = _blank(document.meta.language or "en").vocab
    doc = Doc(vocab, words=[w for w, _ in words], spaces=[s for _, s in words])
    for key, group in groups.items():
        spans = []
        for start, end, label, kb_id, span_id in group:
            span = doc.char_span(start, end)
            spans.append(SpacySpan(doc, span.start, span.end, label, kb_id=kb_id, span_id=span_id))
        doc.spans[key] = spans
    doc.user_data[USER_DATA_KEY] = document.to_json()
    return doc


def to_docbin(documents: Iterable[Document]) -> Any:
    """A ``DocBin`` (user data stored) holding one ``Doc`` per document."""
    from spacy.tokens import DocBin

    docbin = DocBin(store_user_data=True)
    for document in documents:
        docbin.add(to_doc(document))
    return docbin


def write_docbin(documents: Iterable[Document], path: str | Path, inputs: Inputs = ()) -> int:
    """Write the documents' ``DocBin`` to ``path`` through ``output.output_file`` (never onto
    one of ``inputs``, atomically); returns how many were written.

    Raises ``UnusableInput`` when ``path`` cannot or may not be written.
    """
    check_output(path, inputs)
    docbin = to_docbin(documents)
    data = docbin.to_bytes()
    with output_file(path, inputs, binary=True) as handle:
        handle.write(data)
    return len(docbin)
