"""The baseline extractors, one sub-package each."""
