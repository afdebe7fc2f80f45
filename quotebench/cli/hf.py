"""``quotebench hf build|push``: a gold corpus as a Hugging Face dataset."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from quotebench.corpus import Collection, Document, Target, load_collection, load_gold, load_targets
from quotebench.corpus.hf_card_inputs import (
    CardInputs,
    load_citation,
    load_leaderboard,
    load_manifest,
    load_results,
)

from .app import app
from .common import EXIT_UNUSABLE, OverwriteOption, TargetsOption, echo_json, reporting

if TYPE_CHECKING:
    from quotebench.corpus.hf_push import UploadPlan

hf_app = typer.Typer(help="Publish the corpus as a Hugging Face dataset.", no_args_is_help=True)
app.add_typer(hf_app, name="hf")

SEED_MANIFEST = Path(__file__).resolve().parents[2] / "seeds" / "MANIFEST.json"
PACKAGED_CITATION = "citation.bib"

CorpusOption = Annotated[
    Path | None,
    typer.Option(help="A gold collection (JSON Lines) to publish (default: the packaged gold)."),
]
ResultsOption = Annotated[
    Path | None,
    typer.Option(help="A `quotebench benchmark --output-dir` folder scored on this corpus."),
]
ManifestOption = Annotated[
    Path | None,
    typer.Option(help="A seed manifest (default: seeds/MANIFEST.json, for the packaged gold)."),
]
CitationOption = Annotated[
    Path | None,
    typer.Option(
        help="A BibTeX file for the card's Citation (default: the packaged gold's, or"
        " meta.extra.citation when every document carries the same one)."
    ),
]


@dataclass(frozen=True)
class _Release:
    """What a build reads: the corpus, its inventory, the card's inputs, the files read."""

    documents: list[Document]
    targets: tuple[Target, ...]
    inputs: CardInputs
    sources: tuple[Path, ...]


def _citation(path: Path | None, documents: list[Document], packaged: bool) -> str | None:
    if path is not None:
        return load_citation(path)
    if packaged:
        packaged_file = resources.files("quotebench.corpus") / "data" / PACKAGED_CITATION
        return load_citation(Path(str(packaged_file)))
    given = {d.meta.extra.get("citation") for d in documents}
    value = given.pop() if len(given) == 1 else None
    return value if isinstance(value, str) and value.strip() else None


def _release(
    corpus: Path | None,
    targets: Path | None,
    results: Path | None,
    manifest: Path | None,
    citation: Path | None,
) -> _Release:
    inventory = load_targets(targets)
    gold = Collection.of("gold", load_gold()) if corpus is None else (
        load_collection(corpus, inventory)[0]
    )  # fmt: skip
    documents = list(gold.documents)
    if corpus is None and manifest is None and SEED_MANIFEST.is_file():
        manifest = SEED_MANIFEST
    guidelines = resources.files("quotebench.annotation") / "GUIDELINES.md"
    inputs = CardInputs(
        guidelines=guidelines.read_text(encoding="utf-8"),
        manifest=load_manifest(manifest) if manifest else (),
        results=load_results(results, gold.sha256) if results else (),
        leaderboard=load_leaderboard(results) if results else None,
        citation=_citation(citation, documents, corpus is None),
    )
    read = (corpus, targets, results, manifest, citation)
    return _Release(documents, inventory, inputs, tuple(p for p in read if p is not None))


def _build(out_dir: Path, release: _Release, overwrite: bool) -> list[Path]:
    from quotebench.corpus.hf_build import build_dataset

    return build_dataset(
        out_dir, release.documents, release.targets, release.inputs,
        sources=release.sources, overwrite=overwrite,
    )  # fmt: skip


@hf_app.command()
def build(
    out_dir: Annotated[Path, typer.Argument(help="The dataset folder to write.")],
    corpus: CorpusOption = None,
    targets: TargetsOption = None,
    results: ResultsOption = None,
    manifest: ManifestOption = None,
    citation: CitationOption = None,
    overwrite: OverwriteOption = False,
    as_json: Annotated[bool, typer.Option("--json", help="List the files as JSON.")] = False,
) -> None:
    """Write a gold corpus as Parquet configs with a generated dataset card."""
    with reporting():
        release = _release(corpus, targets, results, manifest, citation)
        files = _build(out_dir, release, overwrite)
    listing = [
        {"path": p.relative_to(out_dir).as_posix(), "bytes": p.stat().st_size} for p in files
    ]
    if as_json:
        echo_json(listing)
        return
    for item in listing:
        typer.echo(f"{item['bytes']:>10}  {item['path']}")
    typer.echo(f"{out_dir}: {len(listing)} file(s)")


@hf_app.command()
def push(
    repo_id: Annotated[str, typer.Option(help="The hub dataset, e.g. user/quotebench.")],
    folder: Annotated[
        Path | None, typer.Argument(help="A built dataset folder (default: build one now).")
    ] = None,
    private: Annotated[bool, typer.Option(help="Create the dataset repository private.")] = False,
    dry_run: Annotated[
        bool, typer.Option(help="List what would be uploaded and refused; upload nothing.")
    ] = False,
    allow_unknown_license: Annotated[
        bool, typer.Option(help="Upload text whose license is unknown.")
    ] = False,
    corpus: CorpusOption = None,
    targets: TargetsOption = None,
    results: ResultsOption = None,
    manifest: ManifestOption = None,
    citation: CitationOption = None,
) -> None:
    """Upload the files `hf build` wrote to the Hugging Face hub (token: HF_TOKEN or the
    cached login); exits 2 when anything would be refused."""
    from quotebench.corpus.hf_push import check_repo_id, push_folder, upload_plan

    with reporting(), tempfile.TemporaryDirectory() as scratch:
        check_repo_id(repo_id)
        if folder is None:
            folder = Path(scratch) / "dataset"
            _build(folder, _release(corpus, targets, results, manifest, citation), False)
        plan = upload_plan(folder, allow_unknown_license=allow_unknown_license)
        if dry_run:
            _show_plan(plan, repo_id)
            return
        url = push_folder(folder, plan, repo_id, private=private)
    typer.echo(f"uploaded {len(plan.items)} file(s) to {url}")


def _show_plan(plan: UploadPlan, repo_id: str) -> None:
    for item in plan.items:
        typer.echo(f"{item.size:>10}  {item.path}")
    for reason in plan.refused:
        typer.echo(f"refused: {reason}", err=True)
    if plan.refused:
        typer.echo(f"dry run: the upload to {repo_id} would be refused", err=True)
        raise typer.Exit(EXIT_UNUSABLE)
    typer.echo(f"dry run: {len(plan.items)} file(s) would be uploaded to {repo_id}")
