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

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from jixiao.domain.form import Form
from jixiao.i18n import Text
from jixiao.interchange import Batch
from jixiao.names import clean_name, name_key

FormKey = tuple[int | None, str, str]


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
    matches, forms = _apply(batch.forms, on_match)
    return Batch(batch.sources, tuple(forms), batch.notes), matches


def _apply(forms: Iterable[Form], on_match: OnMatch) -> tuple[list[Match], list[Form]]:
    result: list[Form | None] = []
    first: dict[FormKey, tuple[Form, int]] = {}  # key -> (the form there, its index in result)
    matches: list[Match] = []
    for form in forms:
        key = form_key(form)
        earlier = first.get(key) if key else None
        if earlier is None or earlier[0].source == form.source:
            if key and key not in first:
                first[key] = (form, len(result))
            result.append(form)
            continue
        matches.append(Match(form, earlier[0], kept=on_match is not OnMatch.SKIP))
        if on_match is OnMatch.REPLACE:
            result[earlier[1]] = None
            first[key] = (form, len(result))  # type: ignore[index]
        if on_match is not OnMatch.SKIP:
            result.append(form)
    return matches, [f for f in result if f is not None]
