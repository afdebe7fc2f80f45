"""The dataset card (``README.md`` of the Hugging Face dataset), generated from the data.

Every figure in the card is computed from the documents, the target inventory, the
guidelines, the seed manifest and the harness's ``results.json`` files given to it; the card
reads those files and never runs evaluation code.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .hf_card_inputs import CardInputs, ExtractorResults
from .hf_features import ROOT_MODELS, field_rows
from .model import QUOTE_TYPES, STANCE_LABELS, Document
from .stats import document_counts, total_counts
from .targets import Target

if TYPE_CHECKING:
    from .hf_build import Table

__all__ = [
    "TASK_CATEGORIES",
    "TASK_IDS",
    "annotator_rows",
    "card_license",
    "card_tasks",
    "developed_on",
    "guideline_sections",
    "render_card",
    "score_rows",
    "size_category",
]

PRETTY_NAME = "quotebench: who said what, and for or against what, in news"
# Ids from the hub's task list (huggingface.js ``pipelines.ts``), each claimed only when the
# data holds it: quotes are spans labelled in the text (token classification); mentions
# clustered into entities are coreference (a token-classification subtask); stance is a
# three-way classification of (quote, target) pairs (text classification).
TASK_CATEGORIES = ("token-classification", "text-classification")
TASK_IDS = ("coreference-resolution", "multi-class-classification")
TAGS = ("quotation-attribution", "stance-detection", "speaker-attribution", "news")
CREATORS = {"gold": "expert-generated", "label-studio": "expert-generated"}
SCORE_KEYS = ("f1", "macro_f1", "f_avg")
SKIPPED_SCORES = ("labels", "confusion", *QUOTE_TYPES)  # breakdowns left to the files
ROW_MEANING = {
    "documents": "one article with all its annotations, nested",
    "quotes": "one quote with its document id, speaker name, source text and stances",
    "targets": "one stance target of the inventory (read `stances[].target` with it)",
}


def card_license(documents: Sequence[Document]) -> str:
    """``unknown`` unless every document's text carries the same known license."""
    licenses = {d.meta.license for d in documents}
    if len(licenses) == 1 and None not in licenses:
        return str(licenses.pop())
    return "unknown" if None in licenses or not licenses else "other"


