"""The self-evaluation table (财政项目支出绩效自评表) and the monitoring report (绩效运行监控情况表)
as grids of cells (`jixiao.domain.paper`): the one description of each paper table, drawn by
every writer (`jixiao.evaluation.writers`: Word, Excel, HTML, PDF) and by the web app's pages
(docs/evaluation.md, *Exports*).

Figures are shown as the published tables show them: scores and weights with two decimals
(`8.62`), rates in percent (`86.19%`), amounts in 元 with two decimals (`278,000.00`). A cell
showing a figure carries it (`Cell.number`), so that a spreadsheet keeps it as a number.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from jixiao.domain.amounts import format_amount
from jixiao.domain.paper import Cell, Page, Row, Table, heading_spans, indicator_place
from jixiao.evaluation.evaluate import Evaluation, ScoredRow
from jixiao.evaluation.lights import Light, Lit
from jixiao.evaluation.model import TOTAL_LINE, FundsLine
from jixiao.evaluation.monitoring import FormLights, RowLight, unit_light
from jixiao.evaluation.schema import two
from jixiao.evaluation.scoring import HUNDRED, execution_rate

SELFEVAL_TITLE = "财政项目支出绩效自评表"
MONITORING_TITLE = "绩效运行监控情况表"
NONE = "—"  # a cell the table has no figure for (a part of the funds has no score)
AMOUNT_FORMAT = "#,##0.00"
SCORE_FORMAT = "0.00"
RATE_FORMAT = '0.00"%"'  # the rate is kept in percent (86.19), as the table states it
# Relative column widths (as `paper.WIDTHS`). Both tables have more columns than the goal form
# and are printed across the page (`Table.wide`): amounts of millions fit their columns.
SELFEVAL_WIDTHS = (1.8, 1.6, 1.8, 2.6, 2.0, 2.0, 1.6, 1.5, 3.4)
MONITORING_WIDTHS = (1.6, 1.6, 2.4, 1.7, 1.7, 1.9, 1.5, 1.2, 1.4, 2.6)


def amount_cell(value: Decimal | None, col: int, span: int = 1) -> Cell:
    if value is None:
        return Cell("", col, span)
    return Cell(format_amount(value), col, span, number=value, number_format=AMOUNT_FORMAT)


def score_cell(value: Decimal | None, col: int, span: int = 1, place: str | None = None) -> Cell:
    text = two(value)
    if text is None:
        return Cell(NONE, col, span, place=place)
    return Cell(text, col, span, place=place, number=Decimal(text), number_format=SCORE_FORMAT)


def rate_cell(value: Decimal | None, col: int, span: int = 1) -> Cell:
    text = two(value)
    if text is None:
        return Cell(NONE, col, span)
    return Cell(f"{text}%", col, span, number=Decimal(text), number_format=RATE_FORMAT)


def _label(text: str, col: int, span: int = 1, rows: int = 1) -> Cell:
    return Cell(text, col, span, rows, kind="label")


def _line_rate(line: FundsLine) -> Decimal | None:
    if line.budget is None or line.spent is None or line.budget <= 0:
        return None
    return execution_rate(line.budget, line.spent)


# ---- the self-evaluation table: nine columns ------------------------------------------------


def _selfeval_header(ev: Evaluation) -> list[Row]:
    t = ev.table
    return [
        Row((_label("项目名称", 0), Cell(t.project_name, 1, 8, place="project_name"))),
        Row(
            (
                _label("主管部门", 0),
                Cell(t.supervising_department, 1, 3, place="supervising_department"),
                _label("实施单位", 4, 2),
                Cell(t.implementing_unit, 6, 3, place="implementing_unit"),
            )
        ),
    ]


def _funds_line(ev: Evaluation, line: FundsLine) -> Row:
    """A line of the funds block; only 年度资金总额 is scored (its 分值, 执行率 and 得分 are the
    recomputed ones of `ev.execution`)."""
    total = line.label == TOTAL_LINE
    if total:
        scored = (
            score_cell(ev.execution.weight, 6),
            rate_cell(ev.execution.rate, 7),
            score_cell(ev.execution.score, 8, place="execution"),
        )
    else:
        scored = (Cell(NONE, 6), rate_cell(_line_rate(line), 7), Cell(NONE, 8))
    amounts = (
        amount_cell(line.initial, 3),
        amount_cell(line.budget, 4),
        amount_cell(line.spent, 5),
    )
    return Row((_label(line.label, 1, 2), *amounts, *scored))


def _selfeval_funds(ev: Evaluation) -> list[Row]:
    lines = ev.table.funds
    heads = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
    first = Row(
        (
            Cell("项目资金\n（元）", 0, rows=len(lines) + 1, kind="label", place="funds"),
            Cell("", 1, 2),
            *(_label(h, 3 + n) for n, h in enumerate(heads)),
        )
    )
    return [first, *(_funds_line(ev, line) for line in lines)]


def _selfeval_goals(ev: Evaluation) -> list[Row]:
    t = ev.table
    return [
        Row(
            (
                _label("年度总体目标", 0, rows=2),
                _label("预期目标", 1, 4),
                _label("实际完成情况", 5, 4),
            )
        ),
        Row((Cell(t.expected_goal, 1, 4), Cell(t.actual_goal, 5, 4))),
    ]


def _selfeval_row(r: ScoredRow, span1: int, span2: int) -> Row:
    place = indicator_place(r.index)
    cells = [Cell(r.row.level1, 1, rows=span1)] if span1 else []
    cells += [Cell(r.row.level2, 2, rows=span2)] if span2 else []
    weight = score_cell(r.weight, 6) if r.weight is not None else Cell("不适用", 6)
    cells += [
        Cell(r.row.name, 3, place=place),
        Cell(r.row.target, 4),
        Cell(r.row.actual, 5),
        weight,
        score_cell(r.score, 7),
        Cell(r.row.reason, 8),
    ]
    return Row(tuple(cells), place)


def _selfeval_indicators(ev: Evaluation) -> list[Row]:
    heads = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")
    head = Row(
        (
            Cell("绩效指标", 0, rows=len(ev.rows) + 1, kind="label", place="indicators"),
            *(_label(h, 1 + n) for n, h in enumerate(heads)),
            _label("偏差原因分析\n及改进措施", 8),
        )
    )
    spans1, spans2 = heading_spans(
        [r.row.level1 or None for r in ev.rows], [r.row.level2 or None for r in ev.rows]
    )
    rows = [_selfeval_row(r, a, b) for r, a, b in zip(ev.rows, spans1, spans2, strict=True)]
    return [head, *rows]


def _selfeval_total(ev: Evaluation) -> Row:
    return Row(
        (
            _label("总分", 0, 6),
            score_cell(HUNDRED, 6),
            score_cell(ev.score, 7, place="total"),
            Cell(f"自评等级：{ev.grade}", 8),
        )
    )


def selfeval_grid(ev: Evaluation) -> Table:
    """The self-evaluation table of one scored project (docs/evaluation.md, *Exports*): header,
    funds block, 年度总体目标, the indicator rows, the total; every score the recomputed one."""
    rows = _selfeval_header(ev) + _selfeval_funds(ev) + _selfeval_goals(ev)
    rows += _selfeval_indicators(ev)
    rows.append(_selfeval_total(ev))
    return Table(rows, SELFEVAL_WIDTHS)


def selfeval_page(ev: Evaluation) -> Page:
    year = f"{ev.table.budget_year}年度" if ev.table.budget_year else ""
    unit = ev.table.implementing_unit or ev.table.supervising_department
    subtitle = f"（{year}）" if year else ""
    grid = selfeval_grid(ev)
    return Page(SELFEVAL_TITLE, subtitle, grid, unit, year, name=ev.table.project_name)


# ---- the monitoring report: ten columns ------------------------------------------------------


def light_text(light: Light | None) -> str:
    """A light as the report writes it; `—` where nothing was entered to light."""
    return light.label if light is not None else NONE


def _lit_text(lit: Lit | None) -> str:
    return light_text(lit.light if lit else None)


def _unit_row(unit: str, month: int, forms: Sequence[FormLights]) -> Row:
    return Row(
        (
            _label("单位", 0, 2),
            Cell(unit, 2, 2),
            _label("监控时点", 4),
            Cell(f"截至{month}月", 5),
            _label("单位监控结果", 6, 2),
            Cell(light_text(unit_light(forms)), 8, 2, place="unit_light"),
        )
    )


def _spending_rows(f: FormLights) -> list[Row]:
    """The spending as of the month the form's entries are for (and its light was worked out)."""
    form, month = f.form, f.form.month
    rate = None
    if form.budget is not None and form.spent is not None and form.budget > 0:
        rate = execution_rate(form.budget, form.spent)
    heads = ("全年预算数", f"截至{month}月执行数", "全年预计执行数", "执行率", "亮灯")
    return [
        Row(
            (
                _label("预算执行\n（元）", 0, 2, rows=2),
                *(_label(h, 2 + n) for n, h in enumerate(heads)),
                _label("计算依据", 7, 3),
            )
        ),
        Row(
            (
                amount_cell(form.budget, 2),
                amount_cell(form.spent, 3),
                amount_cell(form.expected_spent, 4),
                rate_cell(rate, 5),
                Cell(_lit_text(f.budget), 6, place="budget_light"),
                Cell(f.budget.basis if f.budget else "", 7, 3),
            )
        ),
    ]


