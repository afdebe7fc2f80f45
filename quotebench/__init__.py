"""quotebench: who said what, and for or against what, in news."""

from .version import __version__

__all__ = ["__version__"]
