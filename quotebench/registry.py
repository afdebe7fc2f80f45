"""Registries of extractors and stance models under versioned names, with entry-point plug-ins."""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Any, Generic, TypeVar

__all__ = ["EXTRACTOR_GROUP", "STANCE_GROUP", "Registry", "extractors", "stance_models"]

T = TypeVar("T")
EXTRACTOR_GROUP = "quotebench.extractors"
STANCE_GROUP = "quotebench.stance_models"
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*\.v[0-9]+$")


class Registry(Generic[T]):
    """Factories by versioned name (``dependency.v1``); plug-ins come from an entry-point group.

    Built-in factories register with ``@registry.register(name)``; the modules that define
    them are imported on first lookup (``builtins``), so the registry itself stays cheap.
    """

    def __init__(
        self, group: str, builtins: tuple[str, ...] = (), pattern: re.Pattern[str] = _NAME
    ) -> None:
        self.group = group
        self.pattern = pattern
        self._builtins = builtins
        self._factories: dict[str, Callable[..., T]] = {}
        self._loaded = False

    def register(self, name: str) -> Callable[[Callable[..., T]], Callable[..., T]]:
        """Decorator registering a factory; raises ``ValueError`` on a bad or taken name."""
        if not self.pattern.match(name):
            raise ValueError(f"{name!r} is not a name of the form {self.pattern.pattern}")

        def add(factory: Callable[..., T]) -> Callable[..., T]:
            if name in self._factories and self._factories[name] is not factory:
                raise ValueError(f"{name!r} is already registered in {self.group}")
            self._factories[name] = factory
            return factory

        return add

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        for module in self._builtins:
            __import__(module)
        for point in entry_points(group=self.group):
            if point.name not in self._factories:
                self.register(point.name)(point.load())

    def names(self) -> list[str]:
        """All registered names, sorted."""
        self._load()
        return sorted(self._factories)

    def get(self, name: str) -> Callable[..., T]:
        """The factory registered as ``name``; raises ``KeyError`` naming the known ones."""
        self._load()
        if name not in self._factories:
            known = ", ".join(sorted(self._factories)) or "none"
            raise KeyError(f"no {self.group} entry named {name!r} (registered: {known})")
        return self._factories[name]

    def create(self, name: str, **settings: Any) -> T:
        """Build the registered object ``name`` with ``settings``."""
        return self.get(name)(**settings)


extractors: Registry[Any] = Registry(
    EXTRACTOR_GROUP,
    builtins=(
        "quotebench.baselines.quotemarks",
        "quotebench.baselines.dependency",
        "quotebench.baselines.textacy_adapter",
        "quotebench.baselines.learned",
        "quotebench.baselines.llm",
    ),
)
stance_models: Registry[Any] = Registry(STANCE_GROUP, builtins=("quotebench.baselines.stance",))
