"""``textacy.v1``: textacy's ``direct_quotations`` as a peer reference.

textacy refuses a text with an odd number of quotation marks (``ValueError``); such a
failure is recorded in the output document's ``annotation.failures`` and that stretch of
text yields no quotes, never a crash.
"""

from __future__ import annotations

from typing import Any

from quotebench.baselines.common.builder import DocumentBuilder
from quotebench.baselines.common.extractor import SpacyExtractor
from quotebench.baselines.common.marks import DOUBLE_MARKS, SINGLE_MARKS
from quotebench.baselines.common.spans import content_span, token_spans
from quotebench.baselines.common.speakers import SpeakerResolver
from quotebench.registry import extractors

__all__ = ["TextacyExtractor", "textacy_v1"]

_MARKS = DOUBLE_MARKS + SINGLE_MARKS + " "


def _speaker_head(tokens: list[Any]) -> Any:
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head is t), tokens[0])


class TextacyExtractor(SpacyExtractor):
    """Direct quotes from ``textacy.extract.triples.direct_quotations``."""

    name = "textacy.v1"
    version = "textacy-0.13"
    developed_on = ("gold",)  # the adapter was checked on these corpora
    merge_blocks = True

    def predict(
        self, builder: DocumentBuilder, resolver: SpeakerResolver, parsed: list[tuple[int, Any]]
    ) -> list[str]:
        """textacy's direct quotes of one parsed document; returns textacy's refusals."""
        from textacy.extract.triples import direct_quotations

        errors = []
        for offset, doc in parsed:
            try:
                triples = list(direct_quotations(doc))
            except ValueError as error:
                errors.append(str(error))
                continue
            for triple in triples:
                self._add(builder, resolver, offset, triple)
        return errors

    @staticmethod
    def _add(builder: DocumentBuilder, resolver: SpeakerResolver, offset: int, triple: Any) -> None:
        text = builder.text
        start = offset + triple.content.start_char
        end = offset + triple.content.end_char
        while start < end and text[start] in _MARKS:
            start += 1
        while end > start and text[end - 1] in _MARKS:
            end -= 1
        content = content_span(text, start, end)
        if content is None:
            return
        source = resolver.mention(_speaker_head(triple.speaker), offset)
        cue = token_spans(triple.cue, offset, text)
        quote = builder.add_quote("direct", [content], cue, source=source, score=None)
        if quote is not None:
            resolver.spoke(start, quote.speaker)


@extractors.register("textacy.v1")
def textacy_v1(batch_size: int = 64, n_process: int = 1) -> TextacyExtractor:
    """The ``textacy.v1`` extractor (see ``TextacyExtractor``)."""
    return TextacyExtractor(batch_size=batch_size, n_process=n_process)
