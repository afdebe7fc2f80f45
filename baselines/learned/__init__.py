"""``learned.v1``: an extractor trained on a gold collection (``quotebench train``)."""

from .extractor import LearnedExtractor, learned_v1
from .model import default_model_dir, load_model

__all__ = ["LearnedExtractor", "default_model_dir", "learned_v1", "load_model"]
