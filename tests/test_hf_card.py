"""The generated dataset card: metadata, sections, figures computed from the data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from huggingface_hub import DatasetCard

from quotebench.corpus import (
    QUOTE_TYPES,
    Annotation,
    Document,
    InvalidData,
    Meta,
    UnusableInput,
    load_gold,
    load_targets,
)
from quotebench.corpus.hf_build import dataset_tables, quote_rows
from quotebench.corpus.hf_card import (
    card_license,
    card_tasks,
    guideline_sections,
    render_card,
    score_rows,
    size_category,
)
from quotebench.corpus.hf_card_inputs import CardInputs, load_manifest, load_results
from quotebench.corpus.hf_features import ROOT_MODELS, field_rows
from quotebench.corpus.stats import document_counts, total_counts

ROOT = Path(__file__).resolve().parent.parent
GUIDELINES = (ROOT / "annotation" / "GUIDELINES.md").read_text(encoding="utf-8")
MANIFEST = ROOT / "seeds" / "MANIFEST.json"
SECTIONS = (
    "## Dataset Details",
    "### Dataset Description",
    "## Uses",
    "## Dataset Structure",
    "### Fields",
    "### Statistics",
    "## Dataset Creation",
    "### Source Data",
    "#### Annotation process",
    "#### Who are the annotators?",
    "#### Personal and Sensitive Information",
    "## Baseline Results",
    "## Bias, Risks, and Limitations",
    "## License and Provenance",
    "## Citation",
)


def _card(documents=None, inputs: CardInputs | None = None) -> str:
    documents = load_gold() if documents is None else documents
    tables = dataset_tables(documents, load_targets())
    inputs = inputs or CardInputs(GUIDELINES, load_manifest(MANIFEST))
    return render_card(documents, load_targets(), tables, inputs, "GUIDELINES.md")


def _section(card: str, heading: str) -> str:
    start = card.index(heading + "\n")
    level = heading.split(" ")[0]
    rest = card[start + len(heading) :]
    ends = [m.start() for m in re.finditer(rf"^#{{1,{len(level)}}} ", rest, re.M)]
    return rest[: ends[0]] if ends else rest


def _write_results(folder: Path, name: str, data: object) -> None:
    (folder / name).mkdir(parents=True)
    (folder / name / "results.json").write_text(json.dumps(data), encoding="utf-8")


def test_metadata_holds_what_the_hub_reads() -> None:
    data = DatasetCard(_card()).data
    assert data.license == "unknown"
    assert data.language == ["en"]
    assert {"quotation-attribution", "stance-detection"} <= set(data.tags)
    assert data.task_categories == ["token-classification", "text-classification"]
    assert data.annotations_creators == ["expert-generated"]
    assert data.size_categories == ["n<1K"]
    assert data.pretty_name
    configs = {c["config_name"]: c["data_files"] for c in data.configs}
    tables = dataset_tables(load_gold(), load_targets())
    assert configs == {t.name: [{"split": "test", "path": t.path}] for t in tables}


def test_the_card_has_every_section_of_the_hub_template_in_order() -> None:
    card = _card()
    positions = [card.index(heading + "\n") for heading in SECTIONS]
    assert positions == sorted(positions)


def test_statistics_are_the_corpus_counts() -> None:
    section = _section(_card(), "### Statistics")
    table = dict(re.findall(r"^\| ([a-z_.]+) \| (\d+) \|$", section, re.M))
    expected = {"documents": len(load_gold())} | total_counts(map(document_counts, load_gold()))
    assert {k: int(v) for k, v in table.items()} == expected


def test_the_summary_counts_quotes_of_every_type() -> None:
    total = total_counts(map(document_counts, load_gold()))
    summary = " ".join(f"{total[f'quotes.{t}']} {t}" for t in QUOTE_TYPES)
    assert summary.replace(" ", "") in _card().replace(",", "").replace(" ", "")


def test_the_example_row_is_the_first_quote_row() -> None:
    section = _section(_card(), "### Example row (`quotes`, first row)")
    row = json.loads(section.split("```json\n")[1].split("\n```")[0])
    first = quote_rows(load_gold()[0])[0]
    assert QUOTE_TYPES[row["type"]] == first["type"]
    assert {k: v for k, v in row.items() if k not in ("type", "stances")} == {
        k: v for k, v in first.items() if k not in ("type", "stances")
    }


@pytest.mark.parametrize("config", ["documents", "quotes", "targets"])
def test_every_column_is_described(config: str) -> None:
    table = next(t for t in dataset_tables(load_gold(), load_targets()) if t.name == config)
    rows = list(field_rows(ROOT_MODELS[config], table.features))
    assert all(description for _, _, description in rows)
    assert {path for path, _, _ in rows} >= set(table.features)
    section = _section(_card(), f"#### `{config}`")
    assert all(f"| {path} |" in section for path, _, _ in rows)


def test_the_annotation_section_links_and_summarises_the_guidelines() -> None:
    section = _section(_card(), "#### Annotation process")
    assert "[GUIDELINES.md](GUIDELINES.md)" in section
    for title, rules in guideline_sections(GUIDELINES):
        assert title in section
        assert all(rule in section for rule in rules)
    total = sum(len(rules) for _, rules in guideline_sections(GUIDELINES))
    assert f"{total} numbered rules" in section


def test_guideline_sections_collect_rule_ids_per_section() -> None:
    text = "# G\n\n## 1. A\n\n- **R-A-1** x **R-A-2** y\n\n## 2. B\n\nno rule\n"
    assert guideline_sections(text) == [("1. A", ["R-A-1", "R-A-2"]), ("2. B", [])]


def test_without_results_the_card_says_so() -> None:
    section = _section(_card(), "## Baseline Results")
    assert "No baseline results were given" in section


def _harness_like(extractor: str, quote: object, stance: object) -> dict:
    """A results file in the harness's layout (``quotebench.results/1``)."""
    return {
        "gold": {"sha256": "ab" * 32},
        "predictions": {"extractor": extractor, "version": "2"},
        "metrics": {"quote.strict": quote, "stance.oracle": stance},
        "run": {"metrics": {"quote.strict": {"all": {"f1": 0.9}}}},
    }


