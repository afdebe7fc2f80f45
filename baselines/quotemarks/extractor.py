"""``quotemarks.v1``: quotation-mark pairing, the nearest speech verb and its subject.

The floor every other extractor should beat: only direct quotes, each quoted stretch of
at least ``MIN_WORDS`` words (shorter ones are taken as scare quotes), the speech verb
nearest to it in its paragraph outside quotation marks as cue, the verb's subject (else
the nearest person named in the paragraph) as speaker.
"""

from __future__ import annotations

from typing import Any

from quotebench.baselines.common.builder import DocumentBuilder
from quotebench.baselines.common.extractor import SpacyExtractor
from quotebench.baselines.common.index import TextIndex
from quotebench.baselines.common.marks import Quoted, find_quoted
from quotebench.baselines.common.spans import content_span, token_spans
from quotebench.baselines.common.speakers import SpeakerResolver
from quotebench.baselines.dependency.lexicon import SPEECH_VERBS
from quotebench.registry import extractors

__all__ = ["MIN_WORDS", "QuoteMarksExtractor", "quotemarks_v1"]

MIN_WORDS = 3


def _nearest(tokens: list[Any], offset: int, q: Quoted) -> Any:
    def distance(token: Any) -> int:
        where = offset + token.idx
        return min(abs(where - q.outer[0]), abs(where - q.outer[1]))

    return min(tokens, key=distance, default=None)


def _speaker_token(verb: Any, doc: Any, offset: int, q: Quoted) -> Any:
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is not None:
        return subject
    people = [e.root for e in doc.ents if e.label_ == "PERSON"]
    return _nearest(people, offset, q)


class QuoteMarksExtractor(SpacyExtractor):
    """Direct quotes from quotation marks, with the nearest speech verb and speaker."""

    name = "quotemarks.v1"
    version = "1"
    developed_on = ("gold",)  # its hand-worked cases come from these corpora

    def predict(
        self, builder: DocumentBuilder, resolver: SpeakerResolver, parsed: list[tuple[int, Any]]
    ) -> None:
        """Direct quotes of one parsed document."""
        text = builder.text
        index = TextIndex(parsed, [q for q in find_quoted(text) if not q.nested])
        for q in index.quoted:
            if sum(len(text[a:b].split()) for a, b in q.pieces) < MIN_WORDS:
                continue
            content = [s for a, b in q.pieces if (s := content_span(text, a, b)) is not None]
            blocks = index.blocks(q.pieces[-1][0], q.pieces[-1][1])
            if blocks and content:
                self._add(builder, resolver, index, q, content, *blocks[0])

    @staticmethod
    def _add(
        builder: DocumentBuilder,
        resolver: SpeakerResolver,
        index: TextIndex,
        q: Quoted,
        content: list[Any],
        offset: int,
        doc: Any,
    ) -> None:
        verbs = [
            t
            for t in doc
            if t.pos_ == "VERB" and t.lemma_ in SPEECH_VERBS and not index.inside(offset + t.idx)
        ]
        verb = _nearest(verbs, offset, q)
        token = _speaker_token(verb, doc, offset, q) if verb is not None else None
        source = resolver.mention(token, offset) if token is not None else None
        cue = token_spans([verb], offset, builder.text) if verb is not None else []
        quote = builder.add_quote("direct", content, cue, source=source, score=0.5)
        if quote is not None:
            resolver.spoke(q.outer[0], quote.speaker)


@extractors.register("quotemarks.v1")
def quotemarks_v1(batch_size: int = 64, n_process: int = 1) -> QuoteMarksExtractor:
    """The ``quotemarks.v1`` extractor (see ``QuoteMarksExtractor``)."""
    return QuoteMarksExtractor(batch_size=batch_size, n_process=n_process)
