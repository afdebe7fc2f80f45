"""``llm.v1`` through the real ``openai`` client, against a chat endpoint on 127.0.0.1."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quotebench.baselines.llm import LLMExtractor
from quotebench.baselines.llm.windows import windows
from quotebench.corpus import (
    Document,
    UnusableInput,
    check_document,
    load_documents,
    write_documents,
)
from quotebench.eval import evaluate
from quotebench.extraction import ModelMissing, build_extractor
from tests.chat_server import Reply, completion, quoted_in, serve
from tests.cli import run

TEXT = (
    "\u201cWe are ready for talks,\u201d Vladimir Putin said on Friday.\n"
    "The Kremlin added that any meeting needed preparation."
)
DOC = Document(id="a", text=TEXT)
SECRET = "sk-test-do-not-print-0123456789"


def _answer(*quotes: dict[str, str]) -> Reply:
    return completion(json.dumps({"quotes": list(quotes)}))


def _extract(url: str | None, cache: Path, docs: tuple[Document, ...] = (DOC,), **settings: object):
    extractor = LLMExtractor("test-model", url, cache_dir=cache, **settings)  # type: ignore[arg-type]
    predicted = list(extractor.extract(docs))
    assert all(check_document(Document.from_json(d.to_json()), []) == [] for d in predicted)
    return extractor, predicted


def test_a_good_answer_becomes_aligned_quotes_with_the_request_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    reply = _answer(
        {"text": "We are ready for talks", "speaker": "Vladimir Putin", "cue": "said"},
        {"text": "any meeting needed preparation", "speaker": "The Kremlin"},
    )
    with serve(lambda body, n: reply) as endpoint:
        extractor, (predicted,) = _extract(endpoint.url, tmp_path, convention="polnear.v1")
    request, headers = endpoint.requests[0], endpoint.headers[0]
    assert headers["authorization"] == f"Bearer {SECRET}"
    assert request["model"] == "test-model" and request["temperature"] == 0.0
    assert request["response_format"]["type"] == "json_schema"
    assert "beliefs, intentions" in request["messages"][0]["content"]  # polnear.v1's acts
    assert request["messages"][1]["content"] == TEXT
    direct, indirect = predicted.quotes
    # polnear.v1 puts the marks (and the comma) inside direct content
    assert direct.content[0].text == "\u201cWe are ready for talks,\u201d"
    assert (direct.type, indirect.type) == ("direct", "indirect")
    assert {m.text for m in predicted.mentions} == {"Vladimir Putin", "The Kremlin"}
    (call,) = predicted.annotation.calls
    assert (call.model, call.start, call.end, call.prompt_tokens) == (
        "test-model",
        0,
        len(TEXT),
        100,
    )
    assert call.prompt == extractor.prompt.name and call.prompt_sha256 == extractor.prompt.sha256
    assert predicted.annotation.convention == "polnear.v1"
    assert SECRET not in predicted.to_json()


def test_a_rewritten_quote_aligns_fuzzily_and_an_invented_one_is_a_false_positive(
    tmp_path: Path,
) -> None:
    reply = _answer(
        {"text": "We're ready for talks", "speaker": "Putin"},
        {"text": "Sanctions will be lifted next week", "speaker": "Putin"},
    )
    with serve(lambda body, n: reply) as endpoint:
        _, (predicted,) = _extract(endpoint.url, tmp_path)
    fuzzy, invented = predicted.annotation.alignment
    assert fuzzy.method == "fuzzy" and 90 <= (fuzzy.similarity or 0) < 100
    assert predicted.quotes[0].content[0].text == "We are ready for talks"
    assert (invented.method, invented.quote) == ("unaligned", None)
    gold = Document(id="a", text=TEXT, quotes=predicted.quotes)
    scores = evaluate([gold], [predicted]).to_dict()
    assert scores["metrics"]["quote.exact"]["all"]["fp"] == 1
    assert scores["predictions"]["calls"]["requests"] == 1
    assert scores["predictions"]["alignment"]["aligned_rate"] == 0.5


@pytest.mark.parametrize(
    ("content", "finish", "failure"),
    [
        ('{"quotes": [{"text": "We are rea', "length", "cut off at its token limit"),
        ("Sure! Here are the quotes you asked for.", "stop", "the answer is not JSON"),
        ('{"quotations": []}', "stop", 'not {"quotes": [...]}'),
        ('{"quotes": [{"speaker": "Putin"}]}', "stop", "quote 0: text: Field required"),
    ],
)
def test_an_answer_that_cannot_be_read_is_a_recorded_failure(
    tmp_path: Path, content: str, finish: str, failure: str
) -> None:
    with serve(lambda body, n: completion(content, finish=finish)) as endpoint:
        _, (predicted,) = _extract(endpoint.url, tmp_path)
    assert predicted.quotes == ()
    assert any(failure in f for f in predicted.annotation.failures), predicted.annotation.failures
    assert predicted.annotation.failures[0].startswith(f"window 0-{len(TEXT)}: ")


def test_an_answer_in_a_markdown_fence_is_read(tmp_path: Path) -> None:
    fenced = '```json\n{"quotes": [{"text": "We are ready for talks"}]}\n```'
    with serve(lambda body, n: completion(fenced)) as endpoint:
        _, (predicted,) = _extract(endpoint.url, tmp_path)
    assert [q.content[0].text for q in predicted.quotes] == ["We are ready for talks"]


def test_a_429_is_retried_with_backoff_then_answered(tmp_path: Path) -> None:
    busy = Reply(429, {"error": {"message": "slow down"}}, {"Retry-After": "0"})
    with serve(lambda body, n: busy if n == 0 else quoted_in(body)) as endpoint:
        _, (predicted,) = _extract(endpoint.url, tmp_path)
    assert len(endpoint.requests) == 2
    assert [q.content[0].text for q in predicted.quotes] == ["We are ready for talks,"]
    assert predicted.annotation.failures == ()


def test_a_server_still_failing_after_retries_and_a_timeout_are_failures(tmp_path: Path) -> None:
    down = Reply(503, {"error": {"message": "overloaded"}}, {"Retry-After": "0"})
    with serve(lambda body, n: down) as endpoint:
        _, (predicted,) = _extract(endpoint.url, tmp_path / "a", retries=1)
    assert len(endpoint.requests) == 2
    assert predicted.annotation.failures == (
        f"window 0-{len(TEXT)}: still refused after retries: HTTP 503",
    )
    slow = Reply(200, completion("{}").body, delay=2.0)
    with serve(lambda body, n: slow) as endpoint:
        _, (late,) = _extract(endpoint.url, tmp_path / "b", retries=0, timeout=0.3)
    assert late.annotation.failures == (f"window 0-{len(TEXT)}: no answer: APITimeoutError",)
    assert late.annotation.calls == ()


def test_a_refused_key_stops_the_run_without_printing_the_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", SECRET)
    refused = Reply(401, {"error": {"message": "invalid api key"}})
    with serve(lambda body, n: refused) as endpoint, pytest.raises(UnusableInput) as raised:
        _extract(endpoint.url, tmp_path)
    assert "HTTP 401" in str(raised.value) and SECRET not in str(raised.value)


def test_a_long_article_is_sent_in_overlapping_windows(tmp_path: Path) -> None:
    paragraphs = [f"\u201cPoint number {k} matters,\u201d the minister said." for k in range(40)]
    long = Document(id="long", text="\n".join(paragraphs))
    with serve(lambda body, n: quoted_in(body)) as endpoint:
        _, (predicted,) = _extract(endpoint.url, tmp_path, (long,), window=600, overlap=150)
    spans = windows(long.text, 600, 150)
    assert len(spans) > 3
    assert [r["messages"][1]["content"] for r in endpoint.requests] == [
        long.text[a:b] for a, b in spans
    ]
    assert [(c.start, c.end) for c in predicted.annotation.calls] == spans
    # every quote once, though neighbouring windows both hold some of them
    assert len(predicted.quotes) == 40 == len(predicted.annotation.alignment)


def test_the_cache_makes_a_rerun_identical_and_possible_offline(tmp_path: Path) -> None:
    with serve(lambda body, n: quoted_in(body)) as endpoint:
        first, online = _extract(endpoint.url, tmp_path)
    assert first.run_stats() == {"requests": 1, "cache_hits": 0}
    again, offline = _extract(None, tmp_path, offline=True)
    assert [d.to_json() for d in offline] == [d.to_json() for d in online]
    assert again.run_stats() == {"requests": 1, "cache_hits": 1}
    other = Document(id="b", text="Nobody said anything new.")
    with pytest.raises(UnusableInput, match="holds no answer of test-model for document 'b'"):
        _extract(None, tmp_path, (other,), offline=True)
    with pytest.raises(UnusableInput):  # another temperature is another key
        _extract(None, tmp_path, offline=True, temperature=0.7)


def test_without_an_endpoint_it_says_how_to_name_one() -> None:
    with pytest.raises(ModelMissing, match="--endpoint URL"):
        build_extractor("llm.v1")
    with pytest.raises(ModelMissing):
        build_extractor("llm.v1", model="m")


@given(
    st.text(alphabet="ab \n", max_size=400),
    st.integers(min_value=20, max_value=120),
    st.integers(min_value=0, max_value=19),
)
def test_windows_cover_the_text_in_order_within_their_size(
    text: str, size: int, overlap: int
) -> None:
    spans = windows(text, size, overlap)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    for (a, b), (c, _) in itertools.pairwise(spans):
        assert a < c <= b and b - c <= overlap  # in order, no gap, overlapping at most so much
    assert all(b - a <= size for a, b in spans)


def test_extract_and_benchmark_run_it_from_the_command_line(tmp_path: Path) -> None:
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"id": "a", "text": TEXT}) + "\n", encoding="utf-8")
    cache, first, second = tmp_path / "cache", tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    common = ("extract", "--extractor", "llm.v1", "--model", "test-model", "--input", str(docs))
    with serve(lambda body, n: quoted_in(body)) as endpoint:
        online = run(
            *common, "--output", str(first), "--endpoint", endpoint.url, "--cache-dir", str(cache)
        )
        gold = tmp_path / "gold.jsonl"
        predicted = load_documents(first)[0]
        write_documents(
            gold,
            [
                predicted.with_annotation(
                    origin="gold", alignment=(), calls=(), extractor=None, version=None
                )
            ],
        )
        out = tmp_path / "bench"
        bench = run(
            "benchmark", "--corpus", str(gold), "--convention", "quotebench.v1",
            "--output-dir", str(out), "--endpoint", endpoint.url, "--llm-model", "test-model",
            "--cache-dir", str(cache),
        )  # fmt: skip
    assert online.code == 0, online.stderr
    assert "1 request(s), 0 answered from the cache" in online.stdout
    offline = run(*common, "--output", str(second), "--offline", "--cache-dir", str(cache))
    assert offline.code == 0 and "1 answered from the cache" in offline.stdout
    assert second.read_bytes() == first.read_bytes()
    assert bench.code == 0, bench.stderr
    results = json.loads((out / "llm.v1" / "results.json").read_text(encoding="utf-8"))
    assert results["run"]["requests"] == {"requests": 1, "cache_hits": 1}
    assert results["predictions"]["calls"]["model"] == "test-model"
    assert results["metrics"]["quote.exact"]["all"]["f1"] == 1.0
    missing = run(
        *common,
        "--output",
        str(tmp_path / "x.jsonl"),
        "--offline",
        "--cache-dir",
        str(tmp_path / "empty"),
    )
    assert missing.code == 2 and "holds no answer" in missing.stderr
    assert not (tmp_path / "x.jsonl").exists()


def test_a_repeated_quote_by_two_speakers_is_kept_and_a_stale_cache_entry_is_a_miss(
    tmp_path: Path,
) -> None:
    text = "\u201cNo comment,\u201d said Ann Lee.\n\u201cNo comment,\u201d said Bob Roe."
    reply = _answer(
        {"text": "No comment", "speaker": "Ann Lee"}, {"text": "No comment", "speaker": "Bob Roe"}
    )
    with serve(lambda body, n: reply) as endpoint:
        _, (predicted,) = _extract(endpoint.url, tmp_path, (Document(id="n", text=text),))
    assert [m.text for m in predicted.mentions] == ["Ann Lee", "Bob Roe"]
    for entry in tmp_path.rglob("*.json"):
        entry.write_text('{"content": "{}", "model": "m"}')  # an entry of another layout
    with serve(lambda body, n: reply) as endpoint:
        again, (same,) = _extract(endpoint.url, tmp_path, (Document(id="n", text=text),))
    assert again.run_stats()["cache_hits"] == 0 and same.quotes == predicted.quotes


def test_a_408_after_retries_is_a_failure_and_the_run_goes_on(tmp_path: Path) -> None:
    late = Reply(408, {"error": {"message": "request timeout"}}, {"Retry-After": "0"})
    with serve(lambda body, n: late) as endpoint:
        _, (predicted,) = _extract(endpoint.url, tmp_path, retries=1)
    assert predicted.annotation.failures == (
        f"window 0-{len(TEXT)}: still refused after retries: HTTP 408",
    )