MONITORING_HEADS = (
    "一级指标",
    "二级指标",
    "三级指标",
    "年度指标值",
    "当前完成值",
    "全年预计完成情况",
    "完成目标可能性",
    "亮灯",
    "偏差原因",
    "改进措施",
)


def _monitored_row(r: RowLight, span1: int, span2: int) -> Row:
    row = r.row
    cells = [Cell(row.level1, 0, rows=span1)] if span1 else []
    cells += [Cell(row.level2, 1, rows=span2)] if span2 else []
    texts = (row.name, row.target, row.current, row.expected, row.likelihood)
    cells += [Cell(text, 2 + n) for n, text in enumerate(texts)]
    cells += [Cell(_lit_text(r.lit), 7), Cell(row.reason, 8), Cell(row.measure, 9)]
    return Row(tuple(cells))


def _form_rows(f: FormLights) -> list[Row]:
    title = Row(
        (
            _label("项目名称", 0, 2),
            Cell(f.form.project_name, 2, 4),
            _label("项目监控结果", 6, 2),
            Cell(light_text(f.light), 8, 2),
        )
    )
    rows = [r.row for r in f.rows]
    spans1, spans2 = heading_spans(
        [r.level1 or None for r in rows], [r.level2 or None for r in rows]
    )
    head = Row(tuple(_label(h, n) for n, h in enumerate(MONITORING_HEADS)))
    body = [_monitored_row(r, a, b) for r, a, b in zip(f.rows, spans1, spans2, strict=True)]
    return [title, *_spending_rows(f), head, *body]


def monitoring_grid(unit: str, month: int, forms: Sequence[FormLights]) -> Table:
    """A unit's monitoring report as of `month` (docs/evaluation.md, *Exports*): the unit's light
    on top, then per form its light, its spending and each indicator row with its light."""
    rows = [_unit_row(unit, month, forms)]
    for f in forms:
        rows += _form_rows(f)
    return Table(rows, MONITORING_WIDTHS)


def monitoring_page(unit: str, month: int, forms: Sequence[FormLights]) -> Page:
    years = sorted({f.form.budget_year for f in forms if f.form.budget_year})
    year = f"{years[0]}年度" if len(years) == 1 else ""
    subtitle = f"（{year}截至{month}月）"
    grid = monitoring_grid(unit, month, forms)
    return Page(MONITORING_TITLE, subtitle, grid, unit, year, name=unit)
