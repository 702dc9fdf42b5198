"""The year summary of self-evaluation for the finance bureau (docs/evaluation.md, *Exports*): one
workbook with a sheet of projects (execution, score, grade, red lights) and a sheet of units
(projects, amounts, execution rate, average score, projects per grade, red lights) with a chart
of the grades per unit.

Both sheets are tables of `jixiao.domain.paper` drawn by the goal forms' Excel drawer
(`xlsx_export.write_page_sheet`): figures are numbers with a number format, text stays text,
printed one page wide with the heading and the column headers repeated on every page.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.domain.paper import Cell, Page, Row, Table
from jixiao.evaluation.evaluate import Evaluation
from jixiao.evaluation.layout import NONE, amount_cell, rate_cell, score_cell
from jixiao.evaluation.scoring import execution_rate, round2
from jixiao.evaluation.settings import EvaluationSettings, evaluation_settings
from jixiao.exporters.xlsx_export import MEDIA_TYPE, TITLE_ROWS, write_page_sheet
from jixiao.filenames import safe_stem

COUNT_FORMAT = "0"
FORMS_SHEET = "项目"
UNITS_SHEET = "单位"
FORM_HEADS = (
    "单位", "项目名称", "全年预算数（元）", "全年执行数（元）", "执行率", "自评得分", "等级", "红灯数"
)  # fmt: skip
FORM_WIDTHS = (5.0, 6.0, 3.2, 3.2, 2.2, 2.2, 1.6, 1.6)


@dataclass(frozen=True)
class SummaryRow:
    """One project of the year: its unit, execution, score and grade, and its red lights in the
    year's monitoring. `rate` (percent) is worked out from budget and spent when not given."""

    unit: str
    project_name: str
    budget: Decimal | None = None  # 全年预算数, 元
    spent: Decimal | None = None  # 全年执行数, 元
    rate: Decimal | None = None  # 执行率 in percent (86.19)
    score: Decimal | None = None  # None: not evaluated yet
    grade: str = ""
    red_lights: int = 0

    def __post_init__(self) -> None:
        if self.rate is None and self.budget and self.budget > 0 and self.spent is not None:
            object.__setattr__(self, "rate", execution_rate(self.budget, self.spent))

    @classmethod
    def of(cls, ev: Evaluation, unit: str | None = None, red_lights: int = 0) -> SummaryRow:
        """The row of a scored table (its unit unless another is given)."""
        x = ev.execution
        name, unit = ev.table.project_name, unit or ev.table.implementing_unit
        return cls(unit, name, x.budget, x.spent, x.rate, ev.score, ev.grade, red_lights)


def _count(value: int, col: int) -> Cell:
    return Cell(str(value), col, number=Decimal(value), number_format=COUNT_FORMAT)


def _heads(names: Sequence[str]) -> Row:
    return Row(tuple(Cell(name, n, kind="label") for n, name in enumerate(names)))


def _form_row(r: SummaryRow) -> Row:
    return Row(
        (
            Cell(r.unit, 0),
            Cell(r.project_name, 1),
            amount_cell(r.budget, 2),
            amount_cell(r.spent, 3),
            rate_cell(r.rate, 4),
            score_cell(r.score, 5),
            Cell(r.grade or NONE, 6),
            _count(r.red_lights, 7),
        )
    )


def forms_table(rows: Sequence[SummaryRow]) -> Table:
    return Table([_heads(FORM_HEADS), *(_form_row(r) for r in rows)], FORM_WIDTHS)


@dataclass
class UnitTotals:
    """A unit's projects summed up; also the line of all units."""

    unit: str
    projects: int = 0
    budget: Decimal = Decimal(0)
    spent: Decimal = Decimal(0)
    scores: list[Decimal] = field(default_factory=list)
    grades: dict[str, int] = field(default_factory=dict)
    red_lights: int = 0

    def add(self, r: SummaryRow) -> None:
        self.projects += 1
        if r.budget is not None and r.spent is not None:  # the rate counts both or neither
            self.budget += r.budget
            self.spent += r.spent
        if r.score is not None:
            self.scores.append(r.score)
        if r.grade:
            self.grades[r.grade] = self.grades.get(r.grade, 0) + 1
        self.red_lights += r.red_lights

    @property
    def rate(self) -> Decimal | None:
        return execution_rate(self.budget, self.spent) if self.budget > 0 else None

    @property
    def average(self) -> Decimal | None:
        return round2(sum(self.scores, Decimal(0)) / len(self.scores)) if self.scores else None


