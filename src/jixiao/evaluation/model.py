"""The self-evaluation table (财政项目支出绩效自评表) as the unit fills it in.

Everything is kept as written: targets and actual values are the texts of their cells, amounts
are `Decimal` in 元, and the figures the table states (rates, scores, the total) are kept beside
what `jixiao.evaluation.evaluate` recomputes, so that a disagreement can be shown with both.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from jixiao.domain.form import ANNUAL_PERIODS, Form, Note


class Achievement(StrEnum):
    """How far a qualitative indicator was achieved; each level has a band of the weight."""

    MET = "达成"
    PARTLY = "部分达成"
    NOT_MET = "未达成"


# The lines of the funds block, in the table's order; the first is scored.
TOTAL_LINE = "年度资金总额"
FUNDS_LINES: tuple[str, ...] = (TOTAL_LINE, "当年财政拨款", "上年结转资金", "其他资金")


@dataclass(frozen=True)
class FundsLine:
    """One line of the funds block; None where the table leaves the cell empty."""

    label: str
    initial: Decimal | None = None  # 年初预算数
    budget: Decimal | None = None  # 全年预算数
    spent: Decimal | None = None  # 全年执行数
    stated_weight: Decimal | None = None  # 分值
    stated_rate: Decimal | None = None  # 执行率, in percent (86.19 for 86.19%)
    stated_score: Decimal | None = None  # 得分


@dataclass(frozen=True)
class EvalRow:
    """One indicator row. `weight` None: the weight is shared out (docs/evaluation.md)."""

    level1: str
    level2: str
    name: str
    target: str  # 年度指标值, as written
    actual: str = ""  # 实际完成值, as written
    weight: Decimal | None = None  # 分值
    stated_score: Decimal | None = None  # 得分 the unit gave itself
    reason: str = ""  # 偏差原因分析及改进措施
    applicable: bool = True
    achievement: Achievement | None = None  # stated for a qualitative row, else read from actual
    line: int | None = None  # where the row is in its source


@dataclass(frozen=True)
class SelfEvaluation:
    """One project's self-evaluation table."""

    project_name: str
    supervising_department: str = ""
    implementing_unit: str = ""
    budget_year: int | None = None
    funds: tuple[FundsLine, ...] = ()
    expected_goal: str = ""  # 年度总体目标: 预期目标
    actual_goal: str = ""  # 实际完成情况
    rows: tuple[EvalRow, ...] = ()
    stated_total: Decimal | None = None  # 总分 as the table states it
    source: str | None = None
    notes: tuple[Note, ...] = ()

    @property
    def total_line(self) -> FundsLine | None:
        return next((f for f in self.funds if f.label == TOTAL_LINE), None)


def from_form(form: Form) -> SelfEvaluation:
    """The blank table for an approved goal form: its header, its annual funds as the budget,
    its annual goal as the expected goal, its annual indicators with their targets."""
    fields = ("annual_request", "annual_appropriation", "annual_carryover", "annual_other")
    # The approved figure is both 年初预算数 and 全年预算数 until the unit states an adjustment.
    amounts = [form.funds.in_yuan(name) for name in fields]
    lines = tuple(FundsLine(label, a, a) for label, a in zip(FUNDS_LINES, amounts, strict=True))
    rows = tuple(
        EvalRow(i.level1 or "", i.level2 or "", i.name, i.target, line=i.line)
        for i in form.indicators
        if i.period in ANNUAL_PERIODS
    )
    return SelfEvaluation(
        project_name=form.project_name or "",
        supervising_department=form.supervising_department or "",
        implementing_unit=form.implementing_unit or "",
        budget_year=form.budget_year,
        funds=lines,
        expected_goal=form.annual_goal or "",
        rows=rows,
    )
