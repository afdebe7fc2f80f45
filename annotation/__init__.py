"""Annotation guidelines, Label Studio config and conversion, agreement, adjudication."""
