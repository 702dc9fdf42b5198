"""A self-evaluation and a monitoring round made from the seed's form 1 with made-up figures:
what the layout and writer tests draw."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from jixiao.domain.form import Form
from jixiao.evaluation import Achievement, Evaluation, evaluate, evaluation_settings, from_form
from jixiao.evaluation.monitoring import FormLights, blank, monitor

# Per indicator row of form 1: (实际完成值, stated achievement, 偏差原因分析及改进措施).
ACTUALS = (
    ("28亩", None, "=受天气影响工期顺延，已调整施工计划"),
    ("10人", None, ""),
    ("250亩", None, ""),
    ("27户", None, "部分农户退出，明年补足"),
    ("200亩", None, ""),
    ("98%", None, "个别环节返工"),
    ("100%", None, ""),
    ("明显提升", Achievement.MET, ""),
    ("已公开", Achievement.MET, ""),
    ("基本健全", Achievement.PARTLY, "制度尚待完善"),
    ("96%", None, ""),
)
SPENT = Decimal("239600.00")  # of 278,000.00: 86.19%


def evaluation_of(form: Form) -> Evaluation:
    table = from_form(form)
    rows = tuple(
        replace(row, actual=actual, achievement=level, reason=reason)
        for row, (actual, level, reason) in zip(table.rows, ACTUALS, strict=True)
    )
    funds = (replace(table.funds[0], spent=SPENT), replace(table.funds[1], spent=SPENT))
    table = replace(
        table,
        rows=rows,
        funds=funds + table.funds[2:],
        actual_goal="建成30亩智能温室，完成250亩仿野生石斛种植",
    )
    return evaluate(table, evaluation_settings())


# Per indicator row: (当前完成值, 全年预计完成情况, 完成目标可能性, 偏差原因, 改进措施).
CURRENT = (
    ("10亩", "30亩", "有可能", "经费", "=加快资金拨付"),
    ("6人", "10人", "确定能", "", ""),
    ("150亩", "250亩", "确定能", "", ""),
    ("5户", "20户", "完全不可能", "人员", "增派技术员入户动员"),
)


def monitored_of(form: Form, month: int = 6) -> FormLights:
    sheet = blank(form, month)
    rows = tuple(
        replace(row, current=c, expected=e, likelihood=lk, reason=r, measure=m)
        for row, (c, e, lk, r, m) in zip(sheet.rows, CURRENT, strict=False)
    )
    sheet = replace(
        sheet,
        rows=rows + sheet.rows[len(CURRENT) :],
        spent=Decimal("100000.00"),
        expected_spent=Decimal("270000.00"),
    )
    return monitor(sheet, evaluation_settings())