def test_results_become_score_tables_per_file(tmp_path: Path) -> None:
    prf = {"precision": 0.5, "recall": 0.25, "f1": 0.333333, "f1_ci95": [0.1, 0.6]}
    quote = {"all": prf, "direct": {**prf, "f1": 0.75}}
    stance = {"all": {"macro_f1": 0.5, "f_avg": None, "labels": {"favor": {"f1": 1.0}}}}
    _write_results(tmp_path, "b.v1", _harness_like("b.v1", quote, None))
    _write_results(tmp_path, "a.v1", _harness_like("a.v1", None, None))
    _write_results(tmp_path / "b.v1", "lex.v1", _harness_like("lex.v1", quote, stance))
    results = load_results(tmp_path)
    assert [r.label for r in results] == ["a.v1", "b.v1", "b.v1/lex.v1"]
    labels, rows = score_rows(results, stance=False)
    assert labels == ["b.v1", "b.v1/lex.v1"]
    assert rows == [("quote.strict.all (f1)", "0.333 [0.10, 0.60]", "0.333 [0.10, 0.60]")]
    labels, rows = score_rows(results, stance=True)
    assert labels == ["b.v1/lex.v1"]
    assert rows == [
        ("stance.oracle.all (macro_f1)", "0.500"),
        ("stance.oracle.all (f_avg)", "null"),
    ]
    section = _section(_card(inputs=CardInputs(GUIDELINES, (), results)), "## Baseline Results")
    assert "| `b.v1/lex.v1/results.json` | lex.v1 | 2 | unknown | " + "ab" * 32 + " |" in section
    assert "| score | b.v1 |\n" in section  # a stance model's file repeats its quote scores
    assert "| stance.oracle.all (macro_f1) | 0.500 |" in section
    assert "0.900" not in section and "1.000" not in section and "0.750" not in section


def test_results_without_scores_are_said_to_hold_none(tmp_path: Path) -> None:
    _write_results(tmp_path, "x.v1", {"predictions": {"extractor": "x.v1"}})
    section = _section(
        _card(inputs=CardInputs(GUIDELINES, (), load_results(tmp_path))), "## Baseline Results"
    )
    assert "| `x.v1/results.json` | x.v1 | null | unknown | null |" in section
    assert section.rstrip().endswith("The results files hold no score.")


@pytest.mark.parametrize(
    ("content", "error", "message"),
    [
        (None, UnusableInput, "holds no <extractor>/results.json"),
        ('{"f1": ', InvalidData, "results.json:1"),
        ("[1, 2]", InvalidData, "not a JSON object"),
    ],
)
def test_unusable_results_are_refused(tmp_path: Path, content, error, message) -> None:
    if content is not None:
        (tmp_path / "x").mkdir()
        (tmp_path / "x" / "results.json").write_text(content, encoding="utf-8")
    with pytest.raises(error, match=re.escape(message)):
        load_results(tmp_path)


def test_limitations_are_computed_from_the_documents() -> None:
    gold = load_gold()[0]
    section = _section(_card(), "## Bias, Risks, and Limitations")
    assert "1 article" in section and "at most 1 annotator per document" in section
    second = gold.model_copy(update={"annotation": Annotation(annotator="b", origin="gold")})
    section = _section(_card([gold, second]), "## Bias, Risks, and Limitations")
    assert "at most 2 annotators per document" in section


