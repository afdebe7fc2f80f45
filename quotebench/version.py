"""The package version, read by setuptools and by results files."""

__version__ = "0.1.0"
