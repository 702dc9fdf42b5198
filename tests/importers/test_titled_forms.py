"""Forms that name their project in their title alone (福建: 泉州's budgets print no 项目名称 row,
each form is titled `市行政中心保安服务项目绩效目标表`), and titles that are no form's (docs/
templates.md, *Inputs*). The published cases are read exactly in tests/templates (`fujian`:
泉州市公安局 2026; `shaanxi`: 西安市公安局 2026)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.importers.test_pdf_reader import _rows, _weasy

from jixiao.importers import pdf_reader, read_bytes

TABLE = [
    "专项资金情况（万元） | 资金总额： | 57.00 |",
    " | 财政拨款： | 57.00 |",
    " | 其他资金： | 0.00 |",
    "项目实施期目标 | 完成办公场所修缮。 |",
    "绩效目标指标 | 一级指标 | 二级指标 | 三级指标 | 目标值 |",
    " | 产出指标 | 数量指标 | 修缮面积 | ≥500平方米 |",
]


def _text(*lines: str) -> bytes:
    return "\n".join(lines).encode("utf-8")


@pytest.mark.parametrize(
    ("title", "name", "unit"),
    [
        ("市行政中心保安服务项目绩效目标表", "市行政中心保安服务", None),
        ("科技兴警绩效目标表", "科技兴警", None),
        ("市级机关保留公务用车委托管理费项目绩效目标表", "市级机关保留公务用车委托管理费", None),
        ("2026年物业外包服务项目绩效目标表", "2026年物业外包服务", None),  # its year is its name's
        (
            "301007_泉州市公安局晋江国际机场分局_机场公安综合修缮改造项目绩效目标表",
            "机场公安综合修缮改造",
            "泉州市公安局晋江国际机场分局",
        ),
    ],
)
def test_a_form_without_a_name_row_is_named_by_its_title(title, name, unit) -> None:
    (form,) = read_bytes(_text(title, *TABLE), "f.txt").forms
    assert (form.project_name, form.implementing_unit) == (name, unit)
    assert form.funds.in_yuan("annual_request") == 570000
    assert _rows(form) == [("产出指标", "数量指标", "修缮面积", "≥500平方米")]
    (said,) = [str(n.message) for n in form.notes if n.code == "name-from-title"]
    assert said == f"表中没有“项目名称”栏：项目名称取自表题“{title}”"


@pytest.mark.parametrize(
    "title",
    [
        "项目支出绩效目标表",
        "2026年项目绩效目标表",
        "重点项目绩效目标表",
        "专项资金总体绩效目标表",
        "2026年市级重点专项资金绩效目标表",
        "市级项目绩效目标表",
        "政策和项目预算绩效目标表",
        "部门专项业务经费绩效目标表",
    ],
)
def test_a_title_that_names_a_kind_of_table_names_no_project(title) -> None:
    (form,) = read_bytes(_text(title, *TABLE), "f.txt").forms
    assert form.project_name is None
    assert not [n for n in form.notes if n.code == "name-from-title"]


def test_a_name_row_wins_over_the_title() -> None:
    (form,) = read_bytes(
        _text("办公楼物业项目绩效目标表", "项目名称 | 办公楼物业管理 |", *TABLE), "f.txt"
    ).forms
    assert form.project_name == "办公楼物业管理"
    assert not [n for n in form.notes if n.code == "name-from-title"]


PAGE = """<html><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 2cm }}
body {{ font-family: "Noto Sans CJK SC"; font-size: 10pt }}
h1 {{ font-size: 18pt; font-weight: normal; margin: 0 0 12pt 0 }}
td {{ border: 1px solid black; padding: 2pt }} table {{ border-collapse: collapse }}
</style></head><body>{pages}</body></html>"""

FORM = """<div style="page-break-before: always"><h1>{title}</h1><table>
<tr><td rowspan="3">专项资金情况（万元）</td><td>资金总额：</td><td colspan="3">{amount}</td></tr>
<tr><td>财政拨款：</td><td colspan="3">{amount}</td></tr>
<tr><td>其他资金：</td><td colspan="3">0.00</td></tr>
<tr><td>项目实施期目标</td><td colspan="4">完成{name}。</td></tr>
<tr><td rowspan="2">绩效目标指标</td><td>一级指标</td><td>二级指标</td><td>三级指标</td>
<td>目标值</td></tr>
<tr><td>产出指标</td><td>数量指标</td><td>{name}完成率</td><td>≥90%</td></tr>
</table></div>"""


def test_each_page_titled_by_its_project_is_a_form_its_title_over_two_lines_one() -> None:
    """泉州's budget: a form a page, titled by its project, its table starting with the funds.
    A title over a table is no running title when it is not the one read last, and a title set
    over two lines (the budget system's 单位编码_单位_项目, cut where the line is full) is one."""
    forms = [
        ("市行政中心保安服务项目绩效目标表", "市行政中心保安服务", "4200.00"),
        (
            "301007_某市公安局某分局_机场公安综<br>合修缮改造项目绩效目标表",
            "机场公安综合修缮改造",
            "57.00",
        ),
        ("301008_某市公安局某分局_科技兴警绩效<br>目标表", "科技兴警", "237.50"),
    ]
    pages = "".join(FORM.format(title=t, name=n, amount=a) for t, n, a in forms)
    batch = read_bytes(_weasy(PAGE.format(pages=pages)), "budget.pdf")
    assert [(f.project_name, f.implementing_unit) for f in batch.forms] == [
        ("市行政中心保安服务", None),
        ("机场公安综合修缮改造", "某市公安局某分局"),
        ("科技兴警", "某市公安局某分局"),
    ]
    assert [f.funds.in_yuan("annual_request") for f in batch.forms] == [42000000, 570000, 2375000]
    assert [_rows(f) for f in batch.forms] == [
        [("产出指标", "数量指标", f"{name}完成率", "≥90%")] for _, name, _ in forms
    ]
    assert {f.template.id for f in batch.forms if f.template} == {"fujian"}


def _table(rows: list[list[str]]) -> str:
    return (
        "<table>"
        + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
        + "</table>"
    )


def test_a_title_in_a_list_of_tables_opens_no_form() -> None:
    """西安's budget lists its tables (表16 | 专项资金总体绩效目标表 | 是 | 不涉及) before its 收支总表:
    the title there opened a "form" of the budget's amounts (上年结转 131,027,041.73 元), nameless,
    with no indicator table."""
    contents = _table(
        [
            ["报表", "报表名称", "是否空表", "表格为空的理由"],
            ["表14", "部门专项业务经费绩效目标表", "", ""],
            ["表16", "专项资金总体绩效目标表", "是", "不涉及"],
        ]
    )
    budget = _table(
        [
            ["项目", "预算数", "支出功能分类科目（按大类）", "预算数"],
            ["一、部门预算", "3,280,825,029.74", "一、部门预算", "3,444,476,979.18"],
            ["上年结转", "131,027,041.73", "公共安全支出", "2,910,955,777.35"],
        ]
    ) + _table(
        [
            ["单位编码", "单位（项目）名称", "项目金额", "项目简介"],
            ["合计", "1,021,500,773.61", "", ""],
            ["153001", "西安市公安局", "436,327,217.55", ""],
            ["", "办公场所租赁", "8,379,953.61", ""],
        ]
    )
    form = """<div style="page-break-before: always"><h1>部门专项业务经费绩效目标表</h1><table>
<tr><td>项目名称</td><td colspan="5">办公场所租赁</td></tr>
<tr><td>主管部门</td><td colspan="5">西安市公安局</td></tr>
<tr><td rowspan="2">资金金额（万元）</td><td>实施期资金总额：</td><td colspan="2">3361.96</td>
<td colspan="2" rowspan="2">执行率分值（10分）</td></tr>
<tr><td>其中：财政拨款</td><td colspan="2">3361.96</td></tr>
<tr><td>年度目标</td><td colspan="5">保障办公与业务用房需求。</td></tr>
<tr><td rowspan="2">年度绩效指标</td><td>一级指标</td><td>二级指标</td><td>三级指标</td>
<td>指标值</td><td>分值权重（90分）</td></tr>
<tr><td>产出指标</td><td>数量指标</td><td>训练场地租赁(处)</td><td>1</td><td>4</td></tr>
</table></div>"""
    pages = contents + '<div style="page-break-before: always"><p>单位：元</p>' + budget + "</div>"
    batch = read_bytes(_weasy(PAGE.format(pages=pages + form)), "budget.pdf")
    (form_read,) = batch.forms
    assert form_read.project_name == "办公场所租赁"
    assert form_read.supervising_department == "西安市公安局"
    assert form_read.template is not None and form_read.template.id == "shaanxi"
    assert form_read.funds.in_yuan("annual_request") == 33619600
    assert [(i.name, i.target, dict(i.extra)) for i in form_read.indicators] == [
        ("训练场地租赁(处)", "1", {"分值": "4"})
    ]


# A project's name as a title may hold it: no 表 (which ends the title), no word that makes a
# title a kind of table (项目, 年, 部门, 重点, 专项 ...), no label.
_WORDS = "市行政中心保安服务科技兴警修缮改造物业外包采购建设机场公安综合"
NAME = st.builds(
    lambda first, rest: first + rest,
    st.sampled_from(_WORDS),  # a number first would be the title's own (1、, 0）)
    st.text(alphabet=_WORDS + "0123456789（）“”_", min_size=1, max_size=29),
)


def _line(text: str, top: float, size: float) -> list[dict]:
    return [
        {
            "text": c,
            "x0": 50.0 + k * size,
            "x1": 50.0 + (k + 1) * size,
            "top": top,
            "bottom": top + size,
            "size": size,
        }
        for k, c in enumerate(text)
    ]


def _page(lines: list[list[dict]]) -> list[dict]:
    """The page's characters: the lines, and a paragraph of the page's text in 12 pt under them."""
    return [c for line in lines for c in line] + _line("正文" * 40, 400.0, 12.0)


@settings(max_examples=300, deadline=None)
@given(NAME, st.data())
def test_a_title_broken_anywhere_over_two_lines_is_read_as_one(name, data) -> None:
    title = f"{name}项目绩效目标表"
    cut = data.draw(st.integers(min_value=1, max_value=len(title) - 1))
    lines = [_line(title[:cut], 80.0, 18.0), _line(title[cut:], 112.0, 18.0)]
    joined = list(pdf_reader._titles_joined(lines, _page(lines)))
    if pdf_reader.form_line(title[:cut]):
        return  # a line that is a title or a field of its own stays one
    assert [texts for _, texts in joined] == [[title]]


@settings(max_examples=200, deadline=None)
@given(NAME, st.data())
def test_lines_of_the_pages_text_or_apart_are_never_joined(name, data) -> None:
    title = f"{name}项目绩效目标表"
    cut = data.draw(st.integers(min_value=1, max_value=len(title) - 1))
    size, gap = data.draw(
        st.sampled_from([(12.0, 14.0), (10.0, 12.0), (18.0, 80.0), (18.0, 140.0)])
    )
    lines = [_line(title[:cut], 80.0, size), _line(title[cut:], 80.0 + gap, size)]
    joined = list(pdf_reader._titles_joined(lines, _page(lines)))
    assert [texts for _, texts in joined] == [[title[:cut]], [title[cut:]]]


@settings(max_examples=100, deadline=None)
@given(NAME)
def test_any_project_named_in_its_title_alone_is_read_by_that_name(name) -> None:
    (form,) = read_bytes(_text(f"{name}项目绩效目标表", *TABLE), "f.txt").forms
    coded = name.split("_")
    if len(coded) == 3 and coded[0].isdigit() and len(coded[0]) >= 4 and all(coded[1:]):
        assert (form.implementing_unit, form.project_name) == (coded[1], coded[2])
    else:
        assert form.project_name == name.strip()
