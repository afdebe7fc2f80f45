"""Span matching, metrics, bootstrap intervals, the harness and its reports."""
