"""Running the command line in-process, as the test modules of the commands do."""

from __future__ import annotations

import json
from dataclasses import dataclass

from typer.testing import CliRunner

from quotebench.cli import app


@dataclass(frozen=True)
class Outcome:
    """What a command did: exit code, stdout, stderr."""

    code: int
    stdout: str
    stderr: str

    def json(self) -> object:
        """Stdout parsed as JSON."""
        return json.loads(self.stdout)


def run(*args: str) -> Outcome:
    """Run ``quotebench ARGS``; an uncaught exception (a traceback) fails the test."""
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return Outcome(result.exit_code, result.stdout, result.stderr)
