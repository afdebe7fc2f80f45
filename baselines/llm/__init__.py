"""``llm.v1``: quotes asked of a language model behind an OpenAI-compatible endpoint."""

from .extractor import LLMExtractor, llm_v1

__all__ = ["LLMExtractor", "llm_v1"]
