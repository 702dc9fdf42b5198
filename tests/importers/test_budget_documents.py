"""A department's budget document (部门预算) as published: its other tables, its prose and its
forms in one file (docs/templates.md, *Inputs*). The real ones are fixtures of the `central`
template (`tests/fixtures/templates/central`, read exactly by `tests/templates/test_real_forms.py`);
here each way such a document differs from a file of forms alone, made small."""

from __future__ import annotations

import pytest
from tests.importers.test_pdf_reader import PAGE, _rows, _weasy

from jixiao.importers import read_bytes

ROWS = "<tr><td>产出指标</td><td>数量指标</td><td>补贴人数</td><td>≥500人</td></tr>"
PROSE = [
    "第四部分 名词解释",
    "一、一般公共预算拨款收入：指中央财政当年拨付的资金。",
    "二、其他收入：指除财政拨款收入、事业收入等以外的收入。",
    "三、上年结转：指以前年度尚未完成、结转到本年仍按原规定用途继续使用的资金。",
    "四、基本支出：指为保障机构正常运转、完成日常工作任务而发生的支出。",
    "五、项目支出：指在基本支出之外为完成特定任务所发生的支出。",
]


def _with_page_after(after: str) -> bytes:
    page = PAGE.format(rows=ROWS)
    return _weasy(
        page.replace("</body>", f'<div style="page-break-before: always">{after}</div></body>')
    )


@pytest.mark.parametrize("boxed", [False, True], ids=["plain", "boxed line by line"])
def test_pages_of_prose_after_the_forms_are_no_rows_of_the_last_table(boxed: bool) -> None:
    """A page without tables after pages with them keeps only what may head a form: its prose,
    even its labelled lines (`三、上年结转：指……`), is no row of the last form's table; a page
    boxed line by line (a frame of one column) is no table either."""
    style = ' style="border: 1px solid black; margin: 0"' if boxed else ""
    data = _with_page_after("".join(f"<p{style}>{line}</p>" for line in PROSE))
    batch = read_bytes(data, "budget.pdf")
    (form,) = batch.forms
    assert _rows(form) == [("产出指标", "数量指标", "补贴人数", "≥500人")]
    assert form.funds.annual_carryover is None and not form.notes
    said = [str(n.message) for n in batch.notes]
    # the first three lines of the page each, then how many more
    assert said == [
        *(f"第 2 页表格之外的文字未导入：{line[:40]}" for line in PROSE[:3]),
        "第 2 页表格之外另有 3 行文字未导入",
    ]


def test_a_title_over_the_next_page_still_opens_the_next_form() -> None:
    """Prose pages keep the title and the year of a form whose table starts on the next page."""
    second = PAGE.format(rows=ROWS).split("<body>")[1].split("</body>")[0]
    second = second.replace("社区养老服务补贴", "居家养老上门服务")
    data = _with_page_after("<p>第四部分 名词解释</p>" + second)
    batch = read_bytes(data, "two.pdf")
    assert [f.project_name for f in batch.forms] == ["社区养老服务补贴", "居家养老上门服务"]
    assert [f.budget_year for f in batch.forms] == [2023, 2023]


def _text(*lines: str) -> bytes:
    return "\n".join(lines).encode("utf-8")


FORM = [
    "项目支出绩效目标表 |",
    "项目名称 | 公车统管费用 |",
    "实施单位 | 烟台市财政局 |",
    "项目资金（万元） | 年度资金总额 | 30.00 |",
    " | 其他资金 | - |",
    "一级指标 | 二级指标 | 三级指标 | 指标值 |",
    "产出指标 | 数量指标 | 车辆租赁次数 | ≤400次 |",
]


def test_a_year_alone_under_a_table_is_the_year_of_the_form_whose_title_follows() -> None:
    """`(2026年度)` printed over the next form's title (a PDF's page put it first) belongs to
    that form, not to the table above it as an indicator."""
    second = [line.replace("公车统管费用", "会计工作经费") for line in FORM[1:]]
    first, other = read_bytes(_text(*FORM, "(2026年度) |", FORM[0], *second), "f.txt").forms
    assert _rows(first) == [("产出指标", "数量指标", "车辆租赁次数", "≤400次")]
    assert (first.budget_year, other.budget_year) == (None, 2026)
    assert other.project_name == "会计工作经费"


def test_a_table_of_the_budget_headed_like_a_form_is_no_form() -> None:
    """The budget's 项目支出表 (项目名称 | 项目类别 | 合计 …, a row per project) opens like a form
    and holds none: its text is outside the forms, said in notes; the forms after it are read."""
    ledger = [
        "项目支出表 |",
        "项目名称 | 项目类别 | 合计 | 财政拨款 |",
        "公车统管费用 | 其他运转类 | 30.00 | 30.00 |",
        "会计工作经费 | 其他运转类 | 322.00 | 322.00 |",
    ]
    batch = read_bytes(_text(*ledger, *FORM), "f.txt")
    (form,) = batch.forms
    assert (form.seq, form.project_name) == (1, "公车统管费用")
    said = [str(n.message) for n in batch.notes if n.code == "outside-form"]
    assert said[0] == "表单之外的文字未导入：项目支出表"
    assert any("322.00" in s for s in said) or any("另有" in s for s in said)


def test_a_blank_form_without_a_table_is_still_a_form() -> None:
    (form,) = read_bytes(_text("项目名称 |", "实施单位 |", "主管部门 |"), "blank.txt").forms
    assert form.project_name is None
    assert "no-indicator-table" in [n.code for n in form.notes]


