"""Span matching, metrics, bootstrap intervals, the harness and its reports."""

from .files import evaluate_files
from .harness import Results, evaluate
from .reports import write_reports

__all__ = ["Results", "evaluate", "evaluate_files", "write_reports"]
