"""Hubei's form (the `hubei` template; docs/templates.md): a cost breakdown whose 合计 is the
year's budget, one goal called 绩效目标, and an indicator table of two levels whose 一级指标 column
holds the level-2 headings (数量指标) and whose 二级指标 column holds the names, then 绩效标准 and
当年预期实现值. Any template's two-level table is read so; a heading's level is told by what
it says (issue 15)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.domain.paper import SOURCE
from jixiao.domain.taxonomy import canonical_level1, canonical_level2, level1_of_level2
from jixiao.errors import InputError
from jixiao.exporters import render
from jixiao.importers import read_bytes, read_path, values
from jixiao.importers.grid import Cell
from jixiao.importers.indicators import IndicatorTable
from jixiao.templates import from_data

EZHOU = Path(__file__).resolve().parent.parent / "fixtures/run_on/ezhou-2022-office-building.txt"

HEAD = """鄂州市2022年市直部门预算项目支出绩效目标表
项目名称 | 滨湖大楼办公大楼运行保障
项目类别 | 本级支出项目 | 项目性质 | 持续性项目
立项依据 | 市机关事务服务中心三定方案
项目预算成本构成 | 金额{unit} | 测算（公式）依据 | 2020年实际执行数 | 2021年实际执行数
保安服务费 | 191 | 依据招标文件 | 191 | 191
保洁服务费 | 99 | 依据招标文件 | 99 | 99
合计 | {total} | | 662.98 | 794.55
绩效目标 | 以办公大楼服务对象满意为目标，着力打造文明型机关。
"""
TABLE = """绩效指标 | 保障绩效目标实现措施
一级指标 | 二级指标 | 绩效标准 | 当年预期实现值
数量指标 | 办公大楼日常维修维护次数 | 反映办公大楼全年维修维护情况 | 280次
 | 大楼安检巡察次数 | 反映大楼保卫巡检情况 | 200次