def unit_totals(rows: Sequence[SummaryRow]) -> list[UnitTotals]:
    """Each unit's totals, in order of first appearance."""
    units: dict[str, UnitTotals] = {}
    for r in rows:
        units.setdefault(r.unit, UnitTotals(r.unit)).add(r)
    return list(units.values())


def grade_names(rows: Sequence[SummaryRow], settings: EvaluationSettings) -> list[str]:
    """The grades of the settings, best first, then any other grade the rows have."""
    names = dict.fromkeys(g for _, g in settings.grade_bands)
    names.update(dict.fromkeys(r.grade for r in rows if r.grade))
    return list(names)


def _unit_row(t: UnitTotals, grades: Sequence[str], label: bool = False) -> Row:
    first = Cell(t.unit, 0, kind="label" if label else "value")
    figures = (
        _count(t.projects, 1),
        amount_cell(t.budget, 2),
        amount_cell(t.spent, 3),
        rate_cell(t.rate, 4),
        score_cell(t.average, 5),
    )
    counts = tuple(_count(t.grades.get(g, 0), 6 + n) for n, g in enumerate(grades))
    return Row((first, *figures, *counts, _count(t.red_lights, 6 + len(grades))))


def units_table(rows: Sequence[SummaryRow], grades: Sequence[str]) -> Table:
    heads = ("单位", "项目数", "全年预算数（元）", "全年执行数（元）", "执行率", "平均得分")
    lines = [_unit_row(t, grades) for t in unit_totals(rows)]
    everyone = UnitTotals("合计")
    for r in rows:
        everyone.add(r)
    table_rows = [_heads((*heads, *grades, "红灯数")), *lines, _unit_row(everyone, grades, True)]
    return Table(table_rows, (5.0, 1.6, 3.2, 3.2, 2.2, 2.2) + (1.4,) * (len(grades) + 1))


def _grades_chart(ws: Worksheet, units: int, grades: int) -> None:
    """Projects per grade for each unit, stacked, beside the unit table."""
    head = TITLE_ROWS + 1
    chart = BarChart()
    chart.type, chart.grouping, chart.overlap = "col", "stacked", 100
    chart.title, chart.y_axis.title = "各单位自评等级分布", "项目数"
    data = Reference(ws, min_col=7, max_col=6 + grades, min_row=head, max_row=head + units)
    chart.add_data(data, titles_from_data=True)
    names = Reference(ws, min_col=1, min_row=head + 1, max_row=head + units)
    for series in chart.series:  # the units are names: text categories, not numbers
        series.cat = AxDataSource(strRef=StrRef(f=str(names)))
    chart.width, chart.height = 18, 9
    ws.add_chart(chart, f"A{head + units + 3}")


def year_summary_xlsx(
    year: int, rows: Sequence[SummaryRow], settings: EvaluationSettings | None = None
) -> tuple[str, str, bytes]:
    """The year summary: (filename, media type, bytes). `settings` names the grades (the
    default settings' when not given)."""
    grades = grade_names(rows, settings or evaluation_settings())
    title = f"{year}年度项目支出绩效自评汇总"
    workbook = Workbook()
    workbook.remove(workbook.active)
    pages = (
        (FORMS_SHEET, Page(title, "（按项目）", forms_table(rows), header_rows=1)),
        (UNITS_SHEET, Page(title, "（按单位）", units_table(rows, grades), header_rows=1)),
    )
    for name, page in pages:
        ws = workbook.create_sheet(name)
        write_page_sheet(ws, page)
        ws.freeze_panes = f"A{TITLE_ROWS + 2}"
    units = len(unit_totals(rows))
    if units:
        _grades_chart(workbook[UNITS_SHEET], units, len(grades))
    out = io.BytesIO()
    workbook.save(out)
    return f"{safe_stem(title, 'jixiao-summary')}.xlsx", MEDIA_TYPE, out.getvalue()