def test_provenance_lists_each_document_and_the_manifest_notes() -> None:
    section = _section(_card(), "## License and Provenance")
    for document in load_gold():
        assert (
            f"| {document.id} | {document.meta.source_file} | {document.meta.sha256} |" in section
        )
    notes = [e["notes"] for e in json.loads(MANIFEST.read_text(encoding="utf-8"))]
    assert all(note in section for note in notes)


@pytest.mark.parametrize(
    ("licenses", "expected"),
    [
        ([None], "unknown"),
        (["cc-by-4.0"], "cc-by-4.0"),
        (["cc-by-4.0", None], "unknown"),
        (["cc-by-4.0", "mit"], "other"),
    ],
)
def test_card_license(licenses: list[str | None], expected: str) -> None:
    documents = [
        Document(id=f"d{i}", text="x", meta=Meta(license=v)) for i, v in enumerate(licenses)
    ]
    assert card_license(documents) == expected


@pytest.mark.parametrize(
    ("rows", "expected"), [(0, "n<1K"), (999, "n<1K"), (1000, "1K<n<10K"), (10**7, "n>10M")]
)
def test_size_category(rows: int, expected: str) -> None:
    assert size_category(rows) == expected


def _leaderboard(developed: bool | None) -> dict:
    entry = {} if developed is None else {"developed_on_this_corpus": developed}
    return {"extractors": {"b.v1": entry}}


@pytest.mark.parametrize(
    ("developed", "cell"),
    [(True, "yes: not a held-out figure"), (False, "no"), (None, "unknown")],
)
def test_each_results_row_says_whether_its_extractor_was_developed_on_the_data(
    tmp_path: Path, developed: bool | None, cell: str
) -> None:
    _write_results(tmp_path, "b.v1", _harness_like("b.v1", None, None))
    inputs = CardInputs(GUIDELINES, (), load_results(tmp_path), _leaderboard(developed))
    section = _section(_card(inputs=inputs), "## Baseline Results")
    assert f"| `b.v1/results.json` | b.v1 | 2 | {cell} | " in section


def test_results_scored_on_another_gold_are_refused(tmp_path: Path) -> None:
    _write_results(tmp_path, "b.v1", _harness_like("b.v1", None, None))
    with pytest.raises(InvalidData, match="scored on another gold") as caught:
        load_results(tmp_path, gold_sha256="cd" * 32)
    assert caught.value.problems[0].field == "gold.sha256"
    assert len(load_results(tmp_path, gold_sha256="ab" * 32)) == 1


def test_the_citation_is_the_one_given_or_said_to_be_missing() -> None:
    given = "@misc{mine,\n  title = {My corpus}\n}"
    section = _section(_card(inputs=CardInputs(GUIDELINES, citation=given)), "## Citation")
    assert f"```bibtex\n{given}\n```" in section
    missing = _section(_card(inputs=CardInputs(GUIDELINES)), "## Citation")
    assert "No citation was given" in missing and "@misc" not in missing


def test_annotators_and_tools_are_counted_from_the_provenance() -> None:
    gold = load_gold()[0]
    versions = [
        gold,
        gold.model_copy(
            update={"annotation": Annotation(annotator="b@x.org", origin="label-studio")}
        ),
        gold.model_copy(
            update={"annotation": Annotation(origin="extractor", extractor="dep.v1", version="1")}
        ),
    ]
    section = _section(_card(versions), "#### Who are the annotators?")
    assert "2 named annotators and 1 tool, over 3 document versions" in section
    assert "| b@x.org | label-studio | - | 1 |" in section
    assert "| unnamed | extractor | dep.v1 1 | 1 |" in section


@pytest.mark.parametrize(
    ("keep", "categories", "ids"),
    [
        (
            {"mentions", "stances"},
            ["token-classification", "text-classification"],
            ["coreference-resolution", "multi-class-classification"],
        ),
        ({"mentions"}, ["token-classification"], ["coreference-resolution"]),
        (set(), ["token-classification"], []),
    ],
    ids=["seed", "no stances", "no coreference"],
)
def test_task_ids_are_only_those_the_data_holds(keep, categories, ids) -> None:
    gold = load_gold()[0]
    cut = {"stances": (), "mentions": (), "quotes": tuple(q.model_copy(update={"source": None,
           "speaker": None}) for q in gold.quotes), "entities": ()}  # fmt: skip
    kept = keep | ({"entities"} if "mentions" in keep else set())
    document = gold.model_copy(update={k: v for k, v in cut.items() if k not in kept})
    if "mentions" in keep:
        document = document.model_copy(update={"quotes": gold.quotes})
    assert card_tasks([document]) == (categories, ids)
