"""Registries of plug-ins: one scheme for import formats, exporters (of forms and of
the review report), review rules and commands.

Each kind of plug-in has one `Registry`. A plug-in module registers its entries when it is
imported, with `@REGISTRY.register(key)` (or a helper of its kind that calls `add`). The registry
imports its modules the first time it is read: the modules it lists, in their order (the order
formats are sniffed, exporters offered, commands listed), or every module of a package where the
order does not matter (review rules: adding a rule is adding a module). Entries come out in the
order of their modules, whatever imported a module first, so the order never depends on which
caller came first. A key registered twice is a programming error and fails at import.

The registries (README.md, "For developers", says where each kind of module goes):
`jixiao.importers.FORMATS`, `jixiao.exporters.EXPORTERS`, `jixiao.exporters.reports.REPORTS`,
`jixiao.review.registry.RULES` (every module of `review/rules/`) and `jixiao.cli.COMMANDS`.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator, Sequence
from typing import Generic, TypeVar

from jixiao.errors import InputError
from jixiao.i18n import Text

T = TypeVar("T")


class Registry(Generic[T]):
    """Entries of one kind of plug-in by key, loaded from their modules on first use."""

    def __init__(self, kind: str, *, modules: Sequence[str] = (), package: str = "") -> None:
        if bool(modules) == bool(package):
            raise ValueError("a registry lists its modules or names one package, not both")
        self.kind = kind
        self._listed = tuple(modules)
        self._package = package
        self._entries: dict[str, tuple[str, T]] = {}
        self._loaded: tuple[str, ...] = ()
        self._ordered: dict[str, T] | None = None

    def register(self, key: str) -> Callable[[T], T]:
        """Decorator: register a class or function under `key` (its module is its own)."""

        def decorate(entry: T) -> T:
            self.add(key, entry, getattr(entry, "__module__", ""))
            return entry

        return decorate

    def add(self, key: str, entry: T, module: str) -> None:
        """Register `entry` under `key`, as coming from `module` (which sets its order)."""
        if key in self._entries:
            raise RuntimeError(f"{self.kind} registered twice: {key}")
        self._entries[key] = (module, entry)
        self._ordered = None

    def discard(self, key: str) -> None:
        """Forget `key` (a test's temporary entry); nothing if it is not there."""
        if self._entries.pop(key, None) is not None:
            self._ordered = None

    def modules(self) -> tuple[str, ...]:
        """The plug-in modules, in order, every one imported (imports are cached by Python)."""
        if not self._loaded:
            self._loaded = self._listed or self._walk()
            for name in self._loaded:
                importlib.import_module(name)
        return self._loaded

    def of_module(self, name: str) -> dict[str, T]:
        """The entries of one listed module, importing that module alone (a command starts
        without the imports of the others); nothing for a module not listed."""
        if name not in (self._listed or self.modules()):
            return {}
        importlib.import_module(name)
        return {key: entry for key, (module, entry) in self._entries.items() if module == name}

    def _walk(self) -> tuple[str, ...]:
        package = importlib.import_module(self._package)
        found = pkgutil.iter_modules(package.__path__, prefix=f"{self._package}.")
        return tuple(sorted(info.name for info in found))

    def all(self) -> dict[str, T]:
        """Every entry by key, in the order of the modules, then of registration."""
        if self._ordered is None:
            rank = {name: n for n, name in enumerate(self.modules())}
            order = sorted(self._entries.items(), key=lambda kv: rank.get(kv[1][0], len(rank)))
            self._ordered = {key: entry for key, (_, entry) in order}
        return dict(self._ordered)

    def get(self, key: str) -> T | None:
        self.modules()
        found = self._entries.get(key)
        return found[1] if found else None

    def require(self, key: str, unknown: Text, path: str | None = None) -> T:
        """The entry under `key`; else InputError saying `unknown` ({f}: the key asked for,
        {all}: the keys known), about the document `path` if one is given."""
        found = self.get(key)
        if found is None:
            known = "、".join(self.all())
            raise InputError(unknown.format(f=key, all=known), path=path)
        return found

    def __contains__(self, key: object) -> bool:
        """`key in registry`: how argparse checks a choice, so that a command's choices load
        their modules only when the command is parsed."""
        return isinstance(key, str) and self.get(key) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self.all())
