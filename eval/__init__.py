"""Span matching, metrics, bootstrap intervals, the harness and its reports."""

from .files import evaluate_files
from .harness import Conventions, Results, evaluate
from .reports import write_reports
from .sharded import evaluate_shards

__all__ = [
    "Conventions",
    "Results",
    "evaluate",
    "evaluate_files",
    "evaluate_shards",
    "write_reports",
]
