"""Exporters: a batch in, one file out. Pure: no Django, no database, no network.

Each exporter is a small class with an identifier, a label for people, and `render(batch)`
returning (filename, media type, bytes). The same exporter serves the CLI (`jixiao export`), the
web app and background jobs; `exporters()` lists them for a download menu.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from pathlib import PurePath
from typing import ClassVar

from jixiao.domain.paper import STANDARD
from jixiao.filenames import safe_stem
from jixiao.i18n import Text
from jixiao.interchange import Batch
from jixiao.pieces import FormLayout
from jixiao.plugins import Registry

Rendered = tuple[str, str, bytes]


class Writer(ABC):
    """What every writer says of itself: a form exporter, or a writer of the review report
    (`exporters.reports`)."""

    identifier: ClassVar[str]
    label: ClassVar[Text]
    media_type: ClassVar[str]

    @property
    def binary(self) -> bool:
        """Bytes a terminal cannot show (Word, Excel, PDF), as opposed to text (HTML, JSON, CSV)."""
        return not self.media_type.startswith(("text/", "application/json"))


class Exporter(Writer):
    """One output format of forms. Subclasses set the class attributes and implement `render`."""

    extension: ClassVar[str]
    # Told apart in a file name when two exporters share an extension (the two Excel files), so
    # that downloading both does not make a browser's "(1)" copy.
    name_suffix: ClassVar[str] = ""
    # Set where the file can be written form by form as the forms are read (`jixiao.pieces`):
    # `render` gives the same bytes, and `jixiao export` streams them.
    layout: ClassVar[FormLayout | None] = None
    # Set where the file draws the paper layout (`domain.paper`): it can be written in a
    # region's template as well as in the standard layout (docs/templates.md).
    paper: ClassVar[bool] = False

    def __init__(self, template: str = STANDARD) -> None:
        # the layout each form is written in: `standard`, `source` (the template the form was
        # read through) or a template's id (`domain.paper.resolve_template`)
        self.template = template

    @abstractmethod
    def render(self, batch: Batch) -> Rendered:
        """The batch as (filename, media type, bytes)."""

    def filename(self, batch: Batch) -> str:
        """`<project name><suffix>.<extension>` for one form (docs/exports.md, *File names*);
        for many, or a form without a name, the first source's stem, else `jixiao-forms`."""
        return f"{batch_stem(batch)}{self.name_suffix}.{self.extension}"

    def done(self, batch: Batch, data: bytes) -> Rendered:
        return self.filename(batch), self.media_type, data


def batch_stem(batch: Batch) -> str:
    """The stem of a file holding `batch`, safe on every system (`jixiao.filenames`)."""
    project = batch.forms[0].project_name if len(batch.forms) == 1 else None
    source = PurePath(batch.sources[0].path).stem if batch.sources else None
    return safe_stem(project, safe_stem(source, "jixiao-forms"))


# The exporters, offered in this order (a download menu, `jixiao export --to`).
EXPORTERS: Registry[type[Exporter]] = Registry(
    "exporter",
    modules=(
        "jixiao.exporters.json_export",
        "jixiao.exporters.csv_export",
        "jixiao.exporters.xlsx_export",
        "jixiao.exporters.docx_export",
        "jixiao.exporters.html_export",
    ),
)


def register(cls: type[Exporter]) -> type[Exporter]:
    """Class decorator: make an exporter known (`EXPORTERS`) under its identifier."""
    return EXPORTERS.register(cls.identifier)(cls)


def exporters() -> dict[str, type[Exporter]]:
    """Every exporter by identifier, in menu order."""
    return EXPORTERS.all()


def get_exporter(identifier: str, template: str = STANDARD) -> Exporter:
    """The exporter of `identifier`, writing paper layouts in `template` (`Exporter.template`)."""
    unknown = Text("未知导出格式：{f}（可用：{all}）", "unknown export format: {f} (known: {all})")
    return EXPORTERS.require(identifier, unknown)(template)


def render(batch: Batch, identifier: str, template: str = STANDARD) -> Rendered:
    """The batch in the format `identifier`: (filename, media type, bytes)."""
    return get_exporter(identifier, template).render(batch)


def only_forms(batch: Batch, keep: Callable[[int], bool]) -> Batch:
    """The batch with only the forms whose 1-based position `keep` accepts."""
    forms = tuple(f for n, f in enumerate(batch.forms, 1) if keep(n))
    return Batch(batch.sources, forms, batch.notes)
