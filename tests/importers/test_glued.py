"""Rows whose cells were run together with nothing between them (issue 15: "forms flattened with
no separators are read as far as labels allow, and what is uncertain is noted";
docs/templates.md, *Inputs*)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.domain.form import Source
from jixiao.importers import read_path
from jixiao.importers.glued import glued, looks_glued
from jixiao.importers.grid import detect
from jixiao.importers.text_reader import read_text

QINGSHAN = (
    Path(__file__).resolve().parent.parent
    / "fixtures/templates/wuhan-district/qingshan-2021-rural-schools.txt"
)


def read(text: str):
    return list(read_text(text.encode("utf-8"), Source(0, "glued.txt", "seed-text")).forms)


def test_a_published_form_with_nothing_between_its_cells_is_read_with_its_doubts_noted() -> None:
    (form,) = read_path(QINGSHAN).forms
    lines = QINGSHAN.read_text("utf-8").split("\n")
    assert form.supervising_department == "青山区教育局"
    assert form.implementing_unit == "化工区学校"
    assert [n.code for n in form.notes].count("layout") == 0  # said once, for the document
    doubts = {n.line: n.message for n in form.notes if n.code == "cut-uncertain"}
    # the trend cut from its name, and the page's text under the table left out, each noted
    assert (
        "稳步提高"
        in doubts[lines.index("效益指标可持续影响指标义务教育优质均衡发展情况稳步提高") + 1]
    )
    for left_out in ("附件:", "扫一扫在手机打开当前页", "[下载] [打印] [关闭]"):
        assert "未作为指标导入" in doubts[lines.index(left_out) + 1]
        assert all(left_out not in (i.name or "") for i in form.indicators)
    # a cut the text makes certain (a comparison, a percentage) is not noted
    assert lines.index("学校满意度≥90%") + 1 not in doubts
    batch = read_path(QINGSHAN)
    assert any("没有分隔符" in n.message for n in batch.notes)


def test_only_a_table_head_with_nothing_between_its_columns_makes_a_document_glued() -> None:
    assert looks_glued(["绩效指标一级指标二级指标三级指标指标值"])
    assert not looks_glued(["一级指标 二级指标 三级指标 指标值"])
    assert not looks_glued(["产出指标数量指标新增绿化面积100亩"])  # headings, but no labels
    assert detect(["项目名称某项目", "一级指标二级指标三级指标指标值"]).layout == "glued"


GLUED_TWO = """绩效目标表
项目名称甲项目
项目主管部门某区教育局项目执行单位某学校
资金情况
(万元)
年度资金总额:20
总体目标年度目标
完成甲项目。
绩效指标一级指标二级指标指标内容指标值
产出指标数量指标培训人数≥100人
质量指标培训合格率95%
时效指标完成时间2024年12月
效益指标社会效益指标群众满意程度明显提升
绩效目标表
项目名称乙项目
绩效指标一级指标二级指标三级指标指标值
产出指标数量指标改造学校3所
学校覆盖情况
"""


def test_two_glued_forms_each_get_the_doubts_of_their_own_rows() -> None:
    first, second = read(GLUED_TWO)
    assert first.project_name == "甲项目" and second.project_name == "乙项目"
    assert first.funds.in_yuan("annual_request") == 200000
    assert [(i.level2, i.name, i.target) for i in first.indicators] == [
        ("数量指标", "培训人数", "≥100人"),
        ("质量指标", "培训合格率", "95%"),
        ("时效指标", "完成时间", "2024年12月"),
        ("社会效益指标", "群众满意程度", "明显提升"),
    ]
    first_doubts = {n.line for n in first.notes if n.code == "cut-uncertain"}
    second_doubts = {n.line for n in second.notes if n.code == "cut-uncertain"}
    lines = GLUED_TWO.split("\n")
    assert first_doubts == {
        lines.index("时效指标完成时间2024年12月") + 1,  # a number with a unit in words
        lines.index("效益指标社会效益指标群众满意程度明显提升") + 1,  # a trend
    }
    assert second_doubts == {
        lines.index("产出指标数量指标改造学校3所") + 1,
        lines.index("学校覆盖情况") + 1,  # no target: left out, said
    }
    assert [(i.name, i.target) for i in second.indicators] == [("改造学校", "3所")]


# Nothing is lost silently: every character of a line of the table is in a cell of its row, or the
# line is noted.

PIECES = st.sampled_from(
    [
        "产出指标",
        "效益指标",
        "数量指标",
        "社会效益指标",
        "覆盖率",
        "培训人数",
        "项目",
        "≥90%",
        "100%",
        "3所",
        "稳步提高",
        "明显",
        "年",
        "2024",
        "（试点）",
        " ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(PIECES, min_size=1, max_size=8).map("".join), min_size=1, max_size=6))
def test_every_character_of_a_table_row_is_kept_in_its_cells_or_noted(rows: list[str]) -> None:
    lines = ["一级指标二级指标三级指标指标值", *rows]
    grid = glued(lines)
    by_line = {row[0].line: row for row in grid.rows}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        row = by_line.get(number, [])
        kept = "".join(c.text for c in row)
        if number in grid.doubts:
            continue
        assert kept.replace(" ", "") == line.replace(" ", ""), (line, row)
        assert all(c.text.strip() for c in row), row