def size_category(rows: int) -> str:
    """The hub's size category for a config of ``rows`` rows."""
    bounds = [(1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K")]
    bounds += [(1_000_000, "100K<n<1M"), (10_000_000, "1M<n<10M")]
    return next((label for bound, label in bounds if rows < bound), "n>10M")


def card_tasks(documents: Sequence[Document]) -> tuple[list[str], list[str]]:
    """The hub's task categories and task ids that the documents' annotations fit."""
    coreference = any(
        len({m.id for m in d.mentions if m.entity == e.id}) > 1
        for d in documents
        for e in d.entities
    )
    stances = any(d.stances for d in documents)
    categories = [TASK_CATEGORIES[0]] * any(d.quotes or d.mentions for d in documents)
    categories += [TASK_CATEGORIES[1]] * stances
    ids = [TASK_IDS[0]] * coreference + [TASK_IDS[1]] * stances
    return categories, ids


def _metadata(documents: Sequence[Document], tables: Sequence[Table]) -> str:
    from huggingface_hub import DatasetCardData

    languages = sorted({d.meta.language for d in documents if d.meta.language})
    creators = {CREATORS.get(d.annotation.origin, "machine-generated") for d in documents}
    configs = [
        {
            "config_name": t.name,
            "data_files": [{"split": t.split, "path": t.path}],
            **({"default": True} if t.name == "documents" else {}),
        }
        for t in tables
    ]
    data = DatasetCardData(
        pretty_name=PRETTY_NAME,
        license=card_license(documents),
        language=languages,
        multilinguality="monolingual" if len(languages) == 1 else "multilingual",
        task_categories=card_tasks(documents)[0],
        task_ids=card_tasks(documents)[1],
        tags=list(TAGS),
        size_categories=[size_category(max(len(t.rows) for t in tables))],
        annotations_creators=sorted(creators),
        language_creators=["found"],
        source_datasets=["original"],
        configs=configs,
    )
    return data.to_yaml()


def _plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else words or word + 's'}"


def _summary(documents: Sequence[Document], targets: Sequence[Target]) -> str:
    total = total_counts(document_counts(d) for d in documents)
    types = ", ".join(f"{total.get(f'quotes.{t}', 0)} {t}" for t in QUOTE_TYPES)
    return (
        f"Who said what, and for or against what, in news: {_plural(len(documents), 'article')}"
        f" ({total.get('characters', 0)} characters) annotated by hand with"
        f" {_plural(total.get('quotes', 0), 'quote')} ({types}), their cues and sources,"
        f" {_plural(total.get('mentions', 0), 'mention')} of"
        f" {_plural(total.get('entities', 0), 'speaking entity', 'speaking entities')},"
        f" and {_plural(total.get('stances', 0), 'stance')} toward the"
        f" {_plural(len(targets), 'target')} of a stance-target inventory."
    )


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def _cell(value: Any) -> str:
    text = "null" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def _json_block(value: Any) -> str:
    return "```json\n" + json.dumps(value, indent=2, ensure_ascii=False) + "\n```"


def _abridged(row: Mapping[str, Any], width: int = 200) -> dict[str, Any]:
    """A row with its text cut to ``width`` characters and each list to its first item."""
    cut = {k: v[:1] if isinstance(v, list) else v for k, v in row.items()}
    cut["text"] = row["text"][:width] + ("..." if len(row["text"]) > width else "")
    return cut


def _structure(tables: Sequence[Table]) -> str:
    by_name = {t.name: t for t in tables}
    configs = _table(
        ["config", "split", "rows", "file", "one row is"],
        [(t.name, t.split, len(t.rows), f"`{t.path}`", ROW_MEANING[t.name]) for t in tables],
    )
    parts = [
        "### Configs and splits",
        configs,
        "Every row is in the `test` split: the corpus is a gold standard for evaluating"
        " extractors and stance models, and too small to train on. Load a config with"
        ' `datasets.load_dataset(REPO_OR_FOLDER, name="quotes", split="test")`. Offsets are'
        " Unicode code points (Python string indices) into the document's `text`, end"
        " exclusive. Class labels are stored as integers; `features[...].int2str` names them.",
    ]
    quotes, documents = by_name["quotes"], by_name["documents"]
    if quotes.rows:
        parts += ["### Example row (`quotes`, first row)", _json_block(_encoded(quotes, 0))]
    if documents.rows:
        parts += [
            "### Example row (`documents`, first row; its text cut to 200 characters and each"
            " list to its first item)",
            _json_block(_abridged(_encoded(documents, 0))),
        ]
    return "\n\n".join(parts)


def _encoded(table: Table, index: int) -> dict[str, Any]:
    row = table.features.encode_example(table.rows[index])
    if isinstance(row.get("meta", {}).get("extra"), str):
        row["meta"]["extra"] = json.loads(row["meta"]["extra"])
    return row


def _fields(tables: Sequence[Table]) -> str:
    parts = []
    for table in tables:
        rows = list(field_rows(ROOT_MODELS[table.name], table.features))
        parts += [f"#### `{table.name}`", _table(["column", "type", "description"], rows)]
    return "### Fields\n\n" + "\n\n".join(parts)


def _statistics(documents: Sequence[Document], targets: Sequence[Target]) -> str:
    total = total_counts(document_counts(d) for d in documents)
    counts = _table(["count", "total"], [("documents", len(documents)), *total.items()])
    pairs = [(s.target, s.label) for d in documents for s in d.stances]
    per_target = _table(
        ["target", *STANCE_LABELS],
        [(t.id, *(pairs.count((t.id, label)) for label in STANCE_LABELS)) for t in targets],
    )
    return "\n\n".join(["### Statistics", counts, "Stances per target and label:", per_target])


def guideline_sections(guidelines: str) -> list[tuple[str, list[str]]]:
    """``(section title, rule ids)`` for every ``## `` section of the guidelines, in order."""
    sections: list[tuple[str, list[str]]] = []
    for line in guidelines.splitlines():
        if line.startswith("## "):
            sections.append((line[3:].strip(), []))
        elif sections:
            sections[-1][1].extend(re.findall(r"\*\*(R-[A-Z0-9-]+)\*\*", line))
    return sections


def _annotation(documents: Sequence[Document], guidelines: str, link: str) -> str:
    sections = guideline_sections(guidelines)
    rules = _table(
        ["section", "rules"],
        [(title, ", ".join(ids) or "-") for title, ids in sections],
    )
    return "\n\n".join(
        [
            "#### Annotation process",
            "Each document was read in full and annotated with the quotes it reports (content,"
            " cue, source mention, resolved speaker, nesting), every mention of a speaking"
            " entity, the stance each quote expresses toward each target of the inventory, and"
            " the quotation-mark spans that are not quotes, following the project's annotation"
            f" guidelines, shipped with this dataset as [{link}]({link}). They hold"
            f" {_plural(sum(len(ids) for _, ids in sections), 'numbered rule')} in"
            f" {_plural(len(sections), 'section')}:",
            rules,
            "#### Who are the annotators?",
            _annotators(documents),
        ]
    )


def annotator_rows(documents: Sequence[Document]) -> list[tuple[str, str, str, int]]:
    """``(annotator, origin, tool, documents)`` per provenance in ``annotation``, sorted."""
    counts: dict[tuple[str, str, str], int] = {}
    for d in documents:
        a = d.annotation
        tool = " ".join(v for v in (a.extractor, a.version) if v) if a.extractor else "-"
        key = (a.annotator or "unnamed", a.origin, tool)
        counts[key] = counts.get(key, 0) + 1
    return [(*key, count) for key, count in sorted(counts.items())]


def _annotators(documents: Sequence[Document]) -> str:
    rows = annotator_rows(documents)
    people = {r[0] for r in rows if r[1] in CREATORS and r[0] != "unnamed"}
    tools = {r[2] for r in rows if r[2] != "-"}
    summary = (
        f"Recorded in each document's `annotation`: {_plural(len(people), 'named annotator')}"
        f" and {_plural(len(tools), 'tool')}, over {_plural(len(documents), 'document version')}"
        " (origin `gold` and `label-studio` are people's work, `extractor` a system's,"
        " `import` another corpus's annotation):"
    )
    return "\n\n".join([summary, _table(["annotator", "origin", "tool", "documents"], rows)])


def _score_cell(value: Any, interval: Any) -> str:
    if not isinstance(value, int | float):
        return "null"
    bounds = interval if isinstance(interval, list) and len(interval) == 2 else None
    return f"{value:.3f}" + (f" [{bounds[0]:.2f}, {bounds[1]:.2f}]" if bounds else "")


def _scores(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """``(score name, cell)`` for every ``SCORE_KEYS`` entry under ``value``, per-type slices
    and per-label breakdowns left out."""
    if not isinstance(value, Mapping):
        return
    for key, sub in value.items():
        if key in SCORE_KEYS and not isinstance(sub, Mapping | list):
            yield f"{path} ({key})", _score_cell(sub, value.get(f"{key}_ci95"))
        elif key not in SKIPPED_SCORES:
            yield from _scores(sub, f"{path}.{key}" if path else str(key))


def score_rows(
    results: Sequence[ExtractorResults], stance: bool
) -> tuple[list[str], list[tuple[str, ...]]]:
    """The results files that scored anything, and ``(score, cell per file...)`` rows.

    Scores come from each file's ``metrics`` block: quote, cue and speaker scores when
    ``stance`` is false, ``stance.*`` scores when true; a file's unscored metric is null.
    """
    found: dict[str, dict[str, str]] = {}
    for result in results:
        metrics = result.data.get("metrics")
        for name, cell in _scores(metrics if isinstance(metrics, Mapping) else {}, ""):
            if name.startswith("stance.") == stance:
                found.setdefault(name, {})[result.label] = cell
    labels = [r.label for r in results if any(r.label in by for by in found.values())]
    rows = [
        (name, *(by.get(label, "not scored") for label in labels)) for name, by in found.items()
    ]
    return labels, rows


def developed_on(label: str, leaderboard: Mapping[str, Any] | None) -> str:
    """Whether the extractor of a results folder was developed on the data it was scored on,
    as the benchmark's leaderboard records it (``unknown`` without one)."""
    extractors = (leaderboard or {}).get("extractors")
    entry = extractors.get(label.split("/")[0]) if isinstance(extractors, Mapping) else None
    if not isinstance(entry, Mapping) or "developed_on_this_corpus" not in entry:
        return "unknown"
    if entry["developed_on_this_corpus"]:
        return "yes: not a held-out figure"
    return "no"


def _provenance_of(
    result: ExtractorResults, leaderboard: Mapping[str, Any] | None
) -> tuple[Any, ...]:
    """A results file's row: the file, the system and version scored, whether the system was
    developed on this data, the gold's sha256."""
    pred, gold = (result.data.get(k) for k in ("predictions", "gold"))
    pred, gold = (b if isinstance(b, Mapping) else {} for b in (pred, gold))
    return (
        f"`{result.label}/results.json`",
        pred.get("extractor"),
        pred.get("version"),
        developed_on(result.label, leaderboard),
        gold.get("sha256"),
    )


def _results(results: Sequence[ExtractorResults], leaderboard: Mapping[str, Any] | None) -> str:
    if not results:
        return (
            "No baseline results were given when this card was built, so none are reported"
            " here. `quotebench benchmark --output-dir DIR` scores the registered extractors;"
            " `quotebench hf build OUT_DIR --results DIR` puts their scores in this card."
        )
    parts = [
        "Scores as written in the harness's results files, over all quote types, with their"
        " 95% bootstrap intervals where the file gives them; per-type and per-label scores,"
        " counts and the reasons for null scores are in the files.",
        _table(
            ["results file", "system", "version", "developed on this data", "gold sha256"],
            [_provenance_of(r, leaderboard) for r in results],
        ),
    ]
    extractors = [r for r in results if "/" not in r.label]  # stance models' files repeat them
    for title, stance in (("Quotes, cues and speakers", False), ("Stance", True)):
        labels, rows = score_rows(results if stance else extractors, stance)
        if rows:
            parts += [f"### {title}", _table(["score", *labels], rows)]
    return "\n\n".join(parts if len(parts) > 2 else [*parts, "The results files hold no score."])


def _limitations(documents: Sequence[Document], targets: Sequence[Target]) -> str:
    per_doc: dict[str, set[str | None]] = {}
    for d in documents:
        per_doc.setdefault(d.id, set()).add(d.annotation.annotator)
    most = max((len(a) for a in per_doc.values()), default=0)
    outlets = {d.meta.outlet for d in documents if d.meta.outlet}
    items = [
        f"Size: {_plural(len(per_doc), 'article')}, {_plural(len(outlets), 'known outlet')}"
        + (
            ". Every figure measured on it reflects one writer, one topic and one event, and"
            " confidence intervals over one document can only resample its quotes."
            if len(per_doc) == 1
            else "."
        ),
        f"Annotators: at most {_plural(most, 'annotator')} per document"
        + (
            ", so there is no inter-annotator agreement to bound what a system can reach, and"
            " one person's reading of borderline cases is the gold."
            if most <= 1
            else "."
        ),
        f"Stance covers only the {_plural(len(targets), 'target')} of the inventory"
        f" ({'; '.join(t.label for t in targets)}): positions on anything else are not"
        " recorded, and a quote with no stance row took none toward these targets.",
        "Source bias: the speakers are those the article chose to quote, in its words; the"
        " corpus says what was reported, not what is true.",
    ]
    return "\n".join(f"- {item}" for item in items) + (
        "\n\n### Recommendations\n\nUse the corpus to evaluate, not to train; report every"
        " matching mode and confidence intervals; do not generalise from it to other outlets,"
        " topics or languages."
    )


def _provenance(documents: Sequence[Document], manifest: Sequence[Mapping[str, Any]]) -> str:
    rows = [
        (
            d.id,
            *(
                getattr(d.meta, f) or "unknown"
                for f in ("source_file", "sha256", "outlet", "published", "url", "license")
            ),
        )
        for d in documents
    ]
    header = ["document", "source file", "sha256", "outlet", "published", "url", "license"]
    notes = [
        f"- `{e.get('document_id') or e.get('file')}`: {e['notes']}"
        for e in manifest
        if e.get("notes") and e.get("document_id") in {d.id for d in documents}
    ]
    license_line = f"The license of the annotated text is `{card_license(documents)}`: " + (
        "no license was given with the source text, so its terms of reuse are unknown."
        " The annotations are released with the project; check the source text's terms"
        " before redistributing it."
        if card_license(documents) == "unknown"
        else "as recorded in each document's metadata."
    )
    parts = [license_line, _table(header, rows)]
    return "\n\n".join(
        parts + (["Notes from the seed manifest:", "\n".join(notes)] if notes else [])
    )


def _citation(citation: str | None, guidelines: str) -> str:
    references = next((p for p in guidelines.split("\n\n") if p.startswith("References:")), None)
    cite = (
        f"```bibtex\n{citation.strip()}\n```"
        if citation
        else "No citation was given for this corpus when the card was built"
        " (`quotebench hf build --citation FILE` takes a BibTeX entry)."
    )
    scheme = (
        f"\n\nThe annotation scheme builds on these works (from the guidelines):\n\n{references}"
        if references
        else ""
    )
    return cite + scheme


def _details(documents: Sequence[Document]) -> str:
    languages = sorted({d.meta.language or "unknown" for d in documents})
    return "\n\n".join(
        [
            "### Dataset Description",
            "A gold standard for quotation attribution and stance in news: for each quote,"
            " the reported content (one or more segments), the cue that signals the report,"
            " the mention that introduces the speaker and the resolved speaker entity, nested"
            " attributions, and the stance (favor, against, neutral; explicit or implicit) the"
            " speaker takes toward targets of a fixed inventory.",
            f"- **Language(s):** {', '.join(languages)}\n"
            f"- **License:** {card_license(documents)} (see License and Provenance)",
            "## Uses",
            "### Direct Use",
            "Evaluating quote extraction (content and cue spans, quote type), speaker"
            " attribution (source mention, speaker entity) and stance detection toward given"
            " targets, with the quotebench harness or any span-matching scorer.",
            "### Out-of-Scope Use",
            "Training models (the corpus is a test set, and small); judging what speakers"
            " believe or whether their claims are true; stance toward targets outside the"
            " inventory.",
        ]
    )


def _source_data(documents: Sequence[Document]) -> str:
    outlets = sorted({d.meta.outlet for d in documents if d.meta.outlet})
    return "\n\n".join(
        [
            "### Source Data",
            "#### Data Collection and Processing",
            "Each article's text is kept exactly as received (its sha256 is in `meta.sha256`);"
            " paragraphs are its lines. Nothing was normalised or removed.",
            "#### Who are the source data producers?",
            f"Known outlets: {', '.join(outlets) or 'none (the outlet is unknown)'}."
            " See License and Provenance.",
        ]
    )


def _personal(documents: Sequence[Document]) -> str:
    kinds = [e.kind for d in documents for e in d.entities]
    linked = sum(1 for d in documents for e in d.entities if e.wikidata)
    return (
        "#### Personal and Sensitive Information\n\nThe entities are speakers named in"
        " published news ("
        + ", ".join(f"{kinds.count(k)} {k}" for k in sorted(set(kinds)))
        + f"); {linked} carry a Wikidata id. The data reports their public statements and"
        " political positions as the article does; no other personal data was added."
    )


def render_card(
    documents: Sequence[Document],
    targets: Sequence[Target],
    tables: Sequence[Table],
    inputs: CardInputs,
    guidelines_link: str,
) -> str:
    """The dataset card: YAML metadata, then the sections of the hub's card template."""
    sections = [
        f"# Dataset Card for {PRETTY_NAME}",
        _summary(documents, targets),
        "## Dataset Details",
        _details(documents),
        "## Dataset Structure",
        _structure(tables),
        _fields(tables),
        _statistics(documents, targets),
        "## Dataset Creation",
        _source_data(documents),
        "### Annotations",
        _annotation(documents, inputs.guidelines, guidelines_link),
        _personal(documents),
        "## Baseline Results",
        _results(inputs.results, inputs.leaderboard),
        "## Bias, Risks, and Limitations",
        _limitations(documents, targets),
        "## License and Provenance",
        _provenance(documents, inputs.manifest),
        "## Citation",
        _citation(inputs.citation, inputs.guidelines),
    ]
    return f"---\n{_metadata(documents, tables)}\n---\n\n" + "\n\n".join(sections) + "\n"
