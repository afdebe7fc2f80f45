"""``learned.v1``: a CRF over spaCy features tags sources, cues and contents; the tags are
linked into quotes and their speakers resolved as the rules resolve them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from quotebench.baselines.common.builder import DocumentBuilder
from quotebench.baselines.common.extractor import SpacyExtractor
from quotebench.baselines.common.marks import find_quoted
from quotebench.baselines.common.speakers import SpeakerResolver
from quotebench.corpus.conventions import get_convention
from quotebench.registry import extractors

from .decode import add_quotes
from .features import block_features, quote_states
from .model import LearnedModel, load_model

__all__ = ["LearnedExtractor", "learned_v1", "tag_blocks"]


def tag_blocks(tagger: Any, parsed: list[tuple[int, Any]], states: bytearray) -> list[list[str]]:
    """The predicted BIO tags of each parsed block ``(offset, Doc)`` (``states``: the text's
    ``quote_states``)."""
    return [tagger.tag(block_features(doc, offset, states)) if len(doc) else []
            for offset, doc in parsed]  # fmt: skip


class LearnedExtractor(SpacyExtractor):
    """Quotes tagged by a trained model (``quotebench train``), in its corpus's convention.

    Args:
        model: the model folder (default: ``model.default_model_dir()``), or a loaded model.
        batch_size, n_process: as for every spaCy extractor.
        convention: must be the model's own (``None``: the model's).
    Raises:
        UnusableInput: when the model folder is missing, from another version, or corrupt.
        ConventionUnsupported: for a convention the model was not trained in.
    """

    name = "learned.v1"
    version = "1"

    def __init__(
        self,
        model: str | Path | LearnedModel | None = None,
        batch_size: int = 64,
        n_process: int = 1,
        convention: str | None = None,
    ) -> None:
        self.model = model if isinstance(model, LearnedModel) else load_model(model)
        own = self.model.convention
        self.conventions = (own,) if own else ()
        self.developed_on = tuple(self.model.card["training"].get("corpora", ()))
        super().__init__(batch_size, n_process, convention or own)

    def resolver(self, builder: DocumentBuilder) -> SpeakerResolver:
        """Speakers as ``dependency.v2`` resolves them in the model's convention."""
        keep = self.convention is not None and get_convention(self.convention).acts == "attribution"
        return SpeakerResolver(builder, keep_unresolved=keep, whole_names=True)

    def predict(
        self, builder: DocumentBuilder, resolver: SpeakerResolver, parsed: list[tuple[int, Any]]
    ) -> None:
        """Tag every block, then link the tags into quotes."""
        states = quote_states(find_quoted(builder.text), len(builder.text))
        tags = tag_blocks(self.model.tagger, parsed, states)
        add_quotes(builder, resolver, parsed, tags, states)


@extractors.register("learned.v1")
def learned_v1(
    model: str | Path | None = None,
    batch_size: int = 64,
    n_process: int = 1,
    convention: str | None = None,
) -> LearnedExtractor:
    """The ``learned.v1`` extractor (see ``LearnedExtractor``)."""
    return LearnedExtractor(model, batch_size, n_process, convention)
