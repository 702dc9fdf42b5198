"""The self-evaluation table and the monitoring report as grids (jixiao.evaluation.layout): every
value in its place, the figures formatted as published, the merged headings, a full grid."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.evaluation.sample_tables import ACTUALS, CURRENT, SPENT, evaluation_of, monitored_of

from jixiao.domain.paper import Cell, Table, slots
from jixiao.evaluation import EvalRow, SelfEvaluation, evaluate, evaluation_settings
from jixiao.evaluation.layout import (
    AMOUNT_FORMAT,
    RATE_FORMAT,
    SCORE_FORMAT,
    monitoring_grid,
    monitoring_page,
    selfeval_grid,
    selfeval_page,
)
from jixiao.evaluation.lights import Light
from jixiao.evaluation.monitoring import MonitoredForm, MonitoredRow, monitor, unit_light


@pytest.fixture(scope="module")
def ev(seed_batch):
    return evaluation_of(seed_batch.forms[0])


def texts(table: Table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def find(table: Table, text: str) -> tuple[int, Cell]:
    """The row and cell where `text` first appears."""
    return next((r, c) for r, row in enumerate(table.rows) for c in row.cells if c.text == text)


def test_the_header_and_title_name_the_project_its_units_and_year(ev) -> None:
    page = selfeval_page(ev)
    assert (page.title, page.subtitle, page.year) == (
        "财政项目支出绩效自评表",
        "（2021年度）",
        "2021年度",
    )
    rows = texts(page.table)
    assert rows[0] == ["项目名称", "东西部扶贫帮困"]
    assert rows[1] == ["主管部门", "", "实施单位", "上海市松江区科学技术委员会（本部）"]
    assert page.unit == "上海市松江区科学技术委员会（本部）"


def test_the_funds_block_shows_amounts_rates_and_the_execution_score(ev) -> None:
    rows = texts(selfeval_grid(ev))
    assert rows[2][2:] == ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
    # 239,600 of 278,000 is 86.187…%: shown 86.19%, 10 × 0.86187… = 8.62
    assert rows[3] == [
        "年度资金总额", "278,000.00", "278,000.00", "239,600.00", "10.00", "86.19%", "8.62"
    ]  # fmt: skip
    assert rows[4] == ["当年财政拨款", "278,000.00", "278,000.00", "239,600.00", "—", "86.19%", "—"]
    assert rows[5] == ["上年结转资金", "0.00", "0.00", "", "—", "—", "—"]
    assert rows[6][0] == "其他资金"


def test_a_figure_cell_carries_its_exact_number_and_format(ev) -> None:
    table = selfeval_grid(ev)
    _, spent = find(table, "239,600.00")
    assert (spent.number, spent.number_format) == (SPENT, AMOUNT_FORMAT)
    _, rate = find(table, "86.19%")
    assert (rate.number, rate.number_format) == (Decimal("86.19"), RATE_FORMAT)
    _, score = find(table, "8.62")
    assert (score.number, score.number_format) == (Decimal("8.62"), SCORE_FORMAT)
    assert score.place == "execution"
    for row in table.rows:
        for cell in row.cells:
            assert cell.number is None or isinstance(cell.number, Decimal)


def test_the_goals_are_expected_and_actual_side_by_side(ev) -> None:
    table = selfeval_grid(ev)
    r, label = find(table, "年度总体目标")
    assert label.rows == 2
    assert texts(table)[r][1:] == ["预期目标", "实际完成情况"]
    assert texts(table)[r + 1] == [ev.table.expected_goal, ev.table.actual_goal]


def test_every_indicator_row_shows_target_actual_weight_score_and_reason(ev) -> None:
    table = selfeval_grid(ev)
    start, section = find(table, "绩效指标")
    assert section.rows == len(ev.rows) + 1 == 12
    for n, scored in enumerate(ev.rows):
        row = table.rows[start + 1 + n]
        name = next(c for c in row.cells if c.col == 3)
        values = [c.text for c in row.cells if c.col >= 3]
        actual, _, reason = ACTUALS[n]
        assert values == [
            scored.row.name,
            scored.row.target,
            actual,
            f"{scored.weight:.2f}",
            f"{scored.score:.2f}",
            reason,
        ]
        assert name.place == row.place == f"indicator-{n}"
    assert texts(table)[start + 1][3:] == ["=30亩", "28亩", "7.15", "6.67", ACTUALS[0][2]]


def test_the_total_is_out_of_100_with_the_score_and_grade(ev) -> None:
    last = selfeval_grid(ev).rows[-1]
    assert [c.text for c in last.cells] == [
        "总分",
        "100.00",
        f"{ev.score}",
        f"自评等级：{ev.grade}",
    ]
    assert ev.score == Decimal("92.89") and last.cells[0].span == 6


def test_headings_repeated_down_the_rows_are_merged(ev) -> None:
    table = selfeval_grid(ev)
    spans = {c.text: c.rows for row in table.rows for c in row.cells if c.col in (1, 2)}
    assert spans["产出指标"] == 7 and spans["数量指标"] == 5 and spans["效益指标"] == 3
    assert spans["社会效益指标"] == 2 and spans["满意度指标"] == 1


def test_a_row_not_applicable_has_no_weight_or_score(seed_batch) -> None:
    table = evaluation_of(seed_batch.forms[0]).table
    rows = (replace(table.rows[0], applicable=False), *table.rows[1:])
    ev = evaluate(replace(table, rows=rows), evaluation_settings())
    grid = selfeval_grid(ev)
    start, _ = find(grid, "绩效指标")
    assert [c.text for c in grid.rows[start + 1].cells][-3:] == ["不适用", "—", ACTUALS[0][2]]


def covered(table: Table) -> list[list[int]]:
    """The columns each grid row covers, cells starting there and merged from above."""
    return [
        sorted(c for s in line for c in range(s.cell.col, s.cell.col + s.cell.span))
        for line in slots(table.rows)
    ]


HEADINGS = st.sampled_from(["", "产出指标", "效益指标", "=1+1"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(HEADINGS, HEADINGS, st.text(max_size=5)), max_size=8))
def test_every_row_of_any_table_covers_each_column_once(rows) -> None:
    table = SelfEvaluation(
        "项目", rows=tuple(EvalRow(a, b, name, "=100%", "90%") for a, b, name in rows)
    )
    grid = selfeval_grid(evaluate(table, evaluation_settings()))
    assert covered(grid) == [list(range(9))] * len(grid.rows)
    start, _ = find(grid, "绩效指标")
    for n, (level1, level2, name) in enumerate(rows):
        shown = {s.cell.col: s.cell.text for s in slots(grid.rows)[start + 1 + n]}
        assert (shown[1], shown[2], shown[3]) == (level1, level2, name)


def test_the_monitoring_report_has_the_unit_light_on_top_and_each_form(seed_batch) -> None:
    forms = [monitored_of(seed_batch.forms[0]), monitored_of(seed_batch.forms[1], 6)]
    page = monitoring_page("松江区科委", 6, forms)
    assert (page.title, page.subtitle) == ("绩效运行监控情况表", "（2021年度截至6月）")
    rows = texts(page.table)
    assert rows[0] == ["单位", "松江区科委", "监控时点", "截至6月", "单位监控结果", "红灯"]
    assert unit_light(forms) is Light.RED  # a row that cannot be met (完全不可能)
    assert rows[1] == ["项目名称", "东西部扶贫帮困", "项目监控结果", "红灯"]
    assert rows[2][1:] == [
        "全年预算数",
        "截至6月执行数",
        "全年预计执行数",
        "执行率",
        "亮灯",
        "计算依据",
    ]
    # 100,000 of 278,000 by June: 35.97% spent, 71.94% of what is due -> yellow
    assert rows[3][:5] == ["278,000.00", "100,000.00", "270,000.00", "35.97%", "黄灯"]
    assert rows[3][5].endswith("= 71.94")
    assert covered(page.table) == [list(range(10))] * len(page.table.rows)


def test_each_monitored_row_shows_its_entries_and_light(seed_batch) -> None:
    f = monitored_of(seed_batch.forms[0])
    rows = [r for r in texts(monitoring_grid("u", 6, [f])) if "=30亩" in r or "=30户" in r]
    current, expected, likelihood, reason, measure = CURRENT[0]
    assert rows[0][2:6] == ["建立30亩标准智能温室生态种植大棚", "=30亩", current, expected]
    # 10 of 30 亩 by June is 66.67% of what is due: yellow, with its reason and measure
    assert rows[0][6:] == [likelihood, "黄灯", reason, measure]
    assert rows[1][-5:] == ["20户", "完全不可能", "红灯", "人员", "增派技术员入户动员"]
    untouched = monitoring_grid("u", 6, [f]).rows[-1]
    later = monitoring_grid("u", 6, [monitored_of(seed_batch.forms[0], 9)])
    assert texts(later)[2][2] == "截至9月执行数"  # the month the form's entries are for
    assert untouched.cells[-3].text == "—"  # nothing entered: no light


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.lists(st.tuples(HEADINGS, HEADINGS, st.text(max_size=4)), max_size=5), max_size=3)
)
def test_every_row_of_any_monitoring_report_covers_each_column_once(forms) -> None:
    sheets = [
        MonitoredForm(f"项目{n}", budget_year=2021, month=6, rows=tuple(
            MonitoredRow(a, b, name, "=100人", "20人") for a, b, name in rows
        ))
        for n, rows in enumerate(forms)
    ]  # fmt: skip
    lit = [monitor(s, evaluation_settings()) for s in sheets]
    grid = monitoring_grid("单位", 6, lit)
    assert covered(grid) == [list(range(10))] * len(grid.rows)
    assert len(grid.rows) == 1 + sum(4 + len(rows) for rows in forms)
    shown = [s.cell.text for line in slots(grid.rows) for s in line if s.cell.col == 7]
    assert shown.count("红灯") == sum(len(rows) for rows in forms)  # 20 of 50 due by June
