"""用户批量导入: users from an xlsx sheet, its template, and the passwords made (docs/people.md).

The sheet is bounded before it is read (bytes, the zip package's parts, rows), opened without
evaluating anything (a formula cell is refused, never computed), and checked row by row with the
rules of `services/people.py`: every valid row makes a user, every refused row is reported with
its row number and why. Text written back (the template, the passwords) goes through the
project's formula guard (`jixiao.exporters.no_formulas`, docs/exports.md).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from jixiao.errors import InputError
from jixiao.exporters.no_formulas import append_row
from jixiao.importers.zipsafe import Limits, open_zip
from jixiao_web.accounts.models import Role
from jixiao_web.bilingual import local
from jixiao_web.services import people, units
from jixiao_web.units.models import Unit

HEADER = ("用户名", "姓名", "角色", "单位", "邮箱", "专业领域")
MAX_BYTES = 2 * 1024 * 1024  # a sheet of thousands of users is a few hundred KB
MAX_ROWS = 2000  # users in one sheet, the header not counted
LIMITS = Limits(members=200, total=30 * 1024 * 1024, member=25 * 1024 * 1024)
FIELD_SEPARATORS = re.compile(r"[、,，;；]")
MAX_FIELDS, FIELD_LENGTH = 20, 50


class SheetRefused(Exception):
    """The whole file is refused (too large, not xlsx, no header …); `str()` says why."""


@dataclass(frozen=True)
class RowRefused:
    row: int
    username: str
    reason: str


@dataclass
class Report:
    created: list[tuple[str, str]] = field(default_factory=list)  # (user name, password)
    refused: list[RowRefused] = field(default_factory=list)


# Reading: bytes → rows of cell values, without evaluating anything.


def read_rows(data: bytes, name: str) -> list[tuple[int, tuple[Any, ...]]]:
    """The rows under the header, as (row number, six cell values): a formula as the
    `Formula` it is, never its result. SheetRefused when the file cannot be taken whole."""
    if len(data) > MAX_BYTES:
        raise SheetRefused(
            _("文件过大（%(size)s KB，上限 %(limit)s KB）。")
            % {"size": len(data) // 1024, "limit": MAX_BYTES // 1024}
        )
    book = _open(data, name)
    try:
        return _taken(_cells(book.worksheets[0]))
    finally:
        book.close()


def _taken(rows: Iterator[tuple[int, tuple[Any, ...]]]) -> list[tuple[int, tuple[Any, ...]]]:
    _check_header(next(rows, None))
    taken = []
    for number, values in rows:
        if any(v is not None and (isinstance(v, Formula) or _text(v)) for v in values):
            taken.append((number, values))
        if len(taken) > MAX_ROWS:
            raise SheetRefused(_("用户超过 %(n)s 行，请分成几个文件导入。") % {"n": MAX_ROWS})
    return taken


def _open(data: bytes, name: str) -> Any:
    from openpyxl import load_workbook

    try:
        open_zip(data, name, "xlsx", LIMITS)
    except InputError as exc:
        raise SheetRefused(local(exc.text)) from None
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception:  # openpyxl raises what its parsers raise on a damaged package
        raise SheetRefused(_("不是有效的 Excel 工作簿（.xlsx），无法读取。")) from None
    if not book.worksheets:
        book.close()
        raise SheetRefused(_("工作簿中没有工作表。"))
    return book


@dataclass(frozen=True)
class Formula:
    """A formula cell, kept as written and never computed."""

    text: str


def _cells(sheet: Any) -> Iterator[tuple[int, tuple[Any, ...]]]:
    try:
        for number, row in enumerate(sheet.iter_rows(max_col=len(HEADER)), start=1):
            values = [Formula(str(c.value)) if c.data_type == "f" else c.value for c in row]
            yield number, tuple(values + [None] * (len(HEADER) - len(values)))
    except Exception:  # a damaged sheet part shows only when its rows are read
        raise SheetRefused(_("不是有效的 Excel 工作簿（.xlsx），无法读取。")) from None


def _check_header(first: tuple[int, tuple[Any, ...]] | None) -> None:
    if first is None or tuple(_text(v) for v in first[1]) != HEADER:
        raise SheetRefused(
            _("第 1 行须为表头：%(h)s（请使用下载的模板）。") % {"h": "、".join(HEADER)}
        )


def _text(value: Any) -> str:
    """A cell as text: numbers as written (12345, not 12345.0), dates as ISO dates."""
    if value is None or isinstance(value, Formula):
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return str(value).strip()


# Checking: one row → a user to make, or why not.


@dataclass
class Known:
    """What rows are checked against: units by name, and the user names seen in the sheet."""

    find_unit: Callable[[str], Unit | None] = units.find
    seen: dict[str, int] = field(default_factory=dict)  # user name (casefolded) → its row


def check_row(number: int, values: Sequence[Any], known: Known) -> people.NewUser | RowRefused:
    """The user row `number` asks for, or why it is refused; never raises, writes nothing."""
    username = _text(values[0])
    checked = _repeated(number, username, known) or _formula_refusal(values)
    checked = checked or _row_refusal(username, values, known)
    return RowRefused(number, username, checked) if isinstance(checked, str) else checked


def _repeated(number: int, username: str, known: Known) -> str | None:
    """A user name an earlier row of the sheet has (made or refused), or None; notes this one."""
    key = username.casefold()
    if key and key in known.seen:
        return _("用户名“%(u)s”与第 %(r)s 行重复。") % {"u": username, "r": known.seen[key]}
    if key:
        known.seen[key] = number
    return None


def _formula_refusal(values: Sequence[Any]) -> str | None:
    for column, value in zip(HEADER, values, strict=False):
        if isinstance(value, Formula):
            return _("“%(c)s”是公式（%(f)s），不予计算：请填写文字。") % {
                "c": column,
                "f": value.text[:40],
            }
    return None


def _row_refusal(username: str, values: Sequence[Any], known: Known) -> str | people.NewUser:
    name, role_text, unit_name, email, fields_text = (_text(v) for v in values[1:6])
    role = people.parse_role(role_text)
    if role is None:
        return _("角色“%(r)s”无法识别，可填：%(roles)s。") % {
            "r": role_text,
            "roles": people.ROLES_WRITTEN,
        }
    unit = known.find_unit(unit_name) if unit_name else None
    if unit_name and unit is None:
        return _("单位“%(u)s”不存在（请先在单位管理中建立）。") % {"u": unit_name}
    fields = split_fields(fields_text)
    if isinstance(fields, str):
        return fields
    new = people.NewUser(username, role, unit, name, email, fields=fields)
    refused = new.refusals()
    return next(iter(refused.values())) if refused else new


def split_fields(text: str) -> list[str] | str:
    """An expert's fields of work, separated by 、 , ， ; or ；, or why they are refused."""
    fields = [part.strip() for part in FIELD_SEPARATORS.split(text) if part.strip()]
    if len(fields) > MAX_FIELDS or any(len(f) > FIELD_LENGTH for f in fields):
        return _("专业领域最多 %(n)s 项，每项最多 %(l)s 个字。") % {
            "n": MAX_FIELDS,
            "l": FIELD_LENGTH,
        }
    return fields


