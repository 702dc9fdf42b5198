"""The differences of a merge (`jixiao.merge`) as the editor shows them: text for table cells.

Fields get one line each (before / theirs / yours / what the page holds now); indicator rows one
block each with the level-1, level-2, level-3 headings and the target side by side. Values are
turned into text here, so a page never shows a Python list or dict (docs/editing.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from jixiao.domain.form import FIELD_LABELS, FUNDS_LABELS
from jixiao.merge import FUNDS, Change, Kind, Merged

ROW_PARTS = ("level1", "level2", "name", "target")


@dataclass(frozen=True)
class FieldDiff:
    label: str
    # before, theirs, yours, now: a text, a list of texts (`numbered`), or None where yours is
    # the same as before
    cells: tuple[Any, ...]
    clash: bool
    numbered: bool = False


@dataclass(frozen=True)
class Version:
    which: str  # before, theirs, yours, now
    parts: dict[str, str] | None  # level1, level2, name, target; None: see `note`
    note: str = ""


@dataclass(frozen=True)
class RowDiff:
    what: str
    clash: bool
    versions: list[Version]


@dataclass
class Differences:
    fields: list[FieldDiff] = field(default_factory=list)
    rows: list[RowDiff] = field(default_factory=list)
    clash_keys: set[str] = field(default_factory=set)  # rows marked in the editor below

    @property
    def clashes(self) -> int:
        return sum(d.clash for d in (*self.fields, *self.rows))


def differences(merged: Merged) -> Differences:
    out = Differences()
    for change in merged.changes:
        if change.kind is Kind.ROW:
            out.rows.append(_row_diff(change))
            if change.clash:
                out.clash_keys.add(change.name)
        else:
            out.fields.append(_field_diff(change))
    return out


def label(change: Change) -> str:
    """What the place of a change is called, for people (a field's label, the indicators...)."""
    if change.kind is Kind.ORDER:
        return _("指标顺序")
    if change.kind is Kind.TABLE:
        return _("绩效指标")
    if change.name == FUNDS + "unit":
        return _("资金单位")
    name = change.name.removeprefix(FUNDS)
    return _(FIELD_LABELS.get(name) or FUNDS_LABELS.get(name) or name)


def _values(change: Change) -> tuple[Any, ...]:
    return (change.base, change.theirs, change.mine, change.merged)


def _field_diff(change: Change) -> FieldDiff:
    if change.kind is Kind.ORDER:
        cells = [[r.get("name") or "" for r in rows] for rows in _values(change)]
    elif change.kind is Kind.TABLE:
        cells = [[_row_line(r) for r in rows] for rows in _values(change)]
    else:
        cells = ["" if v is None else str(v) for v in _values(change)]
    if cells[2] == cells[0]:
        cells[2] = None  # shown as "the same as before": the other side's change stands alone
    numbered = change.kind in (Kind.ORDER, Kind.TABLE)
    return FieldDiff(label(change), tuple(cells), change.clash, numbered)


def _row_line(row: Mapping[str, Any]) -> str:
    headings = " / ".join(row.get(k) or "—" for k in ("level1", "level2", "name"))
    return f"{headings}：{row.get('target') or ''}"


def _parts(row: Mapping[str, Any] | None) -> dict[str, str] | None:
    return None if row is None else {k: str(row.get(k) or "") for k in ROW_PARTS}


def _row_diff(change: Change) -> RowDiff:
    which = (_("修改前"), _("对方的修改"), _("您的修改"), _("页面现在的内容"))
    versions = [
        Version(w, _parts(v), _("（无此行）")) for w, v in zip(which, _values(change), strict=True)
    ]
    if change.base is not None and _parts(change.mine) == _parts(change.base):
        versions[2] = Version(which[2], None, _("（与修改前相同）"))
    return RowDiff(_what(change), change.clash, versions)


def _what(change: Change) -> str:
    """What happened to a row, in one sentence."""
    if change.base is None:
        return _("对方新增了此行")
    if change.theirs is None:
        if change.clash:
            return _("对方删除了此行，您修改了它：页面中保留您修改后的行")
        return _("对方删除了此行")
    if change.mine is None and change.clash:
        return _("您删除了此行，对方修改了它：页面中保留对方修改后的行")
    if change.clash:
        return _("双方都修改了此行：页面中是您的内容")
    return _("对方修改了此行")
