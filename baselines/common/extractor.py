"""What the spaCy-based extractors share: streaming documents through the pipeline."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from quotebench.corpus import Document

from .builder import DocumentBuilder
from .parsing import parse_documents
from .speakers import SpeakerResolver

__all__ = ["SpacyExtractor"]


class SpacyExtractor:
    """Base of the extractors that parse with ``quotebench.nlp.load_nlp()``.

    Subclasses set ``name``, ``version``, ``merge_blocks`` and the ``conventions`` they can
    follow, and implement ``predict``.

    Args:
        batch_size: paragraphs per ``nlp.pipe`` batch.
        n_process: worker processes for ``nlp.pipe``.
        convention: the annotation convention to follow (one of ``conventions``), recorded in
            every output document; ``None`` for the extractor's own way.
    Raises:
        ConventionUnsupported: for a convention the extractor cannot follow.
    """

    name = ""
    version = ""
    merge_blocks = False
    conventions: tuple[str, ...] = ()

    def __init__(
        self, batch_size: int = 64, n_process: int = 1, convention: str | None = None
    ) -> None:
        from quotebench.extraction import ConventionUnsupported

        if convention is not None and convention not in self.conventions:
            able = ", ".join(self.conventions) or "none: it predates conventions"
            raise ConventionUnsupported(
                f"{self.name} cannot follow {convention} (it follows {able})"
            )
        self.batch_size = batch_size
        self.n_process = n_process
        self.convention = convention

    def extract(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Yield one predicted document per input document, in input order."""
        from quotebench.nlp import load_nlp

        parsed = parse_documents(
            load_nlp(), docs, self.batch_size, self.n_process, merge=self.merge_blocks
        )
        for document, blocks in parsed:
            yield self.annotate(document, blocks)

    def annotate(self, document: Document, parsed: list[tuple[int, Any]]) -> Document:
        """The predicted document for ``document`` from its parsed blocks ``(offset, Doc)``."""
        builder = DocumentBuilder(document)
        resolver = self.resolver(builder)
        for offset, doc in parsed:
            resolver.observe(doc, offset)
        failures = self.predict(builder, resolver, parsed)
        return builder.build(self.name, self.version, failures or ()).with_convention(
            self.convention
        )

    def resolver(self, builder: DocumentBuilder) -> SpeakerResolver:
        """The speaker resolver of one document."""
        return SpeakerResolver(builder)

    def predict(
        self, builder: DocumentBuilder, resolver: SpeakerResolver, parsed: list[tuple[int, Any]]
    ) -> list[str] | None:
        """Add the predictions to ``builder``; returns what could not be processed, if any."""
        raise NotImplementedError
