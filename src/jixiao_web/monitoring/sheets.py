"""A stored form's monitoring sheet as the core sees it, docs/evaluation.md ("Monitoring in the
app"): the core's blank sheet of the form (`monitoring.blank`), filled in with what the unit
typed, and lit by the core (`monitoring.monitor`). Nothing here computes a light or a problem.

What the unit typed travels as `Typed`, whether it comes from the page or from a stored entry,
so that a refused request can show it again exactly as it was.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jixiao.domain.bounds import check_amount
from jixiao.errors import InputError
from jixiao.evaluation.lights import LIKELIHOODS, REASONS
from jixiao.evaluation.monitoring import FormLights, MonitoredForm, MonitoredRow, blank, monitor
from jixiao.evaluation.settings import EvaluationSettings, evaluation_settings
from jixiao.importers import values
from jixiao_web.bilingual import local
from jixiao_web.forms.models import Form
from jixiao_web.services.forms import to_core

ROW_FIELDS = ("current", "expected", "likelihood", "reason", "measure")
LONGEST = {"current": 200, "expected": 200, "measure": 2000}
AMOUNTS = {"spent": gettext_noop("执行数（截至当月）"), "expected": gettext_noop("全年预计执行数")}
WAN = Decimal(10000)


@dataclass(frozen=True)
class Typed:
    """What the unit typed: the two amounts and, per annual indicator (in the order of the
    core's blank sheet), its name and `ROW_FIELDS`."""

    spent: str = ""
    expected: str = ""
    rows: tuple[Mapping[str, str], ...] = ()


def settings(year: int | None) -> EvaluationSettings:
    """The lights' settings of a budget year: the `[monitoring]` table of the review's settings
    with the year's rule sets, as self-evaluation reads its own (`services.selfeval`)."""
    return evaluation_settings(None, budget_year=year)


def base(form: Form, month: int) -> MonitoredForm:
    """The form's sheet with nothing entered: its annual indicators (the core decides which)."""
    return blank(to_core(form), month)


def from_post(post: Mapping[str, Any], sheet: MonitoredForm) -> Typed:
    """The page's fields: `spent`, `expected`, `row-<i>-<field>` for each row of `sheet`."""
    rows = tuple(
        {"name": r.name, **{f: str(post.get(f"row-{i}-{f}", "")) for f in ROW_FIELDS}}
        for i, r in enumerate(sheet.rows)
    )
    return Typed(str(post.get("spent", "")), str(post.get("expected", "")), rows)


def _row(row: MonitoredRow, typed: Sequence[Mapping[str, str]], i: int) -> MonitoredRow:
    """The row with what was typed for it; a stored row of another name (the form was revised
    since) is not this row's."""
    found = typed[i] if i < len(typed) else {}
    if found.get("name", row.name) != row.name:
        found = {}
    return replace(row, **{f: str(found.get(f, "")) for f in ROW_FIELDS})


def filled(sheet: MonitoredForm, typed: Typed) -> MonitoredForm:
    """`sheet` with what was typed (an amount that cannot be read is left out; a save refuses
    it first: `problems_of_input`)."""
    rows = tuple(_row(r, typed.rows, i) for i, r in enumerate(sheet.rows))
    spent = amount(typed.spent, AMOUNTS["spent"])[0]
    expected = amount(typed.expected, AMOUNTS["expected"])[0]
    return replace(sheet, spent=spent, expected_spent=expected, rows=rows)


def lights(
    sheet: MonitoredForm, typed: Typed, using: EvaluationSettings | None = None
) -> FormLights:
    """The core's lights of what was typed; `using` when the caller lights a round's forms
    (read once), else the sheet's year's settings."""
    return monitor(filled(sheet, typed), using or settings(sheet.budget_year))


def amount(raw: str, label: str) -> tuple[Decimal | None, str]:
    """An amount in 元 read as the importers and the editor read a funds cell
    (`values.money`, full-width digits, `万元`), within the bounds every reader applies;
    (None, "") when blank, (None, message) when it cannot be read."""
    if not raw.strip():
        return None, ""
    value, unit = values.money(raw)
    if value is None:
        return None, _("“%(f)s”不是金额：%(v)s") % {"f": _(label), "v": raw[:40]}
    try:
        checked = check_amount(value, field=label, written=raw.strip())
    except InputError as exc:
        return None, _("“%(f)s”：%(e)s") % {"f": _(label), "e": local(exc.text)}
    return (checked * WAN if unit == "万元" else checked), ""


def problems_of_input(typed: Typed) -> dict[str, str]:
    """What is wrong with the input itself, by field name: an amount that is no amount, a
    choice that is not offered, text too long. Such a save is refused (nothing is stored)."""
    errors = {}
    for name, raw in (("spent", typed.spent), ("expected", typed.expected)):
        problem = amount(raw, AMOUNTS[name])[1]
        if problem:
            errors[name] = problem
    for i, row in enumerate(typed.rows):
        errors.update(_row_errors(i, row))
    return errors


def _row_errors(i: int, row: Mapping[str, str]) -> dict[str, str]:
    errors = {}
    if row.get("likelihood") and row["likelihood"] not in LIKELIHOODS:
        errors[f"row-{i}-likelihood"] = _("第 %(n)s 行：完成目标可能性须从列表中选择") % {
            "n": i + 1
        }
    if row.get("reason") and row["reason"] not in REASONS:
        errors[f"row-{i}-reason"] = _("第 %(n)s 行：偏差原因须从列表中选择") % {"n": i + 1}
    for name, longest in LONGEST.items():
        if len(row.get(name, "")) > longest:
            errors[f"row-{i}-{name}"] = _("第 %(n)s 行：内容过长（最多 %(m)s 字）") % {
                "n": i + 1,
                "m": longest,
            }
    return errors
