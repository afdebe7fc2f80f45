"""``quotebench annotate``: the labeling config, tasks, a Label Studio server, adjudication."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from quotebench.corpus import UnusableInput, atomic_output, load_targets, read_documents
from quotebench.corpus.jsonl import write_documents

from .app import app
from .common import echo_json, reporting

annotate = typer.Typer(help="Annotate in Label Studio: config, tasks, push/pull, import.")
app.add_typer(annotate, name="annotate")

TargetsOption = Annotated[
    Path | None, typer.Option(help="Stance-target inventory (default: the packaged one).")
]
UrlOption = Annotated[str | None, typer.Option(help="Server address (default: $LABEL_STUDIO_URL).")]
ProjectOption = Annotated[str, typer.Option(help="Project title or number.")]


def _write_json(path: Path, value: Any) -> None:
    with atomic_output(path) as handle:
        json.dump(value, handle, ensure_ascii=False, indent=1)


@contextlib.contextmanager
def _server() -> Iterator[None]:
    """Report a failing server call as unusable input, without any secret in the message."""
    from label_studio_sdk.core.api_error import ApiError

    try:
        yield
    except ApiError as error:
        raise UnusableInput(f"Label Studio answered {error.status_code}: {error.body}") from None
    except OSError as error:
        raise UnusableInput(f"cannot reach Label Studio: {error}") from None


@annotate.command("config")
def config(targets: TargetsOption = None) -> None:
    """Print the labeling config derived from the data model and the inventory."""
    from quotebench.annotation.label_config import label_config

    with reporting():
        typer.echo(label_config(load_targets(targets)), nl=False)


@annotate.command("export")
def export(
    docs: Annotated[Path, typer.Argument(help="Documents (JSON Lines).")],
    output: Annotated[Path, typer.Option(help="Where to write the tasks (JSON).")],
    predictions: Annotated[
        Path | None, typer.Option(help="Pre-annotations: an extractor's output or the gold.")
    ] = None,
) -> None:
    """Write Label Studio tasks, optionally pre-annotated."""
    from quotebench.annotation.convert import build_tasks

    with reporting():
        documents = read_documents(docs)
        predicted = read_documents(predictions) if predictions else []
        tasks = build_tasks(documents, predicted)
        _write_json(output, tasks)
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
        known = read_documents(corpus) if corpus else []
        ids = [t.id for t in load_targets(targets)]
        count = write_documents(output, import_export(export_file, ids, known))
    typer.echo(f"{output}: {count} document version(s)")


@annotate.command("push")
def push(
    tasks_file: Annotated[Path, typer.Argument(help="Tasks written by `annotate export`.")],
    project: ProjectOption,
    url: UrlOption = None,
    targets: TargetsOption = None,
) -> None:
    """Create or update the project's config and import the tasks (token: $LABEL_STUDIO_API_KEY)."""
    from quotebench.annotation import client

    with reporting():
        try:
            tasks = json.loads(tasks_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise UnusableInput(f"{tasks_file}: cannot read the tasks: {error}") from None
        with _server():
            project_id, count = client.push(
                client.connect(url), project, load_targets(targets), tasks
            )
    typer.echo(f"project {project_id}: {count} task(s) imported")


@annotate.command("pull")
def pull(
    project: ProjectOption,
    output: Annotated[Path, typer.Option(help="Where to write the export (JSON).")],
    url: UrlOption = None,
) -> None:
    """Export the project's tasks with annotations and predictions (a snapshot)."""
    from quotebench.annotation import client

    with reporting(), _server():
        tasks = client.pull(client.connect(url), project)
        _write_json(output, tasks)
    typer.echo(f"{output}: {len(tasks)} task(s)")


@annotate.command("adjudicate")
def adjudicate(
    paths: Annotated[list[Path], typer.Argument(help="Collections of annotator versions.")],
    output: Annotated[Path, typer.Option(help="Where to write the gold candidates.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the conflicts as JSON.")] = False,
) -> None:
    """Merge versions into a gold candidate per document and list every conflict to decide."""
    from quotebench.annotation.adjudicate import adjudicate as merge

    with reporting():
        candidates, conflicts = merge(d for path in paths for d in read_documents(path))
        write_documents(output, candidates)
    if as_json:
        echo_json(conflicts)
        return
    for item in conflicts:
        typer.echo(f"{item['document']}: {item['field']} of {item['quote']!r}: {item['readings']}")
    typer.echo(f"{output}: {len(candidates)} candidate(s), {len(conflicts)} conflict(s)")
