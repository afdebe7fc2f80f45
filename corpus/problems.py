"""Problems found in input data, each naming file, line, document and field."""

from __future__ import annotations

from dataclasses import asdict, dataclass

__all__ = ["InvalidData", "Problem", "UnusableInput"]


@dataclass(frozen=True, order=True)
class Problem:
    """One violation: where it is (file, 1-based line, document id, field path) and what."""

    file: str
    line: int | None
    document: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        place = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [place]
        if self.document is not None:
            parts.append(f"document {self.document!r}")
        if self.field:
            parts.append(f"field {self.field}")
        return ": ".join([*parts, self.message])

    def to_dict(self) -> dict[str, object]:
        """The problem as a JSON-ready mapping."""
        return asdict(self)


class InvalidData(Exception):
    """Input that was read but breaks the data model (exit code 1)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=_sort_key)
        super().__init__("\n".join(str(p) for p in self.problems))


class UnusableInput(Exception):
    """Arguments that cannot be used or a file that cannot be opened (exit code 2)."""


def _sort_key(problem: Problem) -> tuple[str, int, str, str]:
    return (problem.file, problem.line or 0, problem.document or "", problem.field or "")
