"""A monitoring round's entries for one form and their lights (绩效运行监控, docs/evaluation.md).

The unit states, as of a month, the spending to date and expected for the year, and per
indicator the current value, the expected full-year value, the likelihood of meeting the target
and, for a red or yellow row, the reason and the corrective measure. `monitor` lights each row,
the spending and the form; `problems` says what must still be filled in before it is handed in.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.form import ANNUAL_PERIODS, Form
from jixiao.domain.target import parse_target
from jixiao.evaluation.lights import (
    LIKELIHOODS,
    REASONS,
    Light,
    Lit,
    budget_light,
    indicator_light,
    worst,
)
from jixiao.evaluation.settings import EvaluationSettings
from jixiao.i18n import Text


@dataclass(frozen=True)
class MonitoredRow:
    level1: str
    level2: str
    name: str
    target: str  # 年度指标值, as written
    current: str = ""  # 当前完成值
    expected: str = ""  # 全年预计完成情况
    likelihood: str = ""  # one of LIKELIHOODS, or "" when not said
    reason: str = ""  # one of REASONS, for a red or yellow row
    measure: str = ""  # 改进措施


@dataclass(frozen=True)
class MonitoredForm:
    project_name: str
    implementing_unit: str = ""
    supervising_department: str = ""
    budget_year: int | None = None
    month: int = 7
    budget: Decimal | None = None  # the year's budget, 元
    spent: Decimal | None = None  # spent to date, 元
    expected_spent: Decimal | None = None  # expected by year end, 元
    rows: tuple[MonitoredRow, ...] = ()


@dataclass(frozen=True)
class RowLight:
    row: MonitoredRow
    lit: Lit | None  # None: nothing entered yet, or nothing to compare
    problems: tuple[Text, ...] = ()


@dataclass(frozen=True)
class FormLights:
    form: MonitoredForm
    budget: Lit | None
    rows: tuple[RowLight, ...]
    light: Light | None  # the worst of the spending and the rows

    @property
    def problems(self) -> tuple[Text, ...]:
        return tuple(p for r in self.rows for p in r.problems)

    def count(self, light: Light) -> int:
        return sum(1 for r in self.rows if r.lit and r.lit.light is light) + (
            1 if self.budget and self.budget.light is light else 0
        )


def blank(form: Form, month: int) -> MonitoredForm:
    """An approved goal form's monitoring sheet, nothing entered: its annual indicators."""
    rows = tuple(
        MonitoredRow(i.level1 or "", i.level2 or "", i.name, i.target)
        for i in form.indicators
        if i.period in ANNUAL_PERIODS
    )
    return MonitoredForm(
        project_name=form.project_name or "",
        implementing_unit=form.implementing_unit or "",
        supervising_department=form.supervising_department or "",
        budget_year=form.budget_year,
        month=month,
        budget=form.funds.requested_yuan,
        rows=rows,
    )


def monitor(form: MonitoredForm, settings: EvaluationSettings) -> FormLights:
    budget = None
    if form.budget is not None and form.spent is not None:
        budget = budget_light(form.budget, form.spent, form.month, settings)
    rows = tuple(_row(r, form.month, settings) for r in form.rows)
    light = worst(
        [budget.light if budget else None, *(r.lit.light if r.lit else None for r in rows)]
    )
    return FormLights(form, budget, rows, light)


def _row(row: MonitoredRow, month: int, settings: EvaluationSettings) -> RowLight:
    lit = indicator_light(parse_target(row.target), row.current, month, settings, row.likelihood)
    problems: list[Text] = []
    if row.likelihood and row.likelihood not in LIKELIHOODS:
        problems.append(
            Text(
                "“{n}”的完成目标可能性只能是：{c}", "“{n}”: the likelihood must be one of {c}"
            ).format(n=row.name, c="、".join(LIKELIHOODS))
        )
    if lit is not None and lit.light.needs_reason:
        if row.reason not in REASONS:
            problems.append(
                Text(
                    "“{n}”为{l}，须选择偏差原因（{c}）", "“{n}” is {l}: choose a reason ({c})"
                ).format(n=row.name, l=lit.light.label, c="、".join(REASONS))
            )
        if not row.measure.strip():
            problems.append(
                Text(
                    "“{n}”为{l}，须填写改进措施", "“{n}” is {l}: a corrective measure is required"
                ).format(n=row.name, l=lit.light.label)
            )
    return RowLight(row, lit, tuple(problems))


def unit_light(forms: Iterable[FormLights]) -> Light | None:
    """A unit's light: the worst of its forms'."""
    return worst(f.light for f in forms)