成本指标 | 水电气消耗下降率 | 反映水电气消耗比上年下降情况 | ≥2%
经济效益指标 | 节约运行成本 | 反映节约情况 | ≥5%
服务对象满意度指标 | 服务对象满意度 | 反映服务对象满意程度 | ≥90%
主管部门审核意见 | 单位公章： 年 月 日
"""


def form_of(text: str):
    batch = read_bytes(text.encode("utf-8"), "hubei.txt")
    assert len(batch.forms) == 1
    return batch.forms[0]


def test_a_hubei_form_reads_its_budget_from_the_cost_breakdown_and_its_rows_by_their_names():
    form = form_of(HEAD.format(unit="", total="814") + TABLE)
    assert form.template is not None and form.template.id == "hubei"
    assert (form.project_name, form.project_category) == (
        "滨湖大楼办公大楼运行保障",
        "本级支出项目",
    )
    assert form.budget_year == 2022  # the title's 2022年
    # 合计 under 金额 is the year's budget, in the 万元 the blank form prints
    assert form.funds.in_yuan("annual_request") == Decimal("8140000")
    assert form.annual_goal == "以办公大楼服务对象满意为目标，着力打造文明型机关。"
    rows = [(i.level1, i.level2, i.name, i.target, dict(i.extra)) for i in form.indicators]
    assert rows == [
        (
            "产出指标",
            "数量指标",
            "办公大楼日常维修维护次数",
            "280次",
            {"绩效标准": "反映办公大楼全年维修维护情况"},
        ),
        ("产出指标", "数量指标", "大楼安检巡察次数", "200次", {"绩效标准": "反映大楼保卫巡检情况"}),
        (
            "产出指标",
            "成本指标",
            "水电气消耗下降率",
            "≥2%",
            {"绩效标准": "反映水电气消耗比上年下降情况"},
        ),
        ("效益指标", "经济效益指标", "节约运行成本", "≥5%", {"绩效标准": "反映节约情况"}),
        (
            "满意度指标",
            "服务对象满意度指标",
            "服务对象满意度",
            "≥90%",
            {"绩效标准": "反映服务对象满意程度"},
        ),
    ]
    codes = [n.code for n in form.notes]
    # the cost breakdown's rows, 项目性质 and 立项依据, the column of measures and the approval
    # under the table are each said, never read as fields or indicators
    assert "other-table-skipped" in codes and codes.count("unread-field") == 2
    assert any(
        "保障绩效目标实现措施" in n.message for n in form.notes if n.code == "unplaced-column"
    )
    assert any("主管部门审核意见" in n.message for n in form.notes if n.code == "footnote")
    # each level 1 the table leaves out is said where it is inferred
    assert codes.count("level1-inferred") == 3


def test_the_cost_breakdown_total_takes_the_unit_of_its_amount_column() -> None:
    form = form_of(HEAD.format(unit="（元）", total="8,140,000.00") + TABLE)
    assert form.funds.in_yuan("annual_request") == Decimal("8140000")


def test_an_amount_given_by_its_label_is_kept_over_the_cost_breakdown_total() -> None:
    text = HEAD.format(unit="", total="814").replace("绩效目标 |", "年度资金总额 | 800\n绩效目标 |")
    form = form_of(text + TABLE)
    assert form.funds.in_yuan("annual_request") == Decimal("8000000")
    assert any("合计" in n.message for n in form.notes if n.code == "repeated-field")


def test_a_cost_breakdown_one_cell_a_line_gives_the_cell_after_its_total() -> None:
    cells = [
        c.strip() for c in (HEAD.format(unit="", total="814") + TABLE).replace("\n", "|").split("|")
    ]
    text = "\n\n".join(c for c in cells if c)  # one cell a paragraph, as pages print them
    form = form_of(text)
    assert form.template.id == "hubei"
    assert form.funds.in_yuan("annual_request") == Decimal("8140000")


def test_another_template_still_reads_its_goals_under_the_heading_of_the_same_words() -> None:
    # 绩效目标 is hubei's (and covid-bonds') one goal, but the heading over the goals of the
    # seed's layout
    form = form_of(
        "财政项目支出绩效目标填报表\n项目名称 | 某项目 | 项目类别 | 经常性项目\n"
        "主管部门 | 某局 | 实施单位 | 某中心\n"
        "计划开始日期 | 2021-01-01 | 计划完成日期 | 2021-12-31\n"
        "绩效目标 | 项目总目标 | 总目标文字\n"
        " | 年度总目标 | 年度目标文字\n"
        "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值\n"
        " | 产出指标 | 数量指标 | 培训人数 | ≥100人\n"
    )
    assert form.template.id == "shanghai-district"
    assert (form.overall_goal, form.annual_goal) == ("总目标文字", "年度目标文字")


def test_over_goal_labels_the_goal_label_of_a_template_is_their_heading() -> None:
    # a form of few labels whose 绩效目标 stands over 项目总目标 and 年度总目标: whatever template
    # its labels fit, they are its goals, and 绩效目标 their heading
    form = form_of(
        "项目名称 | 某项目\n绩效目标 | 项目总目标 | 总目标文字\n | 年度总目标 | 年度目标文字\n"
        "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值\n | 产出指标 | 数量指标 | 培训人数 | ≥100人\n"
    )
    assert (form.overall_goal, form.annual_goal) == ("总目标文字", "年度目标文字")


def test_the_published_copy_run_on_one_line_is_read_as_hubei_as_far_as_its_labels_allow() -> None:
    # The stored page of 鄂州 2022: the Word file's text with nothing between its cells, cut
    # inside 成本指标. Its head is read; its rows are cut at their targets.
    form = read_path(EZHOU).forms[0]
    assert form.template.id == "hubei"
    assert (form.project_name, form.project_category) == (
        "滨湖大胆办公大楼运行保障",
        "本级支出项目",
    )
    assert form.annual_goal.startswith("以办公大楼服务对象满意为目标")
    targets = [i.target for i in form.indicators]
    assert targets[:4] == ["200次", ">92%", "292%", "95%"]  # each the row's last value
    assert [i.level2 for i in form.indicators][:4] == [
        "数量指标",
        "质量指标",
        "质量指标",
        "质量指标",
    ]
    assert not any(i.name.startswith(("保障", "主管部门")) for i in form.indicators)


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_a_hubei_form_written_in_its_template_reads_back_its_rows(fmt: str, tmp_path: Path) -> None:
    # the two-level table is written as it is read: each row's heading (its level 2, else its
    # level 1) under 一级指标, its name under 二级指标
    batch = read_bytes((HEAD.format(unit="", total="814") + TABLE).encode("utf-8"), "hubei.txt")
    _, _, data = render(batch, fmt, SOURCE)
    written = tmp_path / f"written.{fmt}"
    written.write_bytes(data)
    again = read_path(written).forms[0]
    assert again.template.id == "hubei"
    assert (again.project_name, again.annual_goal) == (
        batch.forms[0].project_name,
        batch.forms[0].annual_goal,
    )
    # the budget is written as the cost breakdown's 合计, under 金额 in the block's unit
    assert again.funds.in_yuan("annual_request") == Decimal("8140000")
    assert again.budget_year == 2022
    assert not [n for n in again.notes if n.code == "unplaced-text"]

    def rows(form):
        return [(i.level1, i.level2, i.name, i.target, dict(i.extra)) for i in form.indicators]

    assert rows(again) == rows(batch.forms[0])


def test_a_year_line_of_the_form_says_the_year_over_its_title() -> None:
    text = HEAD.format(unit="", total="814").replace(
        "绩效目标表\n", "绩效目标表\n（2023年度）\n", 1
    )
    form = form_of(text + TABLE)
    assert form.budget_year == 2023  # the form's 2023年度, not the title's 2022年
    assert not [n for n in form.notes if n.code == "unplaced-text"]


def test_a_template_whose_table_total_names_no_amount_is_refused() -> None:
    data = {"id": "x", "name": "x", "region": "x", "funds": {"other_table_total": "goal"}}
    with pytest.raises(InputError, match="other_table_total"):
        from_data(data, "x.toml")


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("鄂州市2022年市直部门预算项目支出绩效目标表", 2022),
        ("项目支出绩效目标表（2021年度）", 2021),
        ("2019年度部门预算2018年决算", 2019),
        ("2021年-2023年中期绩效目标表", None),  # a period names no one year
        ("项目支出绩效目标表", None),
    ],
)
def test_the_budget_year_of_a_title(title: str, year: int | None) -> None:
    assert values.title_year(title) == year


# Any two-level table, by property --------------------------------------------------------------

HEADINGS = [
    "产出指标",
    "效益指标",
    "满意度指标",
    "数量指标",
    "质量指标",
    "时效指标",
    "成本指标",
    "经济效益指标",
    "社会效益指标",
    "生态效益指标",
    "可持续影响指标",
    "服务对象满意度指标",
]
NAMES = st.text(alphabet="维修次数合格率巡察大楼办公覆盖人群", min_size=2, max_size=8)
TARGETS = st.sampled_from(["≥90%", "100%", "280次", "≤2天", "=1项", "≥95%"])


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["", *HEADINGS]), NAMES, NAMES, TARGETS),
        min_size=1,
        max_size=9,
        unique_by=lambda row: row[1],  # a row repeated whole is one indicator (docs/templates.md)
    )
)
def test_every_row_of_a_two_level_table_keeps_its_name_and_target_and_files_its_heading(rows):
    notes: list[str] = []
    table = IndicatorTable(True, "delimited", lambda code, said, line: notes.append(code))
    grid = [["一级指标", "二级指标", "绩效标准", "当年预期实现值"], *[list(r) for r in rows]]
    cells = [[Cell(text, k) for text in row] for k, row in enumerate(grid, 1)]
    table.add_rows(cells, lambda row: row)
    read = table.indicators()
    # one indicator a row whatever its heading: the name from 二级指标, the target from the value
    assert [(i.name, i.target, dict(i.extra)) for i in read] == [
        (name, target, {"绩效标准": standard}) for _, name, standard, target in rows
    ]
    heading: str | None = None
    for (written, *_), indicator in zip(rows, read, strict=True):
        heading = written or heading
        if heading is None:
            assert (indicator.level1, indicator.level2) == (None, None)
        elif canonical_level2(heading) is not None and heading != "满意度指标":
            # a level-2 heading: under the level 1 it belongs to, never a level 1 itself
            assert indicator.level2 == heading
            assert canonical_level1(indicator.level1) == level1_of_level2(heading)
        else:
            assert (indicator.level1, indicator.level2) == (heading, None)
