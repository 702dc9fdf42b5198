"""The year summary for finance (jixiao.evaluation.summary): a sheet of projects and one of units
with their figures as numbers, the totals adding up for any projects, and the chart of grades."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from tests.documents.formulas import formula_cells, text_types, xml_formulas
from tests.evaluation.sample_tables import evaluation_of

from jixiao.errors import JixiaoError
from jixiao.evaluation.summary import SummaryRow, unit_totals, year_summary_xlsx
from jixiao.exporters.xlsx_export import TITLE_ROWS, UNWRITABLE

EVIL = '=HYPERLINK("http://x","y")'


@pytest.fixture(scope="module")
def rows(seed_batch) -> list[SummaryRow]:
    return [
        SummaryRow.of(evaluation_of(seed_batch.forms[0]), red_lights=1),
        SummaryRow("区司法局", "法律咨询与服务", Decimal("50000.00"), Decimal("45000.00"),
                   score=Decimal("85.50"), grade="良"),
        SummaryRow("区司法局", EVIL, Decimal("20000"), Decimal("5000"), score=Decimal("58.00"),
                   grade="差", red_lights=2),
        SummaryRow("区司法局", "尚未自评的项目"),
    ]  # fmt: skip


@pytest.fixture(scope="module")
def book(rows):
    name, media_type, data = year_summary_xlsx(2021, rows)
    assert name == "2021年度项目支出绩效自评汇总.xlsx" and "spreadsheetml" in media_type
    return data, load_workbook(io.BytesIO(data))


def values(sheet) -> list[list]:
    """The table's rows below the title, as read back (figures as numbers)."""
    return [[c.value for c in r] for r in sheet.iter_rows(min_row=TITLE_ROWS + 1)]


def test_the_projects_sheet_has_every_project_with_its_figures(book) -> None:
    _, workbook = book
    assert workbook.sheetnames == ["项目", "单位"]
    sheet = workbook["项目"]
    assert sheet["A1"].value == "2021年度项目支出绩效自评汇总"
    head, *lines = values(sheet)
    assert head == ["单位", "项目名称", "全年预算数（元）", "全年执行数（元）", "执行率", "自评得分", "等级", "红灯数"]  # fmt: skip
    assert lines == [
        ["上海市松江区科学技术委员会（本部）", "东西部扶贫帮困", 278000, 239600, 86.19, 92.89, "优", 1],
        ["区司法局", "法律咨询与服务", 50000, 45000, 90, 85.5, "良", 0],
        ["区司法局", EVIL, 20000, 5000, 25, 58, "差", 2],
        ["区司法局", "尚未自评的项目", None, None, "—", "—", "—", 0],
    ]  # fmt: skip
    formats = [c.number_format for c in next(sheet.iter_rows(min_row=TITLE_ROWS + 2))][2:6]
    assert formats == ["#,##0.00", "#,##0.00", '0.00"%"', "0.00"]


def test_the_units_sheet_sums_up_each_unit_and_all(book) -> None:
    _, workbook = book
    head, *lines = values(workbook["单位"])
    assert head == ["单位", "项目数", "全年预算数（元）", "全年执行数（元）", "执行率", "平均得分",
                    "优", "良", "中", "差", "红灯数"]  # fmt: skip
    # 区司法局: 50,000 of 70,000 spent = 71.43%; (85.50 + 58.00) ÷ 2 = 71.75
    # 合计: 289,600 of 348,000 = 83.22%; (92.89 + 85.50 + 58.00) ÷ 3 = 78.796… = 78.80
    assert lines == [
        ["上海市松江区科学技术委员会（本部）", 1, 278000, 239600, 86.19, 92.89, 1, 0, 0, 0, 1],
        ["区司法局", 3, 70000, 50000, 71.43, 71.75, 0, 1, 0, 1, 2],
        ["合计", 4, 348000, 289600, 83.22, 78.8, 1, 1, 0, 1, 3],
    ]  # fmt: skip


def test_the_chart_shows_the_grades_of_each_unit(book) -> None:
    data, _ = book
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        [chart] = [n for n in package.namelist() if n.startswith("xl/charts/chart")]
        xml = package.read(chart).decode()
    assert "各单位自评等级分布" in xml and 'grouping val="stacked"' in xml
    series = re.findall(r"<ser>.*?</ser>", xml)
    # a series per grade 优 良 中 差 (titled by its column header), a bar per unit (not 合计)
    assert [re.search(r"<tx><strRef><f>'单位'!(\w+)</f>", s)[1] for s in series] == [
        "G3", "H3", "I3", "J3"
    ]  # fmt: skip
    assert all("<cat><strRef><f>'单位'!$A$4:$A$5</f>" in s for s in series)
    assert [re.search(r"<val><numRef><f>'单位'!(\S+?)</f>", s)[1] for s in series] == [
        "$G$4:$G$5", "$H$4:$H$5", "$I$4:$I$5", "$J$4:$J$5"
    ]  # fmt: skip


def test_text_stays_text_and_the_sheets_print_one_page_wide(book) -> None:
    data, workbook = book
    assert formula_cells(data) == [] and xml_formulas(data) == 0
    assert text_types(data)[EVIL] == {"s"}
    for sheet in workbook.worksheets:
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
        assert sheet.print_title_rows == "$1:$3"  # the title and the column headers
        assert sheet.freeze_panes == "A4"


AMOUNTS = st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False)
SUMMARY_ROWS = st.builds(
    SummaryRow,
    unit=st.sampled_from(["甲单位", "乙单位", "=丙"]),
    project_name=st.text(max_size=5),
    budget=st.none() | AMOUNTS,
    spent=st.none() | AMOUNTS,
    score=st.none() | st.decimals(min_value=0, max_value=100, places=2, allow_nan=False),
    grade=st.sampled_from(["", "优", "良", "中", "差"]),
    red_lights=st.integers(0, 5),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(SUMMARY_ROWS, max_size=8))
def test_the_total_line_adds_up_the_units_for_any_projects(summary) -> None:
    if any(UNWRITABLE.search(r.project_name) for r in summary):
        with pytest.raises(JixiaoError, match="无法写入 Excel"):
            year_summary_xlsx(2021, summary)
        return
    _, _, data = year_summary_xlsx(2021, summary)
    *units, total = values(load_workbook(io.BytesIO(data))["单位"])[1:]
    assert [u[0] for u in units] == [t.unit for t in unit_totals(summary)]
    assert total[1] == len(summary) == sum(u[1] for u in units)
    for col in (6, 7, 8, 9, 10):  # projects per grade and red lights
        assert total[col] == sum(u[col] for u in units)
    counted = [r for r in summary if r.budget is not None and r.spent is not None]
    budget = sum((r.budget for r in counted), Decimal(0))
    assert Decimal(str(total[2])) == budget


@pytest.mark.parametrize("char", ["\x08", "\x1f", "\uffff"])
def test_a_character_a_worksheet_cannot_hold_is_refused_with_where(char) -> None:
    row = SummaryRow("甲单位", f"项目{char}名称")
    shown = f"\\u{ord(char):04x}"
    with pytest.raises(JixiaoError) as refused:
        year_summary_xlsx(2021, [row])
    assert str(refused.value).startswith(f"[项目!B4] 无法写入 Excel：文字“项目{shown}名称”含有")
