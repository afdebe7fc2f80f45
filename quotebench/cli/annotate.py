"""``quotebench annotate``: the labeling config, tasks, a Label Studio server, adjudication."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from quotebench.corpus import (
    Target,
    UnusableInput,
    check_output,
    load_collection,
    load_documents,
    load_gold,
    load_targets,
    load_versions,
    output_file,
    write_documents,
)
from quotebench.corpus.jsonl import read_json_file

from .app import app
from .common import TargetsOption, echo_json, reporting

annotate = typer.Typer(help="Annotate in Label Studio: config, tasks, push/pull, import.")
app.add_typer(annotate, name="annotate")

UrlOption = Annotated[str | None, typer.Option(help="Server address (default: $LABEL_STUDIO_URL).")]
ProjectOption = Annotated[str, typer.Option(help="Project title or number.")]
NoTargetsOption = Annotated[
    bool, typer.Option("--no-targets", help="The corpus has no stance targets: no stance controls.")
]


def _write_json(path: Path, value: Any, inputs: list[Path | None]) -> None:
    with output_file(path, inputs) as handle:
        json.dump(value, handle, ensure_ascii=False, indent=1)


def _targets(path: Path | None, none: bool) -> tuple[Target, ...]:
    """The inventory of ``--targets`` (``()`` with ``--no-targets``), else the seed's, said."""
    if none:
        if path is not None:
            raise UnusableInput("--targets and --no-targets: give one of them")
        return ()
    if path is None:
        typer.echo(
            "warning: the stance targets are the packaged seed inventory (the seed article's);"
            " give your corpus's with --targets FILE, or --no-targets",
            err=True,
        )
    targets = load_targets(path)
    if not targets:
        typer.echo(f"note: {path} holds no target: no stance controls (as --no-targets)", err=True)
    return targets


@annotate.command("config")
def config(targets: TargetsOption = None, no_targets: NoTargetsOption = False) -> None:
    """Print the labeling config derived from the data model and the inventory."""
    from quotebench.annotation.label_config import label_config

    with reporting():
        typer.echo(label_config(_targets(targets, no_targets)), nl=False)


@annotate.command("export")
def export(
    docs: Annotated[Path, typer.Argument(help="Documents (JSON Lines).")],
    output: Annotated[Path, typer.Option(help="Where to write the tasks (JSON).")],
    predictions: Annotated[
        Path | None, typer.Option(help="Pre-annotations: an extractor's output or the gold.")
    ] = None,
    targets: TargetsOption = None,
) -> None:
    """Write Label Studio tasks, optionally pre-annotated."""
    from quotebench.annotation.convert import build_tasks

    with reporting():
        check_output(output, [docs, predictions])
        inventory = load_targets(targets)
        documents = load_documents(docs, inventory)
        predicted = load_collection(predictions, inventory)[0] if predictions else None
        tasks = build_tasks(documents, predicted)
        _write_json(output, tasks, [docs, predictions])
    typer.echo(f"{output}: {len(tasks)} task(s)")


@annotate.command("import")
def import_(
    export_file: Annotated[Path, typer.Argument(help="A Label Studio JSON export.")],
    output: Annotated[Path, typer.Option(help="Where to write the documents (JSON Lines).")],
    corpus: Annotated[
        Path | None, typer.Option(help="Documents whose texts the tasks must repeat.")
    ] = None,
    targets: TargetsOption = None,
) -> None:
    """Convert an export into documents, one version per annotator; all or nothing."""
    from quotebench.annotation.studio_import import import_export

    with reporting():
        check_output(output, [export_file, corpus])
        inventory = load_targets(targets)
        known = load_documents(corpus, inventory) if corpus else []
        documents = import_export(export_file, [t.id for t in inventory], known)
        count = write_documents(output, documents, [export_file, corpus])
    typer.echo(f"{output}: {count} document version(s)")


def _warn_seed_targets(tasks: list[Any], targets: Path | None) -> None:
    if targets is not None:
        return
    seed = {d.id for d in load_gold()}
    ids = {((t.get("data") or {}).get("document") or {}).get("id") for t in tasks}
    if ids - seed:
        typer.echo(
            "warning: these tasks are not the seed's, but the stance targets are the packaged"
            " seed inventory; give your corpus's with --targets FILE",
            err=True,
        )


@annotate.command("push")
def push(
    tasks_file: Annotated[Path, typer.Argument(help="Tasks written by `annotate export`.")],
    project: ProjectOption,
    url: UrlOption = None,
    targets: TargetsOption = None,
    no_targets: NoTargetsOption = False,
) -> None:
    """Create or update the project's config and import the tasks (token: $LABEL_STUDIO_API_KEY)."""
    from quotebench.annotation import client

    with reporting():
        tasks = read_json_file(tasks_file)
        if not isinstance(tasks, list) or not all(isinstance(t, dict) for t in tasks):
            raise UnusableInput(f"{tasks_file}: not a JSON array of tasks (annotate export)")
        if not no_targets:
            _warn_seed_targets(tasks, targets)
        inventory = () if no_targets else load_targets(targets)
        with client.server_errors(client.server_url(url)):
            project_id, count = client.push(client.connect(url), project, inventory, tasks)
    typer.echo(f"project {project_id}: {count} task(s) imported")


@annotate.command("pull")
def pull(
    project: ProjectOption,
    output: Annotated[Path, typer.Option(help="Where to write the export (JSON).")],
    url: UrlOption = None,
) -> None:
    """Export the project's tasks with annotations and predictions (a snapshot)."""
    from quotebench.annotation import client

    with reporting():
        check_output(output)
        with client.server_errors(client.server_url(url)):
            tasks = client.pull(client.connect(url), project)
        _write_json(output, tasks, [])
    typer.echo(f"{output}: {len(tasks)} task(s)")


@annotate.command("adjudicate")
def adjudicate(
    paths: Annotated[list[Path], typer.Argument(help="Collections of annotator versions.")],
    output: Annotated[Path, typer.Option(help="Where to write the gold candidates.")],
    targets: TargetsOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the conflicts as JSON.")] = False,
) -> None:
    """Merge versions into a gold candidate per document and list every conflict to decide."""
    from quotebench.annotation.adjudicate import adjudicate as merge

    with reporting():
        check_output(output, paths)
        candidates, conflicts = merge(load_versions(paths, load_targets(targets)))
        write_documents(output, candidates, paths)
    if as_json:
        echo_json(conflicts)
        return
    for item in conflicts:
        typer.echo(f"{item['document']}: {item['field']} of {item['quote']!r}: {item['readings']}")
    typer.echo(f"{output}: {len(candidates)} candidate(s), {len(conflicts)} conflict(s)")
