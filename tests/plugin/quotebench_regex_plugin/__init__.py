"""A third-party extractor (every stretch between straight double quotes is a direct quote)
and the convention it follows."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from quotebench.corpus import Annotation, Document, Quote, Span
from quotebench.corpus.conventions import Convention

__all__ = ["RegexQuotes", "marks_only_v1", "regex_quotes_v1"]

_QUOTED = re.compile(r'"([^"\n]+)"')


class RegexQuotes:
    """Direct quotes from pairs of straight double quotes, no speaker."""

    name = "regexquote.v1"
    version = "0.1.0"

    def extract(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Yield each document with its quoted stretches as direct quotes."""
        for doc in docs:
            quotes = tuple(
                Quote(
                    id=f"q{n}",
                    type="direct",
                    content=(Span(start=m.start(1), end=m.end(1), text=m.group(1)),),
                )
                for n, m in enumerate(_QUOTED.finditer(doc.text), start=1)
            )
            annotation = Annotation(
                annotator=self.name, origin="extractor", extractor=self.name, version=self.version
            )
            yield doc.model_copy(update={"annotation": annotation, "quotes": quotes})


def regex_quotes_v1() -> RegexQuotes:
    """The factory the entry point names."""
    return RegexQuotes()


def marks_only_v1() -> Convention:
    """A corpus that annotates only what stands between quotation marks, marks left out."""
    return Convention("marksonly.v1", "quoted stretches only", acts="speech",
                      continuation="quote", marks_in_content=False, nested=False)  # fmt: skip
