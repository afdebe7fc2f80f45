"""The corpus-level stance-target inventory."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from .jsonl import field_path, read_json_file
from .problems import InvalidData, Problem

__all__ = ["Target", "load_targets"]


# characters XML 1.0 cannot hold (a label goes into the Label Studio config)
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class Target(BaseModel):
    """A stance target: a stable id (lower-case words joined by hyphens), a short one-line
    label and a description, both plain text."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    label: str = Field(min_length=1)
    description: str
    entity: str | None = None  # the canonical name of the entity the target is, if it is one

    @field_validator("label", "description")
    @classmethod
    def _plain_text(cls, value: str, info: ValidationInfo) -> str:
        bad = _NOT_XML.search(value)
        if bad:
            raise ValueError(f"holds the control character {bad.group()!r}")
        if info.field_name == "label" and ("\n" in value or "\r" in value):
            raise ValueError("a label is one line")
        return value


def load_targets(path: str | Path | None = None) -> tuple[Target, ...]:
    """Load an inventory (a JSON array of targets); the packaged one when ``path`` is None.

    Raises ``UnusableInput`` when the file cannot be read, ``InvalidData`` when it is invalid.
    """
    name = str(path) if path else "quotebench/corpus/data/targets.json"
    where = Path(path) if path else Path(str(resources.files(__package__) / "data/targets.json"))
    values = read_json_file(where, name)
    if not isinstance(values, list):
        raise InvalidData([Problem(name, None, None, None, "the inventory must be a JSON array")])
    targets = tuple(_target(name, index, value) for index, value in enumerate(values))
    ids = [t.id for t in targets]
    repeated = [
        Problem(name, None, None, f"[{i}].id", f"target id {t!r} is used more than once")
        for i, t in enumerate(ids)
        if t in ids[:i]
    ]
    if repeated:
        raise InvalidData(repeated)
    return targets


def _target(name: str, index: int, value: object) -> Target:
    try:
        return Target.model_validate(value)
    except ValidationError as error:
        problems = [
            Problem(name, None, None, field_path([index, *e["loc"]]), e["msg"])
            for e in error.errors(include_url=False)
        ]
        raise InvalidData(problems) from None
