"""The same form filed again (docs/imports.md).

A document read a second time must not double its forms. Two things are recognised:

- the same file: the same bytes (sha256), whatever its name (read once);
- the same form: the same budget year, unit and project name, compared by their keys
  (`jixiao.names.name_key`), so `科普工作` filed by `松江区科技馆` in 2021 matches itself however the
  brackets and spaces of the names were typed.

What to do with a matching form is the user's choice (`OnMatch`); the web import and the CLI both
say what matched and what they did.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from jixiao.domain.form import Form
from jixiao.i18n import Text
from jixiao.interchange import Batch
from jixiao.names import clean_name, name_key

FormKey = tuple[int | None, str, str]
T = TypeVar("T")


class OnMatch(StrEnum):
    """What to do with a form that matches one already there."""

    SKIP = "skip"  # keep the one there, leave this one out
    REPLACE = "replace"  # this one becomes the new version of the one there
    SEPARATE = "separate"  # keep both, as two forms

    @property
    def label(self) -> Text:
        return _LABELS[self]


_LABELS = {
    OnMatch.SKIP: Text("跳过（保留已有表单）", "skip (keep the form already there)"),
    OnMatch.REPLACE: Text(
        "替换为新版本（旧版本留在记录中）",
        "replace as a new version (the old one stays in the history)",
    ),
    OnMatch.SEPARATE: Text("作为单独的表单导入", "import as a separate form"),
}


def unit_key(form: Form) -> str:
    """The key of the unit a form is filed under: its 实施单位, else its 主管部门."""
    return name_key(clean_name(form.implementing_unit) or clean_name(form.supervising_department))


def form_key(form: Form) -> FormKey | None:
    """(budget year, unit key, project key), or None for a form without a project name."""
    project = name_key(form.project_name)
    return (form.budget_year, unit_key(form), project) if project else None


@dataclass(frozen=True)
class Match:
    """A form of a later file matching one of an earlier file (both as in the input batch)."""

    form: Form
    earlier: Form
    kept: bool  # whether the later form is in the result


def dedupe(batch: Batch, on_match: OnMatch) -> tuple[Batch, list[Match]]:
    """`batch` with its forms matched across files: those of a later file that match one of an
    earlier file are handled by `on_match`. Returns the batch to use and the matches.

    Forms of one file are never matched with each other: a document listing a project twice is
    the review's to judge (duplicate_project). Identical files are left out before reading
    (`jixiao.cli.common.read_inputs`), by their sha256.
    """
    result: list[Form | None] = []
    matches: list[Match] = []
    matcher: Matcher[Form] = Matcher(on_match)
    for form in batch.forms:
        earlier = matcher.see(form, form, len(result))
        if earlier is not None:
            matches.append(Match(form, earlier, kept=matcher.keeps))
        if earlier is None or matcher.keeps:
            result.append(form)
    for place in matcher.commit():
        result[place] = None
    forms = tuple(f for f in result if f is not None)
    return Batch(batch.sources, forms, batch.notes), matches


class Matcher(Generic[T]):
    """The rule of `dedupe`, one form at a time, for a reader that passes each form on as it is
    read. What the caller keeps of a matched earlier form is its own (`T`): a form, or only
    what a message names. What a file's forms change stands apart until `commit` (the file was
    read whole) or `rollback` (it was left out)."""

    def __init__(self, on_match: OnMatch) -> None:
        self.keeps = on_match is not OnMatch.SKIP  # whether a matching later form is kept
        self.replaces = on_match is OnMatch.REPLACE
        self.first: dict[FormKey, tuple[int, T, int]] = {}  # key -> (source, kept, place)
        self.pending: dict[FormKey, tuple[int, T, int]] = {}
        self.dropped: list[int] = []

    def see(self, form: Form, kept: T, place: int) -> T | None:
        """Take the next form, at `place` in the result if it is kept. Returns what was kept of
        the earlier file's form it matches, or None (no match: the form is kept)."""
        key = form_key(form)
        if key is None:
            return None
        there = self.pending.get(key) or self.first.get(key)
        if there is None or there[0] == form.source:
            if there is None:
                self.pending[key] = (form.source, kept, place)
            return None
        if self.replaces:
            self.dropped.append(there[2])
            self.pending[key] = (form.source, kept, place)
        return there[1]

    def commit(self) -> list[int]:
        """The file's forms are in: the places of the earlier forms they replace."""
        dropped, self.dropped = self.dropped, []
        self.first.update(self.pending)
        self.pending = {}
        return dropped

    def rollback(self) -> None:
        self.pending, self.dropped = {}, []
