"""The versioned prompt of ``llm.v1``: written from a convention's rules, answered in JSON.

The system message says what a quote is under the convention (``conventions.Convention``:
which acts count, how a continued quote is given, whether quotes inside quotes are listed)
and how to answer: a JSON object ``{"quotes": [...]}`` whose items follow the schema of
string-level predictions (``quotebench schema --strings``). The user message is the text.
The prompt's sha256 covers the system message, so any change to it shows in results.json.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from quotebench.corpus.conventions import Convention
from quotebench.corpus.strings import StringQuote

__all__ = ["PROMPT_VERSION", "Prompt", "answer_schema", "prompt_for"]

PROMPT_VERSION = "quotes.v1"

_TASK = """You find the quotations in a news article: what people and organisations are \
reported to have said. Answer with one JSON object and nothing else: {"quotes": [...]}, \
one item per quotation, in the order they appear, each with:
- "text": the quoted or reported words, copied from the article character for character \
(do not paraphrase, correct, translate or shorten them; leave out the quotation marks); \
when a quotation is interrupted by other words, give its pieces joined by " ... ";
- "speaker": who said it, as the article names them (their fullest name in the article), \
or null when the article does not say;
- "cue": the words that report it ("said", "told reporters", "according to"), as written, \
or null;
- "type": "direct" for words inside quotation marks, "indirect" for reported speech, \
"mixed" for reported speech that contains quoted words.
Never list words that are not in the article. If there is no quotation, answer {"quotes": []}."""

_ACTS = {
    "speech": "Count reported speech and writing only: what someone said, wrote, told, "
    "announced or asked.",
    "attribution": "Count every attribution to a source: speech and writing, and also "
    'beliefs, intentions, perceptions and knowledge attributed to someone ("X believes", '
    '"X wants", "X saw", "according to X").',
}
_CONTINUATION = {
    "segment": "A quoted sentence that carries on a quotation without a cue of its own is "
    'part of that quotation: join it to the quotation with " ... ".',
    "quote": "A quoted sentence that carries on a quotation without a cue of its own is a "
    "quotation of its own, with the same speaker.",
}
_NESTED = {
    True: "Also list the quotations reported inside another quotation.",
    False: "Do not list quotations reported inside another quotation.",
}


@dataclass(frozen=True)
class Prompt:
    """A prompt's versioned name, its system message and that message's sha256."""

    name: str
    system: str
    sha256: str

    def messages(self, text: str) -> list[dict[str, str]]:
        """The chat messages that ask for the quotations of ``text``."""
        return [{"role": "system", "content": self.system}, {"role": "user", "content": text}]


def prompt_for(convention: Convention) -> Prompt:
    """The prompt that asks for quotations as ``convention`` defines them."""
    rules = (
        _ACTS[convention.acts],
        _CONTINUATION[convention.continuation],
        _NESTED[convention.nested],
    )
    system = _TASK + "\n" + "\n".join(rules)
    digest = hashlib.sha256(system.encode("utf-8")).hexdigest()
    return Prompt(f"{PROMPT_VERSION}+{convention.name}", system, digest)


def answer_schema() -> dict[str, Any]:
    """The JSON Schema of an answer: ``{"quotes": [string-level quotes]}``."""
    item = StringQuote.model_json_schema()
    return {
        "type": "object",
        "properties": {"quotes": {"type": "array", "items": item}},
        "required": ["quotes"],
        "additionalProperties": False,
    }
