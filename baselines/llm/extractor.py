"""``llm.v1``: quotes asked of a language model behind an OpenAI-compatible endpoint.

Each document is sent in windows (``windows``) with the convention's prompt (``prompt``);
each answer comes from the cache when it holds one (``cache``), else from the endpoint
(``client``) and is then kept. The quotes of all windows (a quote the window before gave too,
same normalised text and speaker, dropped: neighbouring windows overlap) are aligned with the
text (``corpus.align``). Each request is recorded in ``annotation.calls``, and what could not be
used (an answer that is not JSON, a quote without text, a request that failed) in
``annotation.failures``; the document is always written.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from quotebench.corpus import Call, Document, UnusableInput
from quotebench.corpus.align import FUZZY_THRESHOLD, align_prediction
from quotebench.corpus.conventions import get_convention
from quotebench.corpus.strings import StringPrediction, StringQuote
from quotebench.corpus.textsearch import fold
from quotebench.extraction import ModelMissing
from quotebench.registry import extractors

from .answers import read_answer
from .cache import ResponseCache, cache_key
from .client import Answer, Endpoint, EndpointFailed
from .prompt import Prompt, answer_schema, prompt_for
from .windows import DEFAULT_OVERLAP, DEFAULT_WINDOW, windows

__all__ = ["LLMExtractor"]

DEFAULT_CONVENTION = "quotebench.v1"


class LLMExtractor:
    """Quotes from a chat model (see the module).

    Args:
        model: the model's name at the endpoint (part of every cache key).
        endpoint: the endpoint's base URL; ``None`` with ``offline`` (answers from the cache).
        key_variable: the environment variable holding the key.
        temperature, timeout, retries: of each request.
        window, overlap: characters per request, and shared by neighbouring windows.
        cache_dir: where answers are kept (default ``cache.default_cache_dir()``).
        offline: use only the cache; a missing answer is an error.
        convention: the convention the prompt asks for (default ``quotebench.v1``).
    Raises:
        ModelMissing: when no model (or no endpoint, unless offline) is named.
    """

    name = "llm.v1"
    version = "1"

    def __init__(
        self,
        model: str | None = None,
        endpoint: str | None = None,
        key_variable: str = "OPENAI_API_KEY",
        temperature: float = 0.0,
        timeout: float = 120.0,
        retries: int = 4,
        window: int = DEFAULT_WINDOW,
        overlap: int = DEFAULT_OVERLAP,
        cache_dir: Path | None = None,
        offline: bool = False,
        convention: str | None = None,
    ) -> None:
        if model is None or (endpoint is None and not offline):
            raise ModelMissing(
                "llm.v1 needs a chat model: --endpoint URL of an OpenAI-compatible server and"
                " the model's name there (extract --model, benchmark --llm-model; the key, if"
                " any, in $OPENAI_API_KEY), or --offline with the name to answer from the cache"
            )
        self.convention = convention or DEFAULT_CONVENTION
        self.rules = get_convention(self.convention)
        self.prompt: Prompt = prompt_for(self.rules)
        self.model, self.offline = model, offline
        self.endpoint = (
            None if offline else Endpoint(endpoint, model, key_variable, timeout, retries)
        )  # type: ignore[arg-type]
        self.parameters: dict[str, Any] = {
            "temperature": temperature,
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": "quotes", "schema": answer_schema()},
            },
        }
        self.window, self.overlap = window, overlap
        self.cache = ResponseCache(cache_dir)
        self.requests = self.cache_hits = 0

    def extract(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Yield one predicted document per input document, in input order."""
        for document in docs:
            yield self._predict(document)

    def run_stats(self) -> dict[str, int]:
        """What this run asked: requests, and how many the cache answered."""
        return {"requests": self.requests, "cache_hits": self.cache_hits}

    def _predict(self, document: Document) -> Document:
        quotes: list[StringQuote] = []
        calls: list[Call] = []
        failures: list[str] = []
        before: set[tuple[str, str | None]] = set()  # the previous window's quotes
        for start, end in (
            windows(document.text, self.window, self.overlap) if document.text else []
        ):
            where = f"window {start}-{end}"
            try:
                answer = self._answer(document, document.text[start:end])
            except EndpointFailed as error:
                failures.append(f"{where}: {error}")
                continue
            calls.append(self._call(answer, start, end))
            found, problems = read_answer(answer.content)
            if answer.finish_reason == "length":
                problems.insert(0, "the answer was cut off at its token limit")
            failures += [f"{where}: {problem}" for problem in problems]
            quotes += [q for q in found if _key(q) not in before]
            before = {_key(q) for q in found}
        prediction = StringPrediction(
            id=document.id,
            quotes=tuple(quotes),
            extractor=self.name,
            version=self.version,
        )
        aligned = align_prediction(document, prediction, FUZZY_THRESHOLD, self.rules)
        return aligned.with_annotation(calls=tuple(calls), failures=tuple(failures))

    def _answer(self, document: Document, text: str) -> Answer:
        """The answer for ``text``: the cache's, else the endpoint's (then cached)."""
        self.requests += 1
        key = cache_key(
            {
                "model": self.model,
                "prompt": self.prompt.name,
                "prompt_sha256": self.prompt.sha256,
                # the answer's schema is versioned with the prompt (PROMPT_VERSION)
                "temperature": float(self.parameters["temperature"]),
                "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            }
        )
        kept = self.cache.get(key)
        if kept is not None and set(kept) == set(Answer.__dataclass_fields__):
            self.cache_hits += 1
            return Answer(**kept)
        if self.endpoint is None:
            raise UnusableInput(
                f"offline, and the cache ({self.cache.folder}) holds no answer of {self.model}"
                f" for document {document.id!r}"
            )
        answer = self.endpoint.ask(self.prompt.messages(text), self.parameters)
        self.cache.put(key, answer.to_dict())
        return answer

    def _call(self, answer: Answer, start: int, end: int) -> Call:
        return Call(
            model=answer.model,
            prompt=self.prompt.name,
            prompt_sha256=self.prompt.sha256,
            temperature=self.parameters["temperature"],
            start=start,
            end=end,
            prompt_tokens=answer.prompt_tokens,
            completion_tokens=answer.completion_tokens,
            latency=answer.latency,
        )


def _key(quote: StringQuote) -> tuple[str, str | None]:
    """What makes two answers the same quote: its normalised text and its speaker."""
    return fold(quote.text).strip(), quote.speaker


extractors.register("llm.v1")(LLMExtractor)
