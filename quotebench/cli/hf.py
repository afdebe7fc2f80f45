"""``quotebench hf build|push``: the corpus as a Hugging Face dataset."""

from __future__ import annotations

import tempfile
from importlib import resources
from pathlib import Path
from typing import Annotated

import typer

from quotebench.corpus import load_gold, load_targets
from quotebench.corpus.hf_card import CardInputs, load_manifest, load_results

from .app import app
from .common import echo_json, reporting

hf_app = typer.Typer(help="Publish the corpus as a Hugging Face dataset.", no_args_is_help=True)
app.add_typer(hf_app, name="hf")

SEED_MANIFEST = Path(__file__).resolve().parents[2] / "seeds" / "MANIFEST.json"

ResultsOption = Annotated[
    Path | None,
    typer.Option(help="A `quotebench benchmark --output-dir` folder: <extractor>/results.json."),
]
ManifestOption = Annotated[
    Path | None,
    typer.Option(help="The seed manifest (default: seeds/MANIFEST.json of the repository)."),
]


def _card_inputs(results: Path | None, manifest: Path | None) -> CardInputs:
    manifest = manifest or (SEED_MANIFEST if SEED_MANIFEST.is_file() else None)
    guidelines = resources.files("quotebench.annotation") / "GUIDELINES.md"
    return CardInputs(
        guidelines=guidelines.read_text(encoding="utf-8"),
        manifest=load_manifest(manifest) if manifest else (),
        results=load_results(results) if results else (),
    )


def _build(out_dir: Path, results: Path | None, manifest: Path | None) -> list[Path]:
    from quotebench.corpus.hf_build import build_dataset

    inputs = _card_inputs(results, manifest)
    return build_dataset(out_dir, load_gold(), load_targets(), inputs)


@hf_app.command()
def build(
    out_dir: Annotated[Path, typer.Argument(help="The dataset folder to write.")],
    results: ResultsOption = None,
    manifest: ManifestOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="List the files as JSON.")] = False,
) -> None:
    """Write the gold corpus as Parquet configs with a generated dataset card."""
    with reporting():
        files = _build(out_dir, results, manifest)
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
        bool, typer.Option(help="List what would be uploaded; upload nothing.")
    ] = False,
    allow_unknown_license: Annotated[
        bool, typer.Option(help="Upload text whose license is unknown.")
    ] = False,
    results: ResultsOption = None,
    manifest: ManifestOption = None,
) -> None:
    """Upload a dataset folder to the Hugging Face hub (token: HF_TOKEN or the cached login)."""
    from quotebench.corpus.hf_push import push_folder, upload_plan

    with reporting(), tempfile.TemporaryDirectory() as scratch:
        if folder is None:
            folder = Path(scratch) / "dataset"
            _build(folder, results, manifest)
        plan = upload_plan(folder, allow_unknown_license=allow_unknown_license)
        if dry_run:
            for item in plan:
                typer.echo(f"{item.size:>10}  {item.path}")
            typer.echo(f"dry run: {len(plan)} file(s) would be uploaded to {repo_id}")
            return
        url = push_folder(folder, plan, repo_id, private=private)
    typer.echo(f"uploaded {len(plan)} file(s) to {url}")
