"""The seed document, 15 real forms: every field as read by hand, then the whole golden file."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from tests.conftest import DATA, SEED

from jixiao.interchange import from_canonical, to_canonical

HQ = "上海市松江区科学技术委员会（本部）"
CENTER = "上海市松江区科技创新服务中心（上海市松江区大数据中心）"

# Read by hand from the document: name, 主管部门, 实施单位, planned end, 项目资金总额 as written,
# 年度资金申请总额 as written, number of distinct indicator rows.
BY_HAND = [
    (1, "东西部扶贫帮困", None, HQ, date(2021, 12, 31), "278000.00", "278000", 11),
    (2, "法律咨询与服务", None, HQ, date(2021, 12, 31), "50000.00", "50000", 5),
    (3, "科普场所提升改造", "）", HQ, date(2021, 12, 31), "13295000.00", "13295000", 7),
    (
        4,
        "上海低碳技术创新功能型平台建设",
        None,
        HQ,
        date(2021, 12, 31),
        "23780000.00",
        "23780000",
        7,
    ),
    (
        5,
        "网络信息系统开发、升级、建设（历年已批复）",
        None,
        HQ,
        date(2021, 12, 31),
        "12093000.00",
        "12093000",
        7,
    ),
    (6, "宣传与推广", None, HQ, date(2021, 12, 31), "13525902.50", "13525902.5", 7),
    (7, "科普工作", None, HQ, date(2021, 12, 31), "4360000", "4360000", 7),
    (8, "科技创新创业", None, HQ, date(2021, 12, 31), "239550000", "239550000", 6),
    (9, "网络信息系统运行与维护", None, HQ, date(2021, 12, 31), "1007022", "1007022", 5),
    (10, "信息化服务", None, HQ, date(2021, 12, 31), "2800000", "2800000", 7),
    (11, "鼓励和促进科技创新", None, HQ, date(2021, 12, 31), "3820000", "3820000", 10),
    (12, "市民服务", None, CENTER, date(2021, 12, 31), "213500", "213500", 11),
    (13, "项目服务管理", "）", CENTER, date(2021, 12, 31), "1450000.00", "1450000", 9),
    (
        14,
        "网络信息系统运行与维护",
        None,
        "上海市松江区科技创新服务中心（上海市松江区大数据中心",
        date(2022, 12, 31),
        "8927300.00",
        "8927300",
        15,
    ),
    (
        15,
        "科普工作",
        "上海市松江区科学技术委员会",
        "松江区科技馆",
        date(2021, 12, 31),
        "2200000.00",
        "2200000",
        9,
    ),
]


def test_it_reads_fifteen_forms_in_order(seed_batch) -> None:
    assert [f.seq for f in seed_batch.forms] == list(range(1, 16))
    assert all(f.title == "财政项目支出绩效目标填报表" for f in seed_batch.forms)
    assert all(f.budget_year == 2021 for f in seed_batch.forms)
    assert all(f.project_category == "经常性项目" for f in seed_batch.forms)
    assert all(f.planned_start == date(2021, 1, 1) for f in seed_batch.forms)


@pytest.mark.parametrize("seq,name,dept,unit,end,total,annual,count", BY_HAND)
def test_it_reads_each_form_as_written(
    seed_batch, seq, name, dept, unit, end, total, annual, count
) -> None:
    form = seed_batch.forms[seq - 1]
    assert form.project_name == name
    assert form.supervising_department == dept
    assert form.implementing_unit == unit
    assert form.planned_end == end
    assert str(form.funds.project_total) == total
    assert str(form.funds.annual_request) == annual
    assert form.funds.project_fiscal == form.funds.annual_appropriation == Decimal(annual)
    assert form.funds.project_other == form.funds.annual_other == form.funds.annual_carryover == 0
    assert form.funds.unit == "元"
    assert len(form.indicators) == count


def test_it_keeps_money_exactly_as_written(seed_batch) -> None:
    funds = seed_batch.forms[5].funds
    assert isinstance(funds.project_total, Decimal)
    assert str(funds.project_total) == "13525902.50"
    assert str(funds.annual_request) == "13525902.5"


def test_it_keeps_goal_line_breaks_and_stray_quote(seed_batch) -> None:
    goal = seed_batch.forms[4].overall_goal
    assert goal.startswith('"建设松江区区级电子政务云平台')
    assert "\n同时，将云基础设施接入政务外网" in goal
    form13 = seed_batch.forms[12]
    assert form13.overall_goal != form13.annual_goal
    assert form13.annual_goal.startswith("1、公共数据开放及运营咨询服务费：1）对松江区2020年度")
    assert seed_batch.forms[13].annual_goal.count("\n") == 8


def test_it_reads_the_goal_period_of_the_heading(seed_batch) -> None:
    period = seed_batch.forms[0].goal_period
    assert (period.start_year, period.end_year, period.text) == (2021, 2021, "2021 年- 2021年")


def test_it_fills_merged_headings_and_merges_repeated_rows(seed_batch) -> None:
    rows = seed_batch.forms[0].indicators
    assert [(i.level1, i.level2, i.name, i.target) for i in rows[:2]] == [
        ("产出指标", "数量指标", "建立30亩标准智能温室生态种植大棚", "=30亩"),
        ("产出指标", "数量指标", "实现就业人员", "=10人"),
    ]
    assert rows[1].source_lines == (76, 82)
    merged = [n for n in seed_batch.forms[0].notes if n.code == "duplicate-row-merged"]
    assert len(merged) == 11
    assert merged[1].line == 82


def test_it_reads_form_15_padding_cells_and_blank_level2(seed_batch) -> None:
    rows = seed_batch.forms[14].indicators
    assert [(i.level1, i.level2, i.name) for i in rows] == [
        ("产出指标", "数量指标", "工作计划完成率"),
        ("产出指标", "质量指标", "工作完成通过率"),
        ("产出指标", "时效指标", "工作计划完成及时率"),
        ("产出指标", "成本指标", "充分比价"),
        ("效益指标", "社会效益指标", "受益对象满意度"),
        ("效益指标", "社会效益指标", "参观人次"),
        ("效益指标", "可持续影响指标", "全年正常开放"),
        ("满意度指标", "服务对象满意度指标", "公众满意度"),
        ("满意度指标", "服务对象满意度指标", "管理人员满意度"),
    ]
    assert rows[5].parsed_target.value == Decimal(80000)
    assert rows[5].parsed_target.unit == "人次"
    assert rows[1].source_lines == (2203, 2210)


def test_it_removes_markup_and_says_so(seed_batch) -> None:
    form = seed_batch.forms[12]
    assert form.implementing_unit == CENTER
    codes = [(n.code, n.line) for n in form.notes]
    assert ("markup-removed", 1850) in codes


def test_it_keeps_spaces_inside_names(seed_batch) -> None:
    names = [i.name for i in seed_batch.forms[10].indicators]
    assert "终止、强行终止、 撤销项目数" in names
    assert "科技攻关政策知晓率" in names  # the trailing U+3000 is trimmed and noted
    assert any(
        n.code == "whitespace-trimmed" and n.line == 1656 for n in seed_batch.forms[10].notes
    )


def test_it_says_what_stands_outside_every_form(seed_batch) -> None:
    assert [(n.code, n.line) for n in seed_batch.notes] == [("outside-form", 1)]


def test_it_records_the_line_of_each_field(seed_batch) -> None:
    form = seed_batch.forms[0]
    assert form.line_of("project_name") == 7
    assert form.line_of("implementing_unit") == 14
    assert (form.line_of("project_other"), form.line_of("annual_other")) == (42, 44)


def test_it_matches_the_golden_file(seed_batch) -> None:
    golden = json.loads((DATA / "seed" / "000_5de6d4488e662275.forms.json").read_text("utf-8"))
    produced = to_canonical(seed_batch)
    produced["sources"][0]["path"] = golden["sources"][0]["path"]
    assert produced == golden


def test_canonical_json_reads_back_to_the_same_batch(seed_batch) -> None:
    assert from_canonical(to_canonical(seed_batch)).forms == seed_batch.forms


def test_crlf_line_ends_read_the_same(seed_batch) -> None:
    from jixiao.importers import read_bytes

    data = SEED.read_bytes().replace(b"\n", b"\r\n")
    assert read_bytes(data, "crlf.txt").forms == seed_batch.forms
