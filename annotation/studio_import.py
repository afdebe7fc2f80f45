"""Label Studio JSON exports into documents: one version per annotator, all checked.

Every fault (a missing field, a relation to a missing region, identical regions, a task
text that differs from the corpus text, an unknown choice, a broken invariant) becomes a
``Problem`` naming the task and region; ``InvalidData`` lists them all, so nothing is ever
imported partially.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from quotebench.corpus.jsonl import field_path, read_json_file
from quotebench.corpus.model import Annotation, Document
from quotebench.corpus.problems import InvalidData, Problem
from quotebench.corpus.validate import check_document

from .label_config import TEXT_NAME
from .rebuild import rebuild
from .regions import ResultError, parse_result

__all__ = ["document_from_result", "import_export", "read_export"]


def document_from_result(
    data: Mapping[str, Any], result: object, annotation: Annotation, targets: Iterable[str]
) -> Document:
    """Rebuild a document from a task's ``data`` and one result list.

    Raises ``ResultError`` naming the region at fault, or naming the field (as region
    ``None``) when the rebuilt document breaks an invariant of the data model.
    """
    targets = tuple(targets)
    text, identity = _task_identity(data)
    parts = rebuild(parse_result(text, result, targets))
    try:
        convention = (data.get("document") or {}).get("convention")
        provenance = {**annotation.model_dump(), "convention": convention}
        fields = {**identity, TEXT_NAME: text, "annotation": provenance, **parts}
        document = Document.model_validate_json(json.dumps(fields))
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        raise ResultError(None, f"{field_path(first['loc'])}: {first['msg']}") from None
    findings = check_document(document, targets)
    if findings:
        raise ResultError(None, "; ".join(f"{field}: {message}" for field, message in findings))
    return document


def _task_identity(data: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
    text, document = data.get(TEXT_NAME), data.get("document")
    if not isinstance(text, str) or not isinstance(document, dict):
        raise ResultError(None, "the task data needs 'text' and 'document'")
    identity = {k: document[k] for k in ("id", "schema_version", "meta") if k in document}
    sha256 = (identity.get("meta") or {}).get("sha256")
    if sha256 and hashlib.sha256(text.encode("utf-8")).hexdigest() != sha256:
        raise ResultError(None, "the task text differs from the corpus text (sha256)")
    return text, identity


def read_export(path: str | Path) -> list[dict[str, Any]]:
    """A Label Studio JSON export (a list of tasks); raises ``UnusableInput``/``InvalidData``."""
    tasks = read_json_file(path)
    if not isinstance(tasks, list) or not all(isinstance(t, dict) for t in tasks):
        problem = Problem(str(path), None, None, None, "an export is a JSON array of tasks")
        raise InvalidData([problem])
    return tasks


def _annotator(annotation: Mapping[str, Any]) -> str | None:
    who = annotation.get("completed_by")
    if isinstance(who, dict):
        who = who.get("email") or who.get("id")
    return None if who is None else str(who)


def _provenance(annotation: Mapping[str, Any]) -> Annotation:
    lead_time = annotation.get("lead_time")
    return Annotation(
        annotator=_annotator(annotation),
        origin="label-studio",
        created=annotation.get("created_at"),
        lead_time=float(lead_time) if isinstance(lead_time, int | float) else None,
    )


class _Importer:
    def __init__(self, name: str, targets: tuple[str, ...], corpus: Mapping[str, Document]):
        self.name, self.targets, self.corpus = name, targets, corpus
        self.documents: list[Document] = []
        self.problems: list[Problem] = []
        self.seen: set[tuple[str, str | None]] = set()

    def problem(self, task: Mapping[str, Any], region: str | None, message: str) -> None:
        document = (task.get("data") or {}).get("document") or {}
        where = f"task {task.get('id')}" + (f", region {region!r}" if region else "")
        self.problems.append(Problem(self.name, None, document.get("id"), where, message))

    def task(self, task: Mapping[str, Any]) -> None:
        annotations = task.get("annotations")
        if not isinstance(task.get("data"), dict) or not isinstance(annotations, list):
            self.problem(task, None, "the task needs 'data' and 'annotations'")
            return
        for annotation in annotations:
            if isinstance(annotation, dict) and not annotation.get("was_cancelled"):
                self.annotation(task, annotation)

    def annotation(self, task: Mapping[str, Any], annotation: Mapping[str, Any]) -> None:
        try:
            document = document_from_result(
                task["data"], annotation.get("result"), _provenance(annotation), self.targets
            )
        except ResultError as error:
            self.problem(task, error.region, str(error))
            return
        known = self.corpus.get(document.id)
        if known is not None and known.text != document.text:
            self.problem(task, None, f"the task text differs from the corpus text of {known.id}")
        key = (document.id, document.annotation.annotator)
        if key in self.seen:
            self.problem(task, None, f"annotator {key[1]!r} annotated {key[0]!r} twice")
        self.seen.add(key)
        self.documents.append(document)


def import_export(
    path: str | Path, targets: Iterable[str], corpus: Iterable[Document] = ()
) -> list[Document]:
    """Every non-cancelled annotation of an export as its own document version.

    ``corpus``, when given, holds the documents whose texts the tasks must repeat.
    Raises ``InvalidData`` listing every problem (nothing is returned partially) and
    ``UnusableInput`` when the file cannot be read.
    """
    importer = _Importer(str(path), tuple(targets), {d.id: d for d in corpus})
    for task in read_export(path):
        importer.task(task)
    if importer.problems:
        raise InvalidData(importer.problems)
    return importer.documents
