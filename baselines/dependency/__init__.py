"""``dependency.v1`` and ``dependency.v2``: spaCy dependency rules with a speech-verb and
speech-noun lexicon; v2 follows the convention asked for."""

from .extractor import DependencyExtractor, dependency_v1
from .v2 import DependencyV2, dependency_v2

__all__ = ["DependencyExtractor", "DependencyV2", "dependency_v1", "dependency_v2"]
