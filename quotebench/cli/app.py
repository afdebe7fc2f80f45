"""The typer application every command module registers itself on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="quotebench",
    help="Who said what, and for or against what, in news: corpus, annotation and evaluation.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
