"""Documents we have never seen: other units, years, units of money, headings and flattenings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tests.conftest import DATA

from jixiao.importers import read_bytes, read_path
from jixiao.importers.grid import detect

VARIANTS = DATA / "variants"


def rows(form):
    return [(i.level1, i.level2, i.name, i.target) for i in form.indicators]


def test_tabbed_layout_of_another_unit_and_year_in_wanyuan_with_crlf() -> None:
    batch = read_path(VARIANTS / "tabbed_2023_wanyuan_crlf.txt")
    first, second = batch.forms
    assert (first.title, first.budget_year, first.project_category) == (
        "项目支出绩效目标申报表",
        2023,
        "一次性项目",
    )
    assert first.funds.unit == "万元"
    assert (first.funds.project_fiscal, first.funds.project_other) == (Decimal(800), Decimal(54))
    assert (first.funds.annual_appropriation, first.funds.annual_carryover) == (
        Decimal(750),
        Decimal(50),
    )
    assert first.funds.in_yuan("annual_request") == Decimal(8540000)
    assert (
        first.annual_goal
        == "2023年运营6个社区养老服务站，全年服务老年人≥1200人次。\n服务满意度不低于90%。"
    )
    assert (first.goal_period.start_year, first.goal_period.end_year) == (2023, 2025)
    assert rows(first)[3:] == [
        ("产出指标", "进度指标", "站点开放时间", "≥300天"),
        ("成本指标", "经济成本指标", "每个站点年运营补贴", "≤142万元"),
        ("效果指标", "社会效益指标", "老年人助餐覆盖率", "≥60%"),
        ("效果指标", "环境效益指标", "站点适老化改造完成率", "=100%"),
        ("效果指标", "社会公众或服务对象满意度指标", "服务对象满意度", "≥90%"),
    ]
    assert first.indicators[4].parsed_target.value == Decimal(1420000)
    assert [n.code for n in first.notes] == ["duplicate-row-merged"]
    assert (second.planned_start, second.planned_end) == (date(2023, 1, 1), date(2023, 12, 31))
    assert second.funds.project_total == Decimal("120.5")
    assert second.project_category == "经常性项目"


def test_one_cell_per_paragraph() -> None:
    (form,) = read_path(VARIANTS / "cell_per_line.txt").forms
    assert (form.project_name, form.budget_year) == ("农村饮用水安全巩固提升", 2022)
    assert str(form.funds.project_total) == "1500000.00"
    assert form.funds.annual_carryover == Decimal(300000)
    assert form.overall_goal == "改造供水管网12公里，\n受益人口不少于8000人。"
    assert form.annual_goal.endswith("水质达标率≥95%。")
    assert rows(form) == [
        ("产出指标", "数量指标", "改造供水管网长度", "=12公里"),
        ("产出指标", "质量指标", "水质达标率", "≥95%"),
        ("效益指标", "社会效益指标", "受益人口", "≥8000人"),
        ("满意度指标", "服务对象满意度指标", "受益群众满意度", "≥90%"),
    ]


def test_pipe_separated_rows() -> None:
    (form,) = read_path(VARIANTS / "pipe_rows.txt").forms
    assert (form.supervising_department, form.implementing_unit) == (
        "某区教育局",
        "某区教育装备中心",
    )
    assert form.planned_end == date(2022, 11, 30)
    assert form.annual_goal == "完成32所学校监控系统升级，设备完好率≥98%。"
    assert rows(form)[2] == ("产出指标", "时效指标", "故障响应时间", "≤4小时")
    assert len(form.indicators) == 5


def test_space_separated_rows_keep_bracketed_periods_and_spaced_names() -> None:
    (form,) = read_path(VARIANTS / "space_rows.txt").forms
    assert form.goal_period.text == "2022 年- 2022年"
    assert form.overall_goal == form.annual_goal == "全区120公里河道日常保洁"
    assert rows(form)[1] == ("产出指标", "质量指标", "河面 漂浮物 清理率", ">=95%")
    assert rows(form)[2] == ("效益指标", "生态效益指标", "河道水质达标率", ">=80%")


def test_a_whole_form_on_one_line_with_ascii_punctuation() -> None:
    (form,) = read_path(VARIANTS / "one_line.txt").forms
    assert (form.title, form.budget_year) == ("项目支出绩效目标表", 2022)
    assert (form.project_name, form.implementing_unit) == ("社区图书室更新", "某社区居委会")
    assert form.funds.annual_request == Decimal(85000)
    assert form.funds.project_fiscal is None  # not in the document: never invented
    assert form.annual_goal == "更新图书2000册,开放时间不少于250天"
    assert rows(form) == [
        ("产出指标", "数量指标", "更新图书册数", "=2000册"),
        ("产出指标", "时效指标", "开放天数", ">=250天"),
        ("满意度指标", "服务对象满意度指标", "读者满意度", ">=90%"),
    ]


def test_extra_columns_and_midterm_values_side_by_side() -> None:
    (form,) = read_path(VARIANTS / "extra_columns.txt").forms
    assert form.overall_goal == "三年累计接待观众不少于30万人次。"
    first = form.indicators[0]
    assert (first.name, first.target) == ("接待观众人次", "10")
    assert dict(first.extra) == {
        "指标性质": "≥",
        "中期指标值": "30",
        "度量单位": "万人次",
        "绩效标准": "历史标准",
        "分值": "20",
    }
    parsed = first.parsed_target
    assert (parsed.op.value, parsed.value, parsed.unit) == (">=", Decimal(100000), "人次")
    qualitative = form.indicators[3]
    assert qualitative.parsed_target.kind.value == "qualitative"
    assert "度量单位" not in qualitative.extra


def test_a_document_cut_off_in_mid_table() -> None:
    batch = read_path(VARIANTS / "truncated.txt")
    assert len(batch.forms) == 2
    last = batch.forms[-1]
    assert rows(last)[-1] == ("产出指标", "质量指标", "工作完成通过率", "")
    assert ("missing-cell", 277) in [(n.code, n.line) for n in last.notes]


def test_midterm_and_annual_tables_one_after_the_other() -> None:
    (form,) = read_path(VARIANTS / "midterm_and_annual_tables.txt").forms
    assert form.overall_goal == "三年建成覆盖全区120个社区的智慧社区平台。"
    assert form.annual_goal == "2025年完成40个社区平台接入。"
    assert [(i.name, i.target, i.period) for i in form.indicators] == [
        ("接入社区数", "=120个", "midterm"),
        ("居民满意度", ">=85%", "midterm"),
        ("接入社区数", "=40个", "annual"),
        ("平台上线时间", "<=9个月", "annual"),
        ("居民满意度", ">=85%", "annual"),
    ]
    # Same name and target in both tables is not a repeated row: the periods differ.
    assert "duplicate-row-merged" not in [n.code for n in form.notes]
    assert [(n.code, n.line) for n in form.notes] == [("unplaced-text", 54)]


def test_one_cell_a_line_with_runs_of_empty_cells() -> None:
    """Pages stored one cell a line write a run of empty cells as `||||` on a line of its own
    (the published Huaibei form, tests/fixtures/templates/anhui): n empty cells, never a cell
    whose text is `|||`, and never a row of a `|`-separated table."""
    lines = [
        "项目名称 |",
        "||||",
        "农村文化建设配套补助经费 |",
        "|",
        "实施单位 |",
        "|||",
        "淮北市 |",
    ]
    grid = detect(lines)
    assert grid.layout == "cells"
    texts = [row[0].text for row in grid.rows]
    empty4 = ["", "", "", ""]
    want = ["项目名称", *empty4, "农村文化建设配套补助经费", "", "实施单位", "", "", "", "淮北市"]
    assert texts == want
    assert [row[0].line for row in grid.rows][1:5] == [2, 2, 2, 2]


def test_a_label_that_ends_its_row_takes_the_first_cell_of_the_next_row_in_its_column() -> None:
    """A copy that broke a row after its first cell (东莞 2019: `项目 名称 |` then
    `镇际联网路升级改造工程一期 | …`), or a value printed under its label: the value is the next
    row's first cell in the label's column, never a cell of another column or a label."""
    table = [
        "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |",
        "| 产出指标 | 数量指标 | 养护道路里程 | ≥30公里 |",
    ]
    text = "\n".join(
        [
            "项目支出绩效目标表 |",
            "项目 名称 |",
            "乡村道路养护 | 实施单位 | 某区交通局 |",
            "主管部门 | | 项目类别 |",
            "| 某区建设局 | 经常性项目 |",
            *table,
        ]
    )
    (form,) = read_bytes(text.encode("utf-8"), "f.txt").forms
    assert (form.project_name, form.implementing_unit) == ("乡村道路养护", "某区交通局")
    # 项目类别 ends its row in the third column; the next row's first cell is in the second
    assert form.project_category is None and form.supervising_department is None
    assert rows(form) == [("产出指标", "数量指标", "养护道路里程", "≥30公里")]


def test_a_goal_beside_its_label_is_its_own_when_the_goal_above_was_left_empty() -> None:
    """`项目总目标 |` left empty, then `年度目标 | 2024年…`: the text beside 年度目标 is the year's
    goal, not the first goal still waiting for a text; the empty goal stays empty. (Between
    white space an empty cell leaves no trace, so there the text may be either goal's.)"""
    annual = "2024年完成12个社区卫生服务站点改造，居民满意度达到90%以上"
    for sep, end in ((" | ", " |"), ("|", ""), (" | ", "")):
        text = "\n".join(
            sep.join(cells) + end
            for cells in [
                ["项目支出绩效目标申报表"],
                ["项目名称", "社区卫生服务站点改造"],
                ["项目总目标", ""],
                ["年度目标", annual],
                ["一级指标", "二级指标", "三级指标", "指标值"],
                ["产出指标", "数量指标", "改造站点数量", "≥12个"],
            ]
        )
        (form,) = read_bytes(text.encode("utf-8"), "f.txt").forms
        assert (form.overall_goal, form.annual_goal) == (None, annual), sep
        assert rows(form) == [("产出指标", "数量指标", "改造站点数量", "≥12个")]


def test_a_half_year_value_beside_the_years_is_kept_and_the_years_is_the_target() -> None:
    """江苏 (镇江 2024): `半年(程) 指标值 | 全年(程) 指标值`. The year's value is the target; the
    half's is kept as a column of the row, not dropped as a column the reader does not know."""
    text = "\n".join(
        [
            "项目支出绩效目标表",
            "项目名称 | 赛珍珠文化公园运转经费 |",
            "一级指标 | 二级指标 | 三级指标 | 半年(程) 指标值 | 全年(程) 指标值 |",
            "产出指标 | 数量指标 | 免费开放天数 | ≥150天 | ≥300天 |",
            "满意度指标 | 服务对象满意度指标 | 游客满意度 | ≥90% | ≥95% |",
        ]
    )
    (form,) = read_bytes(text.encode("utf-8"), "f.txt").forms
    assert rows(form) == [
        ("产出指标", "数量指标", "免费开放天数", "≥300天"),
        ("满意度指标", "服务对象满意度指标", "游客满意度", "≥95%"),
    ]
    assert [dict(i.extra) for i in form.indicators] == [
        {"半年指标值": "≥150天"},
        {"半年指标值": "≥90%"},
    ]
    assert not [n for n in form.notes if n.code == "unplaced-column"]