# Importing: every valid row makes a user, in one transaction.


def import_sheet(data: bytes, name: str, actor: Any) -> Report:
    """Make the users the sheet's valid rows ask for; SheetRefused (nothing made) when the
    file itself is refused."""
    report, known = Report(), Known()
    rows = read_rows(data, name)
    with transaction.atomic():
        for number, values in rows:
            checked = check_row(number, values, known)
            if isinstance(checked, RowRefused):
                report.refused.append(checked)
                continue
            try:
                user, password = people.create(checked, actor)
            except people.PeopleRefused as exc:  # taken meanwhile by another request
                report.refused.append(RowRefused(number, checked.username, str(exc)))
                continue
            report.created.append((user.get_username(), password))
    return report


# Writing: the template and the passwords made.


def _workbook_bytes(book: Any) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


EXPLAINED = (
    ("用户名", "必填。登录用的名字：字母、数字和 @ . + - _，不可与已有用户或本表其他行相同。"),
    ("姓名", "选填。用户的姓名，原样保存。"),
    ("角色", "必填。" + people.ROLES_WRITTEN + "，可写中文或英文代码。"),
    (
        "单位",
        "填报人、主管部门审核人必填，评审专家选填（不评审本单位的表单），财政管理员须留空。"
        "须为系统中已有的单位或主管部门名称。",
    ),
    ("邮箱", "选填。"),
    ("专业领域", "只用于评审专家，选填。多项用 、 , ， ; ； 分隔。"),
)


def template_bytes() -> bytes:
    """The blank sheet to fill: the header row, and a sheet explaining the columns and roles."""
    with translation.override("zh-hans"):  # the template is in Chinese whatever the page's language
        return _template()


def _template() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "用户"
    append_row(sheet, HEADER)
    help_sheet = book.create_sheet("说明")
    append_row(help_sheet, ("列", "说明"))
    for row in EXPLAINED:
        append_row(help_sheet, row)
    append_row(help_sheet, ())
    append_row(help_sheet, ("角色", "可写作"))
    for code, label in Role.choices:
        words = [w for w, c in people.ROLE_WORDS.items() if c == code]
        append_row(help_sheet, (str(label), "、".join(words)))
    return _workbook_bytes(book)


def passwords_bytes(created: Sequence[tuple[str, str]]) -> bytes:
    """The passwords of the users made (user name, password), as text cells."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("初始密码")
    append_row(sheet, ("用户名", "初始密码"))
    for username, password in created:
        append_row(sheet, (username, password))
    return _workbook_bytes(book)
