"""The Hugging Face dataset folder: Parquet files per config and split, and the dataset card.

Three configs: ``documents`` (one row per document, nested as in the data model), ``quotes``
(one row per quote with its speaker and stances) and ``targets`` (the stance-target
inventory). Every row lies in the ``test`` split: the corpus is for evaluation.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .hf_card import CardInputs, render_card
from .hf_features import document_features, plain_value, quote_row_features, target_features
from .model import ALL_FIELDS, Document, Quote, Stance
from .output import MANIFEST, Inputs, check_output, output_folder
from .problems import InvalidData, Problem
from .targets import Target

__all__ = [
    "CONFIGS",
    "SPLIT",
    "Table",
    "build_dataset",
    "dataset_tables",
    "quote_rows",
    "row_to_document",
    "row_to_quote",
]

SPLIT = "test"
CONFIGS = ("documents", "quotes", "targets")
GUIDELINES = "GUIDELINES.md"


@dataclass(frozen=True)
class Table:
    """One config of the dataset: its name, ``Features``, rows and Parquet path in the folder."""

    name: str
    features: Any
    rows: list[dict[str, Any]]

    @property
    def split(self) -> str:
        """The config's one split."""
        return SPLIT

    @property
    def path(self) -> str:
        """The Parquet file of the config's split, relative to the dataset folder."""
        return f"data/{self.name}/{self.split}-00000-of-00001.parquet"


def quote_rows(document: Document) -> list[dict[str, Any]]:
    """One row per quote of ``document``: its fields, speaker name, source text and stances."""
    names = {e.id: e.name for e in document.entities}
    mentions = {m.id: m.text for m in document.mentions}
    return [
        {
            "document_id": document.id,
            "annotator": document.annotation.annotator,
            **quote.model_dump(mode="json"),
            "speaker_name": names.get(quote.speaker or ""),
            "source_text": mentions.get(quote.source or ""),
            "stances": [s.model_dump(mode="json") for s in document.stances if s.quote == quote.id],
        }
        for quote in document.quotes
    ]


def _out_of_range(value: Any, path: str) -> Iterator[str]:
    """Paths of integers in a JSON value that a 64-bit ``Json`` column cannot hold."""
    if isinstance(value, dict):
        for key, sub in value.items():
            yield from _out_of_range(sub, f"{path}.{key}")
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            yield from _out_of_range(sub, f"{path}[{index}]")
    elif isinstance(value, int) and not -(2**63) <= value < 2**64:
        yield path


def dataset_tables(
    documents: Sequence[Document], targets: Sequence[Target], source: str = "documents"
) -> list[Table]:
    """The three configs' tables, rows in the order of the documents and targets given.

    Raises ``InvalidData`` (naming ``source``) for ``meta.extra`` integers beyond 64 bits,
    which the dataset's JSON columns cannot store.
    """
    problems = [
        Problem(source, None, d.id, field, "integer beyond 64 bits: a JSON column cannot hold it")
        for d in documents
        for field in _out_of_range(d.meta.extra, "meta.extra")
    ]
    if problems:
        raise InvalidData(problems)
    return [
        Table(
            "documents",
            document_features(),
            [d.model_dump(mode="json", context=ALL_FIELDS) for d in documents],
        ),
        Table("quotes", quote_row_features(), [r for d in documents for r in quote_rows(d)]),
        Table("targets", target_features(), [t.model_dump(mode="json") for t in targets]),
    ]


def row_to_document(row: dict[str, Any], features: Any) -> Document:
    """A ``documents`` row as loaded by ``datasets`` back into a ``Document``."""
    return Document.model_validate_json(json.dumps(plain_value(dict(features), row)))


def row_to_quote(row: dict[str, Any], features: Any) -> tuple[Quote, tuple[Stance, ...]]:
    """A ``quotes`` row as loaded by ``datasets`` back into its ``Quote`` and stances."""
    plain = plain_value(dict(features), row)
    quote = Quote.model_validate_json(json.dumps({k: plain[k] for k in Quote.model_fields}))
    stances = tuple(Stance.model_validate_json(json.dumps(s)) for s in plain["stances"])
    return quote, stances


def _write_parquet(folder: Path, table: Table) -> None:
    import datasets

    path = folder / table.path
    path.parent.mkdir(parents=True, exist_ok=True)
    quiet = datasets.are_progress_bars_disabled()
    datasets.disable_progress_bars()
    try:
        datasets.Dataset.from_list(table.rows, features=table.features).to_parquet(str(path))
    finally:
        if not quiet:
            datasets.enable_progress_bars()


def build_dataset(
    out_dir: str | Path,
    documents: Sequence[Document],
    targets: Sequence[Target],
    inputs: CardInputs,
    *,
    sources: Inputs = (),
    overwrite: bool = False,
) -> list[Path]:
    """Write the dataset folder (Parquet per config, card, guidelines) through
    ``output.output_folder``: all at once, never over ``sources`` (the files read), never
    over a folder quotebench did not write unless ``overwrite``. Its manifest lists exactly
    the files written, which ``hf push`` uploads. Returns the files written.

    Raises ``UnusableInput`` when ``out_dir`` cannot or may not be written, ``InvalidData``
    for documents a dataset column cannot hold (see ``dataset_tables``).
    """
    check_output(out_dir, sources, folder=True, overwrite=overwrite)
    tables = dataset_tables(documents, targets)
    card = render_card(documents, targets, tables, inputs, GUIDELINES)
    with output_folder(
        out_dir, sources, overwrite=overwrite, writer="quotebench hf build"
    ) as built:
        for table in tables:
            _write_parquet(built, table)
        (built / GUIDELINES).write_text(inputs.guidelines, encoding="utf-8")
        (built / "README.md").write_text(card, encoding="utf-8")
    target = Path(out_dir)
    return sorted(p for p in target.rglob("*") if p.is_file() and p.name != MANIFEST)
