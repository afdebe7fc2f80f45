"""Push documents to a running Label Studio server and pull its annotations (SDK 2.x).

The server's address and token come from ``LABEL_STUDIO_URL`` and ``LABEL_STUDIO_API_KEY``,
read when called; the token is never printed or logged.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from quotebench.corpus.problems import UnusableInput
from quotebench.corpus.targets import Target

from .label_config import label_config

__all__ = ["connect", "pull", "push", "server_errors", "server_url"]

URL_VARIABLE = "LABEL_STUDIO_URL"
TOKEN_VARIABLE = "LABEL_STUDIO_API_KEY"
TOKEN_HELP = (
    f"set {TOKEN_VARIABLE} to a personal access token (Label Studio: Account & Settings >"
    " Personal Access Token > Create New Token), or to a legacy token once an administrator"
    " has enabled legacy tokens (Organization > API Tokens Settings > Legacy Tokens); see the"
    " README, Annotation"
)


@contextlib.contextmanager
def server_errors(address: str) -> Iterator[None]:
    """Report a failing server call as one line (``UnusableInput``), never with the token:
    a refused token with what to do, an unreachable server with its address."""
    import httpx
    from label_studio_sdk.core.api_error import ApiError

    try:
        yield
    except ApiError as error:
        hint = f"; {TOKEN_HELP}" if error.status_code in (401, 403) else ""
        body = error.body
        detail = body.get("detail", body) if isinstance(body, dict) else body
        message = f"Label Studio at {address} answered {error.status_code}: {detail}{hint}"
        raise UnusableInput(message) from None
    except (httpx.HTTPError, OSError) as error:
        reason = (str(error).strip().splitlines() or [type(error).__name__])[0]
        raise UnusableInput(f"cannot reach Label Studio at {address}: {reason}") from None


def server_url(url: str | None = None) -> str:
    """``url`` if given, else ``LABEL_STUDIO_URL``; raises ``UnusableInput`` when neither."""
    url = url or os.environ.get(URL_VARIABLE)
    if not url:
        raise UnusableInput(f"no Label Studio URL: pass --url or set {URL_VARIABLE}")
    return url.rstrip("/")


def connect(url: str | None = None) -> Any:
    """A ``LabelStudio`` client for the server; the token comes from ``LABEL_STUDIO_API_KEY``.

    Raises ``UnusableInput`` when the URL or the token is missing.
    """
    from label_studio_sdk import LabelStudio

    token = os.environ.get(TOKEN_VARIABLE)
    if not token:
        raise UnusableInput(f"no Label Studio token: set {TOKEN_VARIABLE}")
    return LabelStudio(base_url=server_url(url), api_key=token)


def _project_id(client: Any, project: str) -> int | None:
    if project.isdigit():
        return int(project)
    matches = [p.id for p in client.projects.list(title=project) if p.title == project]
    return matches[0] if matches else None


def push(
    client: Any, project: str, targets: Iterable[Target], tasks: Sequence[Mapping[str, Any]]
) -> tuple[int, int]:
    """Create (or update the config of) the project named or numbered ``project`` and import
    the tasks with their predictions, except those of documents the project already holds
    (so pushing twice does not duplicate tasks). Returns (project id, tasks imported)."""
    config = label_config(targets)
    project_id = _project_id(client, project)
    if project_id is None:
        project_id = client.projects.create(title=project, label_config=config).id
    else:
        client.projects.update(id=project_id, label_config=config)
    held = _documents_held(client, project_id)
    fresh = [t for t in tasks if _document_id(t.get("data", {})) not in held]
    if not fresh:
        return project_id, 0
    response = client.projects.import_tasks(id=project_id, request=fresh)
    return project_id, int(getattr(response, "task_count", None) or len(fresh))


def _document_id(data: Mapping[str, Any]) -> str | None:
    document = data.get("document")
    return document.get("id") if isinstance(document, Mapping) else None


def _documents_held(client: Any, project_id: int) -> set[str | None]:
    """The ids of the documents whose tasks the project already holds."""
    return {_document_id(t.data or {}) for t in client.tasks.list(project=project_id)}


def pull(client: Any, project: str, timeout: int = 120) -> list[dict[str, Any]]:
    """A JSON export (a snapshot) of the project's tasks, with predictions in full and each
    annotation's ``completed_by`` as the annotator's record (id and e-mail).

    Raises ``UnusableInput`` when no such project exists.
    """
    project_id = _project_id(client, project)
    if project_id is None:
        raise UnusableInput(f"no Label Studio project {project!r}")
    tasks = client.projects.exports.as_json(
        project_id, timeout=timeout, create_kwargs={"title": "quotebench pull"}
    )
    emails = {user.id: user.email for user in client.users.list()}
    for task in tasks:
        _complete(client, task, emails)
    return tasks


def _complete(client: Any, task: dict[str, Any], emails: Mapping[int, str]) -> None:
    """Replace prediction ids by the predictions, annotator ids by (id, e-mail) records."""
    if any(isinstance(p, int) for p in task.get("predictions", [])):
        predictions = client.predictions.list(task=task["id"])
        task["predictions"] = [p.model_dump(mode="json") for p in predictions]
    for annotation in task.get("annotations", []):
        who = annotation.get("completed_by")
        if isinstance(who, int):
            annotation["completed_by"] = {"id": who, "email": emails.get(who)}
