"""Where an indicator table's rows begin and end in every template: the form's signature block
(填表人, 经办人及联系电话, 上报时间) and a page's 附件： end it as the form's footnotes, never
indicators (`labels.TABLE_ENDS`); a heading broken over two lines in white-space rows
(`效益指标 经济效益` | `指标`, `满意度指标 服务对象` | `满意度指标`) is one heading; a row whose cells merged with the rows above were
left out and padded at its end is read from where its first cell belongs (docs/templates.md,
*What a template file says*)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.importers import labels as L
from jixiao.importers import read_bytes, read_path

REGIONS = Path(__file__).resolve().parent.parent / "fixtures/regions"
BANAN = REGIONS / "chongqing-banan-2022-party-secretaries.txt"
NINGHE = REGIONS.parent / "templates/covid-bonds/ninghe-2020-kindergarten-rent.txt"


def test_a_published_form_keeps_its_signature_block_out_of_its_indicators() -> None:
    # 巴南区圣灯山镇 2022: under the table, 经办人及联系电话 and 上报时间 (whose `26日` looked
    # like a target); 经济效益 | 指标 broken over two lines
    form = read_path(BANAN).forms[0]
    assert form.project_name == "党支部书记补贴"
    # 开始日期 | 2022年1月1日 | 结束日期 | 2022年12月31日: both dates (结束日期 had been no label)
    assert (form.planned_start, form.planned_end) == (date(2022, 1, 1), date(2022, 12, 31))
    names = [i.name for i in form.indicators]
    assert not any("经办人" in n or "上报时间" in n for n in names)
    footnotes = " ".join(n.message for n in form.notes if n.code == "footnote")
    assert "经办人及联系电话" in footnotes and "上报时间" in footnotes
    # headings broken over two lines, the first a heading already (经济效益 | 指标) or not
    # (服务对象 | 满意度指标): one heading each; every row as the page shows it
    produce, benefit = "产出指标", "效益指标"
    assert [(i.level1, i.level2, i.name, i.target) for i in form.indicators] == [
        (produce, "数量指标", "按照全镇党支部书记发放", "100%"),
        (produce, "质量指标", "为民众办好事,办实事", "100%"),
        (produce, "时效指标", "按时发放率", "100%"),
        (produce, "成本指标", "20万元", "100%"),
        (benefit, "经济效益指标", "改善了农民生产生活条件", "100%"),
        (benefit, "社会效益指标", "激发为民办事的热情", "100%"),
        (benefit, "可持续影响指标", "为民众办好事,办实事", "100%"),
        ("满意度指标", "服务对象满意度指标", "满意度95%以上", "≧95%"),
    ]
    assert "missing-cell" not in [n.code for n in form.notes]


@pytest.mark.parametrize("label", L.TABLE_ENDS)
def test_every_signature_label_ends_the_table(label: str) -> None:
    text = (
        "项目名称 某项目\n年度资金总额 20\n年度目标 完成某项目\n"
        "一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 培训人数 ≥300人\n"
        f"{label}：张三 2021年10月26日\n"
    )
    (form,) = read_bytes(text.encode("utf-8"), "signed.txt").forms
    assert [(i.name, i.target) for i in form.indicators] == [("培训人数", "≥300人")]
    assert [n.code for n in form.notes].count("footnote") == 1


@pytest.mark.parametrize("label", L.TABLE_ENDS)
def test_a_signature_ends_a_table_run_on_one_line(label: str) -> None:
    text = (
        "项目名称某项目年度目标完成某项目一级指标二级指标三级指标指标值"
        f"产出指标数量指标培训人数≥300人{label}:张三2021年10月26日"
    )
    (form,) = read_bytes(text.encode("utf-8"), "signed.txt").forms
    assert [(i.name, i.target) for i in form.indicators] == [("培训人数", "≥300人")]


def test_a_copied_web_table_without_its_merged_cells_is_read_by_where_its_cells_belong() -> None:
    # 宁河区 2020: `补贴民办园租用面积 | 26970.7平方米 | |||` (the 一级 and 二级 cells above it),
    # `成本指标 | 补贴标准 | … | ||` (a level 2 under 产出指标), the 绩效指标 cell of the head
    # spanning every row; every row as the page shows it, and its 附件： no indicator
    (form,) = read_path(NINGHE).forms
    produce, benefit = "产出指标", "效益指标"
    assert [(i.level1, i.level2, i.name, i.target) for i in form.indicators] == [
        (produce, "数量指标", "补贴非营利性民办幼儿园数量", "20个"),
        (produce, "数量指标", "补贴民办园租用面积", "26970.7平方米"),
        (produce, "质量指标", "补贴覆盖民办幼儿园率", "≥90.91%"),
        (produce, "质量指标", "补贴发放合规率", "≥95%"),
        (produce, "时效指标", "补贴发放及时率", "≥95%"),
        (produce, "时效指标", "补贴期限", "2020.1.1-2020.12.31"),
        (produce, "成本指标", "补贴标准", "71.86元/平方米"),
        (
            benefit,
            "社会效益指标",
            "提升疫情防控期间民办幼儿园扶持力度",
            "显著提升了疫情期间对民办幼儿园的扶持力度,大力支持了民办幼儿园的发展。",
        ),
        (
            benefit,
            "社会效益指标",
            "促进学前教育普及普惠优质发展",
            "显著促进了学前教育普及及优质发展,大力支持了民办幼儿园发展。",
        ),
        (
            benefit,
            "可持续影响指标",
            "非营利性民办园租房受益期限",
            "保障疫情期间非营利性民办园房租需求,大力支出民办幼儿园发展",
        ),
        ("满意度指标", "服务对象满意度指标", "受益租户满意度", "≥95%"),
    ]
    assert any(n.code == "footnote" and "附件" in n.message for n in form.notes)


# Property: a table whose merged cells a web page gives once (read from its HTML, the spans kept)
# and the same table copied as text with those cells left out and the rows padded at their end
# give the same indicators.

GROUPS = {
    "产出指标": ["数量指标", "质量指标", "时效指标", "成本指标"],
    "效益指标": ["社会效益指标", "可持续影响指标"],
    "满意度指标": ["服务对象满意度指标"],
}
NAMES = [f"指标{chr(0x4E00 + k)}项" for k in range(40)]
TARGETS = st.sampled_from(
    ["≥90%", "=300天", "100%", "≤475元/亩", "显著提升", "2020.1.1-2020.12.31"]
)


@st.composite
def tables(draw) -> list[tuple[str, str, str, str]]:
    rows = []
    names = iter(NAMES)
    for level1 in draw(
        st.lists(st.sampled_from(list(GROUPS)), min_size=1, max_size=3, unique=True)
    ):
        chosen = st.sampled_from(GROUPS[level1])
        for level2 in draw(st.lists(chosen, min_size=1, max_size=3, unique=True)):
            for _ in range(draw(st.integers(1, 3))):
                rows.append((level1, level2, next(names), draw(TARGETS)))
    return rows


def _spans(rows: list[tuple[str, ...]], column: int) -> list[int]:
    """How many rows each row's cell of `column` spans: 0 where a cell above spans it."""
    spans = [0] * len(rows)
    start = 0
    for k in range(1, len(rows) + 1):
        if k == len(rows) or rows[k][: column + 1] != rows[start][: column + 1]:
            spans[start] = k - start
            start = k
    return spans


