"""The exporters and their registry, the standard layout in docx and xlsx, the Excel template,
and the `jixiao export` / `jixiao template` commands."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import pytest
from docx import Document
from openpyxl import load_workbook
from tests.documents.builder import comparable

from jixiao.cli.main import main
from jixiao.errors import InputError
from jixiao.exporters import exporters, get_exporter, render
from jixiao.exporters.csv_export import render_csv
from jixiao.exporters.template import template_long, template_xlsx
from jixiao.importers import read_bytes, read_path


def test_the_registry_lists_every_format_for_a_download_menu() -> None:
    known = exporters()
    assert list(known) == ["json", "csv", "xlsx", "xlsx-long", "docx", "html", "pdf"]
    for identifier, cls in known.items():
        assert cls.identifier == identifier and cls.label.zh and cls.label.en and cls.media_type
    with pytest.raises(InputError, match="未知导出格式"):
        get_exporter("odt")


def test_csv_is_the_import_commands_csv(seed_batch) -> None:
    assert render(seed_batch, "csv")[2] == render_csv(seed_batch)


def test_the_docx_has_one_titled_table_per_form_with_merged_headings_and_chinese_fonts(
    seed_batch,
) -> None:
    _, _, data = render(seed_batch, "docx")
    document = Document(io.BytesIO(data))
    assert len(document.tables) == 15
    titles = [p.text for p in document.paragraphs if p.text.endswith("填报表")]
    assert titles == [f"{n}、财政项目支出绩效目标填报表" for n in range(1, 16)]
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = package.read("word/document.xml").decode()
        styles = package.read("word/styles.xml").decode()
    assert 'w:eastAsia="宋体"' in styles and 'w:eastAsia="黑体"' in body
    assert body.count('<w:vMerge w:val="restart"/>') >= 15 * 3  # 项目资金, 目标, 绩效指标
    assert body.count('<w:gridSpan w:val="2"/>') >= 15 * 6
    first = document.tables[0]
    assert first.cell(3, 0).text == "项目资金\n（元）" == first.cell(6, 0).text  # merged down


def test_the_xlsx_template_has_one_sheet_per_form_with_text_cells_and_merges(seed_batch) -> None:
    _, _, data = render(seed_batch, "xlsx")
    workbook = load_workbook(io.BytesIO(data))
    assert len(workbook.worksheets) == 15
    sheet = workbook.worksheets[0]
    assert sheet.title == "1 东西部扶贫帮困"
    values = {c.value: c for row in sheet.iter_rows() for c in row if c.value}
    assert values["278000.00"].data_type == "s" and values["278000.00"].number_format == "@"
    assert values["=30亩"].data_type == "s"  # text, not a formula
    assert "A6:A9" in {str(r) for r in sheet.merged_cells.ranges}  # 项目资金 over four rows


def test_the_long_table_has_one_row_per_indicator(seed_batch) -> None:
    _, _, data = render(seed_batch, "xlsx-long")
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.max_row == 1 + sum(len(f.indicators) for f in seed_batch.forms)
    assert [c.value for c in sheet[1]][:4] == ["序号", "表名", "预算年度", "项目名称"]


def test_the_blank_template_is_no_form_until_filled_in() -> None:
    blank = template_xlsx(2022)
    with pytest.raises(InputError, match="未找到绩效目标表"):
        read_bytes(blank, "blank.xlsx")
    workbook = load_workbook(io.BytesIO(blank))
    assert workbook.sheetnames[0] == "填写说明"
    sheet = workbook.worksheets[1]
    sheet["B3"] = "社区科普讲座"
    sheet["C6"] = 120000  # typed as a number, as people do
    sheet["B5"] = datetime(2022, 3, 1)  # typed as a date
    name_cell = next(c for row in sheet.iter_rows() for c in row if c.value == "数量指标")
    sheet.cell(name_cell.row, 4, "讲座场次")
    sheet.cell(name_cell.row, 6, ">=12场")
    sheet.cell(name_cell.row + 1, 4, "讲座满意率")
    sheet.cell(name_cell.row + 1, 6, 0.95).number_format = "0%"  # typed as 95%
    out = io.BytesIO()
    workbook.save(out)
    [form] = read_bytes(out.getvalue(), "filled.xlsx").forms
    assert (form.project_name, form.budget_year, str(form.funds.project_total)) == (
        "社区科普讲座",
        2022,
        "120000",
    )
    assert form.planned_start.isoformat() == "2022-03-01"
    assert [(i.level1, i.level2, i.name, i.target) for i in form.indicators] == [
        ("产出指标", "数量指标", "讲座场次", ">=12场"),
        ("产出指标", "质量指标", "讲座满意率", "95%"),
    ]


def test_the_blank_long_template_is_the_header_only() -> None:
    with pytest.raises(InputError, match="没有数据行"):
        read_bytes(template_long(), "long.xlsx")


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "xlsx-long", "pdf", "html", "json", "csv"])
def test_jixiao_export_writes_every_format(seed_path, tmp_path, fmt) -> None:
    if fmt == "pdf":
        from tests.documents.test_pdf_html import need_cjk_font

        need_cjk_font()  # without a CJK font the PDF is refused (skipped unless CI)
    out = tmp_path / f"out.{fmt}"
    assert main(["export", str(seed_path), "--to", fmt, "--form", "2", "-o", str(out)]) == 0
    assert out.stat().st_size > 0
    if fmt in ("docx", "xlsx", "xlsx-long", "json"):
        [form] = read_path(out).forms
        assert form.project_name == "法律咨询与服务"


def test_jixiao_export_reads_any_importable_format(seed_path, seed_batch, tmp_path) -> None:
    docx = tmp_path / "seed.docx"
    assert main(["export", str(seed_path), "--to", "docx", "-o", str(docx)]) == 0
    xlsx = tmp_path / "seed.xlsx"
    assert main(["export", str(docx), "--to", "xlsx", "-o", str(xlsx)]) == 0
    assert comparable(read_path(xlsx)) == comparable(seed_batch)


def test_jixiao_export_refuses_a_missing_form(seed_path, tmp_path, capsys) -> None:
    out = tmp_path / "x.docx"
    assert main(["export", str(seed_path), "--to", "docx", "--form", "16", "-o", str(out)]) == 2
    assert "没有第 16 张表（共 15 张）" in capsys.readouterr().err
    assert not out.exists()


def test_jixiao_template_writes_the_blank_template(tmp_path) -> None:
    out = tmp_path / "template.xlsx"
    assert main(["template", "xlsx", "-o", str(out), "--year", "2023"]) == 0
    sheet = load_workbook(out).worksheets[1]
    assert sheet["A2"].value == "（2023年度）"
