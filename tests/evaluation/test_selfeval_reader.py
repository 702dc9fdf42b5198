"""Reading published self-evaluation tables (docs/evaluation.md, *Reading self-evaluation
tables*): every figure as the table states it, from text, Word and Excel alike."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest
from tests.evaluation.selfeval_fixtures import (
    CHIZHOU,
    LANGFANG,
    LANGFANG_CELLS,
    PUTUO,
    PUTUO_2,
    PUTUO_DOCX,
    PUTUO_XLSX,
    edited,
)

from jixiao.errors import InputError
from jixiao.evaluation.model import FundsLine
from jixiao.evaluation.reader import read_bytes, read_path


def only(path) -> object:
    tables = read_path(path)
    assert len(tables) == 1
    return tables[0]


def rows_of(table) -> list[tuple]:
    return [
        (r.level1, r.level2, r.name, r.target, r.actual, r.weight, r.stated_score, r.reason)
        for r in table.rows
    ]


PUTUO_ROWS = [
    ("产出指标", "数量指标", "与委托运营方结算完成率", "=100%", "100%", D(10), D(10), ""),
    ("产出指标", "质量指标", "合同结算条款完成率", "=100%", "100%", D(20), D(20), ""),
    ("产出指标", "时效指标", "费用结算及时性", "及时", "及时", D(20), D(20), ""),
    ("效益指标", "社会效益指标", "与委托运营方合同完成率", "=100%", "100%", D(30), D(30), ""),
    ("满意度指标", "服务对象满意度指标", "场馆开放满意度", ">=90%", "100%", D(10), D(10), ""),
]


def test_putuo_table_reads_as_published() -> None:
    table = only(PUTUO)
    assert (table.project_name, table.supervising_department, table.implementing_unit) == (
        "普陀体育中心与委托运营方结算费用",
        "上海市普陀区体育局",
        "上海市普陀区体育事业管理中心",
    )
    assert table.budget_year == 2022
    assert table.funds == (
        FundsLine(
            "年度资金总额",
            D("250000.00"),
            D("250000.00"),
            D("215457.6"),
            D(10),
            D("86.19"),
            D("8.62"),
        ),
        FundsLine("当年财政拨款", D("250000.00"), D("250000.00"), D("215457.6")),
        FundsLine("上年结转资金", D(0), D(0), None),  # the PDF's text: 0 0 —
        FundsLine("其他资金", D(0), D(0), None),
    )
    assert (table.expected_goal, table.actual_goal) == (
        "",
        "已完成普陀体育中心与委托运营方费用结算。",
    )
    assert rows_of(table) == PUTUO_ROWS
    assert table.stated_total == D("98.62")
    assert [r.line for r in table.rows] == [73, 84, 94, 103, 113]


def test_second_putuo_table_has_its_funds_and_says_its_rows_are_missing() -> None:
    table = only(PUTUO_2)
    assert table.project_name == "援滇对口支援及结对帮扶经费"
    assert table.total_line == FundsLine(
        "年度资金总额", D("20000.00"), D("20000.00"), D(9034), D(10), D("45.17"), D("4.52")
    )
    assert table.rows == () and table.stated_total is None
    assert [n.code for n in table.notes][-1] == "selfeval-no-rows"


def test_amounts_in_wanyuan_are_converted_to_yuan() -> None:
    table = only(CHIZHOU)
    assert table.implementing_unit == "219001-池州市贵池区棠溪镇人民政府"
    total, appropriation, *_ = table.funds
    assert (total.initial, total.budget, total.spent, total.stated_rate) == (0, 0, 0, 0)
    assert (appropriation.initial, appropriation.budget, appropriation.spent) == (
        D(900000),
        D(899740),
        D(899740),
    )
    assert [r.weight for r in table.rows] == [D(8)] * 5 + [D(10)] * 4
    assert table.rows[2].level1 == "产出指标(50分)"  # a merged heading, filled down as written
    assert table.rows[2].name == "经费支出合规性"
    assert table.rows[6].level1 == "效益指标(30分)"
    assert (table.rows[3].target, table.rows[3].actual) == (
        "在项目计划完成时间内完成",
        "达成预期指标",
    )
    empty = [n for n in table.notes if n.code == "selfeval-empty-row"]
    assert [n.line for n in empty] == [24]  # 经济效益指标 without a row


def test_cells_of_several_paragraphs_are_kept_as_written() -> None:
    table = only(LANGFANG)
    assert table.budget_year == 2019
    assert table.total_line == FundsLine(
        "年度资金总额", D("432000.0"), D("432000.0"), D("372400.00"), D(10), D(86), D(9)
    )
    assert [r.level2 for r in table.rows][4:7] == ["成本指标", "经济效益\n指标", "社会效益\n指标"]
    assert rows_of(table)[0] == (
        "产出指标",
        "数量指标",
        "指标1工程资金金额",
        "43.2",
        "37.24",
        D(10),
        D(9),
        "已完工,剩余3%尾款未付,且最高限价低于预算金额。提高预算准确度。",
    )
    # the form's placeholder rows (指标2, ……) hold nothing: noted, not scored
    assert len(table.rows) == 9
    assert sum(n.code == "selfeval-empty-row" for n in table.notes) == 16


@pytest.mark.parametrize("path", [PUTUO_DOCX, PUTUO_XLSX], ids=["docx", "xlsx"])
def test_word_and_excel_read_the_same_table_as_the_text(path) -> None:
    def content(table):
        rows = tuple(replace(r, line=None) for r in table.rows)
        return replace(table, rows=rows, source=None, notes=())

    assert content(only(path)) == content(only(PUTUO))


def test_one_cell_per_paragraph_reads_the_same_table_as_its_rows() -> None:
    """The web page's layout: empty cells lost, rows rebuilt from headings, names and figures
    (成本指标 a level-2 heading under 产出指标, 满意度指标 a level-1 one after 效益指标)."""
    cells, rows = only(LANGFANG_CELLS), only(LANGFANG)
    assert rows_of(cells) == rows_of(rows)
    assert (cells.funds, cells.expected_goal, cells.actual_goal) == (
        rows.funds,
        rows.expected_goal,
        rows.actual_goal,
    )
    assert sum(n.code == "selfeval-empty-row" for n in cells.notes) == 16


def test_an_amount_out_of_bounds_is_refused_with_file_line_and_field(tmp_path) -> None:
    copy = edited(tmp_path, PUTUO, "\t215,457.6", "\t1e30")
    with pytest.raises(InputError) as caught:
        read_path(copy)
    assert (caught.value.path, caught.value.line) == (str(copy), 30)
    assert caught.value.field == "年度资金总额.spent" and "1e30" in str(caught.value)


def test_a_figure_that_is_no_number_is_left_empty_and_noted(tmp_path) -> None:
    copy = edited(tmp_path, PUTUO, "\t8.62", "\t八点六二")
    table = only(copy)
    assert table.total_line.stated_score is None
    said = [n for n in table.notes if n.code == "selfeval-not-number"]
    assert [(n.line, "八点六二" in n.message) for n in said] == [(33, True)]


def test_a_goal_form_is_no_self_evaluation_table() -> None:
    from tests.conftest import SEED

    with pytest.raises(InputError) as caught:
        read_path(SEED)
    assert caught.value.line == 1 and "未找到绩效自评表" in str(caught.value)


@pytest.mark.parametrize(
    "data",
    [b"", b"{}", b"PK\x03\x04 broken", "项目名称\n全年执行数\n".encode()],
    ids=["empty", "json", "broken-zip", "paragraphs"],
)
def test_bad_input_is_an_input_error_naming_the_file(data) -> None:
    with pytest.raises(InputError) as caught:
        read_bytes(data, "table.docx" if data.startswith(b"PK") else "table.txt")
    assert caught.value.path in ("table.txt", "table.docx")


def test_the_import_size_limit_applies(monkeypatch) -> None:
    monkeypatch.setenv("JIXIAO_MAX_IMPORT_MB", "0.001")  # 1 KB: the Putuo file is larger
    with pytest.raises(InputError) as caught:
        read_path(PUTUO)
    assert caught.value.path == str(PUTUO) and "文件过大" in str(caught.value)
