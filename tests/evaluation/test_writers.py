"""Self-evaluation tables and monitoring reports as files (jixiao.evaluation.writers): every value
of the grid in each format, in its place with its merges; figures as numbers in Excel; text that
looks like a formula stays text; one table per page or sheet; names from the project or unit."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from dataclasses import replace
from decimal import Decimal

import pytest
from docx import Document
from openpyxl import load_workbook
from tests.documents.formulas import formula_cells, text_types, xml_formulas
from tests.documents.htmlcells import table_cells
from tests.documents.test_libreoffice import on_the_page, printed
from tests.documents.test_pdf_html import need, need_cjk_font
from tests.evaluation.sample_tables import evaluation_of, monitored_of

from jixiao.domain.paper import Table
from jixiao.errors import JixiaoError
from jixiao.evaluation import SelfEvaluation
from jixiao.evaluation.layout import monitoring_grid, selfeval_grid
from jixiao.evaluation.writers import FORMATS, render_monitoring, render_selfeval
from jixiao.exporters.xlsx_export import LINE_HEIGHT, ROW_PADDING, TITLE_ROWS


@pytest.fixture(scope="module")
def evs(seed_batch):
    """Two tables: form 1 and a second project of the same unit."""
    return [evaluation_of(seed_batch.forms[0]), evaluation_of(seed_batch.forms[0])]


@pytest.fixture(scope="module")
def lights(seed_batch):
    return [monitored_of(seed_batch.forms[0]), monitored_of(seed_batch.forms[1])]


def grids(evs) -> list[Table]:
    return [selfeval_grid(e) for e in evs]


def expected_cells(table: Table) -> list[list[tuple[str, int, int, str]]]:
    """The grid as html cells: (tag, colspan, rowspan, text)."""
    return [
        [("th" if c.kind == "label" else "td", c.span, c.rows, c.text) for c in row.cells]
        for row in table.rows
    ]


def html_tables(data: bytes) -> list[list]:
    return [table_cells(part) for part in data.decode("utf-8").split("<section")[1:]]


def test_the_html_has_one_section_per_table_with_the_grid_cell_for_cell(evs) -> None:
    name, media_type, data = render_selfeval(evs, "html")
    assert media_type == "text/html; charset=utf-8"
    assert name == "上海市松江区科学技术委员会（本部）-绩效自评表.html"  # the unit of both
    assert html_tables(data) == [expected_cells(t) for t in grids(evs)]
    html = data.decode("utf-8")
    assert html.count('<section class="form wide"') == 2  # printed across, a page each
    assert "<h1>财政项目支出绩效自评表</h1>" in html and "（2021年度）" in html


def test_the_monitoring_html_is_its_grid(lights) -> None:
    name, _, data = render_monitoring("松江区科委", 6, lights, "html")
    assert name == "松江区科委-绩效运行监控-6月.html"
    assert html_tables(data) == [expected_cells(monitoring_grid("松江区科委", 6, lights))]


def xlsx_values(sheet, table: Table) -> None:
    """Every cell of the grid at its place of the sheet: a figure as a number with its format,
    any other text as a text cell, and each merged cell merged."""
    merged = {str(r) for r in sheet.merged_cells.ranges}
    for r, row in enumerate(table.rows, TITLE_ROWS + 1):
        for cell in row.cells:
            got = sheet.cell(row=r, column=cell.col + 1)
            if cell.number is not None:
                assert got.data_type == "n" and Decimal(str(got.value)) == cell.number
                assert got.number_format == cell.number_format
            elif cell.text:
                assert (got.value, got.data_type) == (cell.text, "s")
            else:
                assert got.value is None
            if cell.span > 1 or cell.rows > 1:
                end = sheet.cell(row=r + cell.rows - 1, column=cell.col + cell.span)
                assert f"{got.coordinate}:{end.coordinate}" in merged


def test_the_xlsx_has_a_sheet_per_table_with_every_value_numbers_and_merges(evs) -> None:
    name, _, data = render_selfeval(evs, "xlsx")
    assert name.endswith("-绩效自评表.xlsx")
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["东西部扶贫帮困", "东西部扶贫帮困~2"]
    for sheet, table in zip(book.worksheets, grids(evs), strict=True):
        assert sheet["A1"].value == "财政项目支出绩效自评表" and sheet["A2"].value == "（2021年度）"
        xlsx_values(sheet, table)
    figures = {c.value: c.number_format for r in book.worksheets[0].iter_rows() for c in r}
    assert figures[239600] == "#,##0.00" and figures[86.19] == '0.00"%"' and 8.62 in figures


def test_the_xlsx_prints_one_page_wide_with_the_title_repeated_and_rows_tall_enough(evs) -> None:
    sheet = load_workbook(io.BytesIO(render_selfeval(evs[:1], "xlsx")[2])).worksheets[0]
    setup = sheet.page_setup
    assert (setup.fitToWidth, setup.fitToHeight, setup.orientation) == (1, 0, "landscape")
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$2"
    goal = next(r for r in sheet.iter_rows() for c in r if c.value == evs[0].table.expected_goal)
    total = next(r for r in sheet.iter_rows() for c in r if c.value == "总分")
    assert sheet.row_dimensions[total[0].row].height == LINE_HEIGHT + ROW_PADDING  # one line
    assert sheet.row_dimensions[goal[0].row].height >= 3 * LINE_HEIGHT + ROW_PADDING


def test_formula_looking_text_stays_text_in_the_xlsx(evs, lights) -> None:
    for data in (render_selfeval(evs, "xlsx")[2], render_monitoring("u", 6, lights, "xlsx")[2]):
        assert formula_cells(data) == [] and xml_formulas(data) == 0
        types = text_types(data)
        assert types["=30亩"] == {"s"}
    assert text_types(render_selfeval(evs, "xlsx")[2])["=受天气影响工期顺延，已调整施工计划"] == {
        "s"
    }
    assert text_types(render_monitoring("u", 6, lights, "xlsx")[2])["=加快资金拨付"] == {"s"}


def test_the_monitoring_xlsx_is_its_grid(lights) -> None:
    _, _, data = render_monitoring("松江区科委", 6, lights, "xlsx")
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["松江区科委"]
    xlsx_values(book.worksheets[0], monitoring_grid("松江区科委", 6, lights))


def docx_values(table, grid: Table) -> None:
    """Every cell of the grid at its place of the Word table, merged cells the same text."""
    for r, row in enumerate(grid.rows):
        for cell in row.cells:
            for dr in range(cell.rows):
                for dc in range(cell.span):
                    assert table.cell(r + dr, cell.col + dc).text == cell.text


def test_the_docx_has_the_tables_one_after_another_on_new_pages(evs) -> None:
    name, media_type, data = render_selfeval(evs, "docx")
    assert name.endswith("-绩效自评表.docx") and "wordprocessingml" in media_type
    document = Document(io.BytesIO(data))
    assert len(document.tables) == 2
    for table, grid in zip(document.tables, grids(evs), strict=True):
        docx_values(table, grid)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = package.read("word/document.xml").decode()
    assert body.count("<w:pageBreakBefore/>") == 1  # the second table starts a page
    section = document.sections[0]
    assert section.page_width > section.page_height  # printed across


def test_the_monitoring_docx_is_its_grid(lights) -> None:
    document = Document(io.BytesIO(render_monitoring("u", 6, lights, "docx")[2]))
    [table] = document.tables
    docx_values(table, monitoring_grid("u", 6, lights))


def pdf_text(data: bytes, tmp_path) -> list[str]:
    need_cjk_font()
    need("pdftotext", "poppler-utils")
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True
    ).stdout
    return ["".join(page.split()) for page in text.split("\f")]


def in_pdf(pages: list[str], table: Table) -> None:
    whole = "".join(pages)
    for row in table.rows:
        for cell in row.cells:
            assert "".join(cell.text.split()) in whole, cell.text


def test_the_pdf_has_every_value_and_each_table_on_its_own_pages(evs, tmp_path) -> None:
    name, media_type, data = render_selfeval(evs, "pdf")
    assert (name[-4:], media_type) == (".pdf", "application/pdf")
    pages = pdf_text(data, tmp_path)
    in_pdf(pages, grids(evs)[0])
    starts = [n for n, page in enumerate(pages) if "财政项目支出绩效自评表" in page]
    assert len(starts) == 2 and starts[0] == 0 and starts[1] > 0
    assert "上海市松江区科学技术委员会（本部）2021年度" in pages[starts[1]]  # the page header
    path = tmp_path / "out.pdf"
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    width, height = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups()
    assert float(width) > float(height)  # A4 across, as `@page wide` asks


def test_the_monitoring_pdf_has_every_value(lights, tmp_path) -> None:
    data = render_monitoring("松江区科委", 6, lights, "pdf")[2]
    in_pdf(pdf_text(data, tmp_path), monitoring_grid("松江区科委", 6, lights))


def test_file_names_come_from_the_project_or_the_unit_safely(evs) -> None:
    assert render_selfeval(evs[:1], "html")[0] == "东西部扶贫帮困-绩效自评表.html"
    odd = replace(evs[0], table=SelfEvaluation(project_name="a/b:c"))
    assert render_selfeval([odd], "html")[0] == "a_b_c-绩效自评表.html"
    mixed = [odd, evs[0]]  # two units: no name of either
    assert render_selfeval(mixed, "html")[0] == "jixiao-selfeval-绩效自评表.html"
    assert render_monitoring("", 6, [], "html")[0] == "jixiao-monitoring-绩效运行监控-6月.html"


@pytest.mark.parametrize("fmt", ["odt", "PDF", ""])
def test_an_unknown_format_is_refused_in_chinese(evs, fmt) -> None:
    assert fmt not in FORMATS
    with pytest.raises(JixiaoError, match="未知导出格式"):
        render_selfeval(evs, fmt)
    with pytest.raises(JixiaoError, match="未知导出格式"):
        render_monitoring("u", 6, [], fmt)


def test_nothing_to_write_and_a_month_out_of_range_are_refused() -> None:
    with pytest.raises(JixiaoError, match="没有可导出的自评表"):
        render_selfeval([], "xlsx")
    with pytest.raises(JixiaoError, match="监控月份须为 1 至 12：13"):
        render_monitoring("u", 13, [], "xlsx")


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_libreoffice_opens_the_file_and_prints_every_value_of_the_table(evs, fmt, tmp_path) -> None:
    """As people open and print it: every text of the grid is on the printed pages (the figures
    of the xlsx printed through their number formats as the grid shows them)."""
    path = tmp_path / f"selfeval.{fmt}"
    path.write_bytes(render_selfeval(evs[:1], fmt)[2])
    text = printed(path, tmp_path)
    grid = grids(evs)[0]
    cells = [c.text for row in grid.rows for c in row.cells if c.text.strip()]
    missing = [t for t in cells if not on_the_page("".join(t.split()), text)]
    assert not missing, "\n".join(text)
