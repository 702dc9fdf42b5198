"""Blank Excel templates for units to fill in: the paper layout (one sheet per form, with a sheet
of instructions) and the long table (the header row only). docs/xlsx-template.md documents them.
"""

from __future__ import annotations

import io

from openpyxl import load_workbook
from openpyxl.styles import Alignment, Font

from jixiao.domain.form import Form, Indicator
from jixiao.domain.taxonomy import CLASSIC
from jixiao.exporters.no_formulas import set_cell
from jixiao.exporters.xlsx_export import render_long, render_template
from jixiao.interchange import Batch

INSTRUCTIONS_SHEET = "填写说明"
TITLE = "项目支出绩效目标表"
INSTRUCTIONS = (
    "《项目支出绩效目标表》Excel 表样 · 填写说明",
    "1. 每张表一页：复制“1”页可填写多个项目；页名可改，本页（填写说明）导入时跳过。",
    "2. 只填白色的值单元格，不要改动加粗的栏目名称（导入按栏目名称识别）。",
    "3. 金额按表头单位（元或万元）填写数字，如 278000.00；日期写作 2021-01-01。",
    "4. 指标行：一级、二级指标可合并单元格，空白表示与上一行相同；三级指标写名称，指标值如 ≥95%、=30亩、及时。",
    "5. 指标行不够时在表尾插入行；未填名称和指标值的行导入时忽略。",
    "6. 单元格按文本格式保存：以“=”开头的指标值（=100%）请直接输入，Excel 若当作公式，先输入英文单引号 '。",
    "7. 导入：jixiao import 文件.xlsx，或在网页“导入”中上传。",
)


def blank_form(year: int | None) -> Form:
    """An empty form with one blank indicator row under every heading of the classic scheme."""
    rows = tuple(
        Indicator(level1, level2, "", "")
        for level1, children in CLASSIC.headings.items()
        for level2 in children
    )
    return Form(seq=1, title=TITLE, budget_year=year, indicators=rows)


def template_xlsx(year: int | None = None) -> bytes:
    """The paper-layout template: instructions first, then one blank form."""
    workbook = load_workbook(io.BytesIO(render_template(Batch(forms=(blank_form(year),)))))
    sheet = workbook.create_sheet(INSTRUCTIONS_SHEET, 0)
    sheet.column_dimensions["A"].width = 110
    for row, text in enumerate(INSTRUCTIONS, 1):
        cell = sheet.cell(row=row, column=1)
        set_cell(cell, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.font = Font(bold=row == 1, size=13 if row == 1 else 11)
    workbook.active = 0
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def template_long() -> bytes:
    """The long table with its header row only."""
    return render_long(Batch())
