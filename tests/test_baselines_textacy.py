"""``textacy.v1``: textacy's direct quotations as a peer reference (real spaCy, real textacy)."""

from __future__ import annotations

from quotebench.corpus import Document, check_document, load_gold
from quotebench.registry import extractors


def _predict(*texts: str) -> list[Document]:
    docs = [Document(id=f"d{n}", text=text) for n, text in enumerate(texts)]
    return list(extractors.create("textacy.v1").extract(docs))


def test_seed_direct_quotes() -> None:
    """textacy finds at least 8 of the seed's direct quotes (content overlap@0.3)."""
    gold = load_gold()[0]
    (doc,) = _predict(gold.text)
    assert check_document(doc, []) == []
    assert doc.annotation.failures == ()
    found = 0
    for quote in (q for q in gold.quotes if q.type == "direct"):
        wanted = set(range(quote.content[0].start, quote.content[-1].end))
        found += any(
            len(wanted & set(range(q.content[0].start, q.content[-1].end))) >= 0.3 * len(wanted)
            for q in doc.quotes
        )
    assert found >= 8


def test_content_excludes_the_quotation_marks() -> None:
    (doc,) = _predict('Angela Merkel spoke. "We will fix the budget next year," she said.')
    assert [s.text for s in doc.quotes[0].content] == ["We will fix the budget next year"]


def test_odd_quotation_marks_are_recorded_not_raised() -> None:
    odd, fine = _predict(
        'Merkel said "we will win this and more, she said, to cheers.',
        'Merkel spoke. "We will win this fight for sure," she said.',
    )
    assert any("quotation marks" in f for f in odd.annotation.failures)
    assert odd.quotes == () and check_document(odd, []) == []
    assert fine.annotation.failures == () and len(fine.quotes) == 1