def test_a_dash_in_a_funds_cell_is_no_amount_and_no_note() -> None:
    (form,) = read_bytes(_text(*FORM), "f.txt").forms
    assert form.funds.annual_other is None
    assert not [n for n in form.notes if n.code == "bad-amount"]


def test_many_texts_outside_the_forms_are_said_three_then_counted() -> None:
    lines = [f"第{k}行的预算说明文字 |" for k in range(1, 8)]
    batch = read_bytes(_text(*lines, *FORM), "f.txt")
    said = [str(n.message) for n in batch.notes if n.code == "outside-form"]
    assert said == [
        "表单之外的文字未导入：第1行的预算说明文字",
        "表单之外的文字未导入：第2行的预算说明文字",
        "表单之外的文字未导入：第3行的预算说明文字",
        "第 4–7 行另有 4 处表单之外的文字未导入",
    ]


def test_the_unit_after_a_value_on_its_line_is_the_forms_unit_not_part_of_the_value() -> None:
    """`资金主管部门：某局　金额单位:万元` on one line (a ledger written back, a header line)."""
    lines = ["资金主管部门：重庆市水利局　金额单位:万元", *FORM[1:]]
    (form,) = read_bytes(_text(*lines), "f.txt").forms
    assert form.supervising_department == "重庆市水利局"
    assert (form.funds.unit, form.funds.in_yuan("annual_request")) == ("万元", 300000)


def test_a_form_of_a_name_and_its_unit_is_a_form() -> None:
    """Beside the name, a unit: a form cut short is still a form, whatever it leaves unplaced."""
    lines = ["项目名称 | 某项目 |", "实施单位 | 某局 |", "说明文字 | 另有一段 | 无栏目的文字 |"]
    (form,) = read_bytes(_text(*lines), "f.txt").forms
    assert (form.project_name, form.implementing_unit) == ("某项目", "某局")


NO_FORMS = {
    # 部门整体绩效目标表: the department's goals and indicators as a whole, no project named
    "a department's goals as a whole": [
        "2026年部门整体绩效目标表 |",
        "部门名称 | 重庆市水利局 |",
        "当年整体绩效目标 | 完善全市水网建设布局 |",
        "绩效指标 | 指标名称 | 指标性质 | 指标值 | 计量单位 |",
        " | 续建大中型水库 | ≥ | 27 | 座 |",
    ],
    # 杭州's 项目支出表 (its 项目名称 label in a head), then its projects' goals (单位名称 | 项目名称 |
    # 金额 | 绩效目标, a row per project): the goal read from its first row makes no form
    "a list of projects with their goals": [
        "单位名称 | 项目名称 | 总计 | 财政拨款收入 | 财政专户管理资金 | 单位资金 |",
        "杭州市公安局 | 执法办案 | 6,192.04 | 3,304.88 |  | 2,887.16 |",
        "单位名称 | 项目名称 | 金额 | 绩效目标 |",
        "杭州市公安局 | 执法办案 | 6,192.04 | 打击、整治各类违法犯罪活动 |",
        "杭州市公安局 | 日常保障运行 | 28,772.44 | 做好公安信息化建设 |",
    ],
    # 长沙市国资委's 项目支出情况表: the name read from the head of last year's spending
    "a list of last year's projects": [
        "序号 | 项目名称 | 预算批复 | 预算到位 | 实际执行 | 执行率 |",
        "1 | 国企改革专项 | 120.00 | 120.00 | 118.50 | 98.75% |",
    ],
    # 北京's fee schedule named amid its prose: nothing but a name is read, and a form is more
    "a line naming a project amid prose": [
        "（三）公务用车购置和运行维护费",
        "项目名称：城市道路挖掘修复费",
        "序号 | 项目名称 | 结构内容 | 收费标准 |",
        "1 | 快速路、主干路沥青路面 | 沥青砼15cm+水稳18cm | 342元/㎡ |",
    ],
}


@pytest.mark.parametrize("lines", NO_FORMS.values(), ids=NO_FORMS.keys())
def test_a_table_of_a_budget_that_opens_like_a_form_and_holds_none_is_no_form(lines) -> None:
    """Its text is outside every form, said in notes; the form after it is read as the first."""
    batch = read_bytes(_text(*lines, *FORM), "f.txt")
    (form,) = batch.forms
    assert (form.seq, form.project_name) == (1, "公车统管费用")
    assert [n for n in batch.notes if n.code == "outside-form"]


BLANK = ["2026年市级重点专项资金绩效目标表 |", "项目名称 |  | 主管部门 |  |", "当年预算 |  |"]


def test_a_budgets_empty_table_among_its_forms_is_no_form() -> None:
    """重庆's budgets print their 重点专项资金绩效目标表 empty (故此表无数据) before the forms that
    have something in them: an empty table is no form there, before them or after them."""
    batch = read_bytes(_text(*BLANK, *FORM, *BLANK), "f.txt")
    (form,) = batch.forms
    assert (form.seq, form.project_name) == (1, "公车统管费用")
    said = " ".join(str(n.message) for n in batch.notes)
    assert "重点专项资金绩效目标表" in said


def test_a_document_of_blank_forms_alone_gives_them() -> None:
    forms = read_bytes(_text(*BLANK, *BLANK), "blank.txt").forms
    assert [(f.seq, f.project_name) for f in forms] == [(1, None), (2, None)]
