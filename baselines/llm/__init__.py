"""``llm.v1``: quotes asked of a language model behind an OpenAI-compatible endpoint."""

from .extractor import LLMExtractor

__all__ = ["LLMExtractor"]
