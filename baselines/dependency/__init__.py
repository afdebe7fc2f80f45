"""``dependency.v1``: spaCy dependency rules with a speech-verb and speech-noun lexicon."""

from .extractor import DependencyExtractor, dependency_v1

__all__ = ["DependencyExtractor", "dependency_v1"]
