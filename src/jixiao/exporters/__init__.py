"""Exporters: a batch in, one file out. Pure: no Django, no database, no network.

Each exporter is a small class with an identifier, a label for people, and `render(batch)`
returning (filename, media type, bytes). The same exporter serves the CLI (`jixiao export`), the
web app and background jobs; `exporters()` lists them for a download menu.
"""

from __future__ import annotations

import importlib
import re
from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import PurePath
from typing import ClassVar

from jixiao.errors import InputError
from jixiao.i18n import Text
from jixiao.interchange import Batch

Rendered = tuple[str, str, bytes]


class Exporter(ABC):
    """One output format. Subclasses set the class attributes and implement `render`."""

    identifier: ClassVar[str]
    label: ClassVar[Text]
    extension: ClassVar[str]
    media_type: ClassVar[str]

    @abstractmethod
    def render(self, batch: Batch) -> Rendered:
        """The batch as (filename, media type, bytes)."""

    def filename(self, batch: Batch) -> str:
        """`<first source's stem>.<extension>`, or `jixiao-forms.<extension>`."""
        stem = PurePath(batch.sources[0].path).stem if batch.sources else ""
        stem = re.sub(r"[\\/:*?\"<>|\s]+", "_", stem).strip("._") or "jixiao-forms"
        return f"{stem}.{self.extension}"

    def done(self, batch: Batch, data: bytes) -> Rendered:
        return self.filename(batch), self.media_type, data


EXPORTERS: dict[str, type[Exporter]] = {}

EXPORTER_MODULES = (
    "jixiao.exporters.simple",
    "jixiao.exporters.xlsx_export",
    "jixiao.exporters.docx_export",
    "jixiao.exporters.html_export",
)


def register(cls: type[Exporter]) -> type[Exporter]:
    """Class decorator: make an exporter known. An identifier used twice is a programming error."""
    if cls.identifier in EXPORTERS:
        raise RuntimeError(f"exporter registered twice: {cls.identifier}")
    EXPORTERS[cls.identifier] = cls
    return cls


def exporters() -> dict[str, type[Exporter]]:
    """Every exporter by identifier, in menu order (the order of EXPORTER_MODULES)."""
    for module in EXPORTER_MODULES:
        importlib.import_module(module)  # a no-op once imported

    def menu_order(identifier: str) -> int:
        return EXPORTER_MODULES.index(EXPORTERS[identifier].__module__)

    return {k: EXPORTERS[k] for k in sorted(EXPORTERS, key=menu_order)}


def get_exporter(identifier: str) -> Exporter:
    cls = exporters().get(identifier)
    if cls is None:
        raise InputError(
            Text(
                "未知导出格式：{f}（可用：{all}）", "unknown export format: {f} (known: {all})"
            ).format(f=identifier, all="、".join(exporters()))
        )
    return cls()


def render(batch: Batch, identifier: str) -> Rendered:
    """The batch in the format `identifier`: (filename, media type, bytes)."""
    return get_exporter(identifier).render(batch)


def only_forms(batch: Batch, keep: Callable[[int], bool]) -> Batch:
    """The batch with only the forms whose 1-based position `keep` accepts."""
    forms = tuple(f for n, f in enumerate(batch.forms, 1) if keep(n))
    return Batch(batch.sources, forms, batch.notes)
