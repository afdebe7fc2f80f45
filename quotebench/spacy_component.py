"""``quotebench_quotes``: any registered extractor as a spaCy pipeline component.

``nlp.add_pipe("quotebench_quotes", config={"extractor": "dependency.v2", "convention":
"polnear.v1"})`` (registered through spaCy's ``spacy_factories`` entry point) runs the
extractor's own code on each doc's text, as ``quotebench extract`` does, and sets:

- ``doc._.quotes``: each predicted quote as the data model has it (``Quote``'s fields), plus
  ``speaker_name``, the name of its speaker entity (plain values, so ``Doc.to_bytes`` keeps
  them);
- ``doc.spans["quotebench_content"]`` (labelled with the quote type), ``["quotebench_cue"]``
  and ``["quotebench_source"]``, each span's ``id_`` its quote's id.

The extractor parses with quotebench's pipeline (``quotebench.nlp``), whatever the host
pipeline holds, so its output is the one ``quotebench extract`` writes.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from quotebench.corpus import Document
from quotebench.extraction import build_extractor

__all__ = ["GROUPS", "QuotesComponent", "make_quotes_component"]

GROUPS = ("quotebench_content", "quotebench_cue", "quotebench_source")

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)


class QuotesComponent:
    """Sets a doc's quotes and span groups from a registered extractor (see the module)."""

    def __init__(self, extractor: str, convention: str | None = None) -> None:
        self.extractor = extractor
        self.convention = convention
        self.system = build_extractor(extractor, convention)

    def __call__(self, doc: Doc) -> Doc:
        """Annotate ``doc``."""
        (predicted,) = self.system.extract([Document(id="doc", text=doc.text)])
        _annotate(doc, predicted)
        return doc

    def pipe(self, docs: Any, batch_size: int = 64) -> Any:
        """Annotate a stream of docs, the extractor parsing them as one stream."""
        for batch in _batches(docs, batch_size):
            texts = [Document(id=str(k), text=d.text) for k, d in enumerate(batch)]
            for doc, predicted in zip(batch, self.system.extract(texts), strict=True):
                _annotate(doc, predicted)
                yield doc


def _batches(docs: Any, size: int) -> Any:
    batch: list[Doc] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _annotate(doc: Doc, predicted: Document) -> None:
    names = {e.id: e.name for e in predicted.entities}
    mentions = {m.id: m for m in predicted.mentions}
    groups: dict[str, list[Any]] = {name: [] for name in GROUPS}
    quotes = []
    for quote in predicted.quotes:
        quotes.append(
            {**quote.model_dump(mode="json"), "speaker_name": names.get(quote.speaker or "")}
        )
        parts = (
            ("quotebench_content", quote.type, quote.content),
            ("quotebench_cue", "CUE", quote.cue),
            ("quotebench_source", "SOURCE", [mentions[quote.source]] if quote.source else []),
        )
        for group, label, spans in parts:
            for span in spans:
                found = doc.char_span(span.start, span.end, label=label, alignment_mode="expand")
                if found is not None:
                    found.id_ = quote.id
                    groups[group].append(found)
    doc._.quotes = quotes
    for name, spans in groups.items():
        doc.spans[name] = spans


@Language.factory(
    "quotebench_quotes", default_config={"extractor": "dependency.v2", "convention": None}
)
def make_quotes_component(
    nlp: Language, name: str, extractor: str, convention: str | None
) -> QuotesComponent:
    """The ``quotebench_quotes`` component (see ``QuotesComponent``)."""
    return QuotesComponent(extractor, convention)