HEAD = (
    ["项目名称", "某项目"],
    ["年度目标", "完成某项目"],
    ["一级指标", "二级指标", "三级指标", "指标值"],
)


@settings(max_examples=60, deadline=None)
@given(tables())
def test_a_web_table_copied_without_its_merged_cells_reads_as_its_html(rows) -> None:
    spans = [_spans(rows, 0), _spans(rows, 1)]
    html, text = [], []
    for cells in HEAD:
        html.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        text.append(" | ".join([*cells, *[""] * (4 - len(cells))]))
    for k, row in enumerate(rows):
        kept = [c for column, c in enumerate(row[:2]) if spans[column][k]]
        tds = "".join(
            f'<td rowspan="{spans[column][k]}">{row[column]}</td>'
            for column in (0, 1)
            if spans[column][k]
        )
        html.append(f"<tr>{tds}<td>{row[2]}</td><td>{row[3]}</td></tr>")
        text.append(" | ".join([*kept, row[2], row[3], *[""] * (2 - len(kept))]))
    page = "<html><body><table>" + "".join(html) + "</table></body></html>"
    (from_html,) = read_bytes(page.encode("utf-8"), "page.html").forms
    (from_text,) = read_bytes("\n".join(text).encode("utf-8"), "copied.txt").forms
    read = [(i.level1, i.level2, i.name, i.target) for i in from_html.indicators]
    assert read == rows
    assert [(i.level1, i.level2, i.name, i.target) for i in from_text.indicators] == read


@pytest.mark.parametrize(
    "footer",
    [
        "鲁ICP备06032897号  鲁公网安备37142402000014",
        "版权所有：某县人民政府",
        "主办单位：某县人民政府办公室",
        "政府网站标识码:3714240016",
    ],
)
def test_a_saved_pages_footer_ends_the_table(footer: str) -> None:
    text = (
        "项目名称 | 某项目\n年度资金总额 | 20\n年度目标 | 完成某项目\n"
        "一级指标 | 二级指标 | 三级指标 | 指标值\n产出指标 | 数量指标 | 培训人数 | ≥300人\n"
        f"{footer} | 地址：某路1号 | 电话 | 0534-1234567\n"
    )
    (form,) = read_bytes(text.encode("utf-8"), "page.txt").forms
    assert [(i.name, i.target) for i in form.indicators] == [("培训人数", "≥300人")]
    assert [n.code for n in form.notes].count("footnote") == 1


def test_a_line_of_links_ends_a_table_read_cell_by_cell() -> None:
    # 临邑 2025: one cell a paragraph, the site's links under the last row (备注 left blank)
    cells = ["项目名称", "某项目", "一级", "二级", "三级", "年度数值", "备注"]
    cells += ["产出值", "数量值", "小学就读人数", "<=6962人", " "]
    cells += [
        "内容保障 | 公务邮箱",
        "某县人民政府主办",
        "地址:某路1号",
        "网站监督电话:0534-1234567",
    ]
    (form,) = read_bytes("\n\n".join(cells).encode("utf-8"), "page.txt").forms
    assert [(i.level1, i.level2, i.name, i.target) for i in form.indicators] == [
        ("产出值", "数量值", "小学就读人数", "<=6962人")
    ]
    assert any("内容保障" in n.message for n in form.notes if n.code == "footnote")
