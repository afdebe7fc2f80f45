"""An OpenAI-compatible chat completions endpoint, through the ``openai`` client.

A local llama.cpp, vLLM or Ollama server or a hosted one: ``url`` is its base URL (ending
in ``/v1``). The key is read from the environment variable named ``key_variable`` (none is
needed by most local servers) and is never printed. The client retries 408, 409, 429 and
5xx answers and lost connections with exponential backoff (``retries`` times, honouring
``Retry-After``) and gives up on a request after ``timeout`` seconds.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Any

from quotebench.corpus import UnusableInput

__all__ = ["Answer", "Endpoint", "EndpointFailed"]

_RETRIED = (408, 409, 429)  # with 5xx: the statuses the client retries


class EndpointFailed(RuntimeError):
    """A request that did not get an answer: timed out, or still refused after retries."""


@dataclass(frozen=True)
class Answer:
    """What the endpoint answered: the message, the model, the tokens, why it stopped and
    how long it took (seconds)."""

    content: str | None
    model: str
    prompt_tokens: int | None
    completion_tokens: int | None
    finish_reason: str | None
    latency: float

    def to_dict(self) -> dict[str, Any]:
        """The answer as the cache keeps it."""
        return dict(self.__dict__)


class Endpoint:
    """Chat completions at ``url`` for the model ``model``."""

    def __init__(
        self,
        url: str,
        model: str,
        key_variable: str = "OPENAI_API_KEY",
        timeout: float = 120.0,
        retries: int = 4,
    ) -> None:
        from openai import OpenAI

        key = os.environ.get(key_variable) or "none"  # local servers want no key
        self.model = model
        self.client = OpenAI(base_url=url, api_key=key, timeout=timeout, max_retries=retries)

    def ask(self, messages: list[dict[str, str]], parameters: dict[str, Any]) -> Answer:
        """The endpoint's answer to ``messages``.

        Raises ``EndpointFailed`` on a timeout or when retries are exhausted (the caller
        records it and goes on), ``UnusableInput`` when the endpoint refuses the request
        itself (a wrong key, model or URL: no later request would fare better).
        """
        import openai

        started = time.perf_counter()
        try:
            done = self.client.chat.completions.create(
                model=self.model, messages=messages, **parameters
            )
        except (openai.APITimeoutError, openai.APIConnectionError) as error:
            raise EndpointFailed(f"no answer: {type(error).__name__}") from None
        except openai.APIStatusError as error:
            if error.status_code in _RETRIED or error.status_code >= 500:
                raise EndpointFailed(
                    f"still refused after retries: HTTP {error.status_code}"
                ) from None
            raise UnusableInput(
                f"the endpoint refused the request: HTTP {error.status_code}: {error.message}"
            ) from None
        return _answer(done, self.model, time.perf_counter() - started)


def _answer(done: Any, asked: str, latency: float) -> Answer:
    choice = done.choices[0] if done.choices else None
    usage = done.usage
    return Answer(
        content=None if choice is None else choice.message.content,
        model=done.model or asked,
        prompt_tokens=None if usage is None else usage.prompt_tokens,
        completion_tokens=None if usage is None else usage.completion_tokens,
        finish_reason=None if choice is None else choice.finish_reason,
        latency=round(latency, 3),
    )
