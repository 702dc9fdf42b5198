"""gap.W001, gap.W002, gap.W003 (goal_gap) and the reading of goals they rest on."""

from decimal import Decimal

import pytest
from tests.review.conftest import SEED, add_indicator, clean_form, run, where

from jixiao.importers import read_path
from jixiao.review.goaltext import commitments, goal_items

SEED_15 = (
    "2021年1月-12月每月进行展项完好率检查及维修，确保展项完好率95%以上。年参观人次达到8万人。"
    "完成2件展项更新项目，完成2次科普临展项目，完成科普系列活动。"
)


@pytest.mark.parametrize("rule", ["gap.W001", "gap.W002", "gap.W003"])
def test_it_is_silent_on_clean_forms(clean_forms, rule):
    assert [run(rule, form) for form in clean_forms] == [[]] * len(clean_forms)


@pytest.mark.parametrize(
    ("text", "kind", "key", "value", "unit"),
    [
        ("确保展项完好率95%以上。", "rate", "展项完好率", "95", "%"),
        ("年参观人次达到8万人。", "count", "参观人次", "80000", "人"),
        ("出现故障在4小时内及时修复。", "within", "修复", "4", "小时"),
        ("单产由原来的每亩200公斤提高到250公斤。", "change", "单产", "250", "公斤"),
        ("完成2件展项更新项目。", "count", "展项更新项目", "2", "件"),
        ("选取一家总集成商，", "count", "总集成商", "1", "家"),
        ("举办十二场科普讲座。", "count", "科普讲座", "12", "场"),
        ("合同审核在三个工作日内办结。", "within", "办结", "3", "个工作日"),
        ("在两个机房各搭建一套云管理平台。", "count", "云管理平台", "2", "套"),
    ],
)
def test_it_reads_commitments(text, kind, key, value, unit):
    [c] = commitments(text)
    assert (c.kind, c.key, c.value, c.unit) == (kind, key, Decimal(value), unit)


def test_it_reports_each_unmeasured_commitment_with_a_suggested_row():
    form = clean_form().with_changes(annual_goal=SEED_15, overall_goal=SEED_15)
    form = add_indicator(
        form, "效益指标", "社会效益指标", "参观人次", ">=8万人次"
    )  # as form 15 has
    found = run("gap.W001", form)
    assert where(found) == [("gap.W001", "annual_goal", None)] * 3  # 8万人次 is measured
    assert [f.suggestion for f in found] == [
        {"name": "展项完好率", "level1": "产出指标", "level2": "质量指标", "target": ">=95%"},
        {"name": "展项更新项目数量", "level1": "产出指标", "level2": "数量指标", "target": "=2件"},
        {"name": "科普临展项目数量", "level1": "产出指标", "level2": "数量指标", "target": "=2次"},
    ]


def test_an_indicator_with_the_same_figure_and_unit_measures_a_count():
    text = "建立30亩标准智能温室生态种植大棚。"
    form = clean_form().with_changes(annual_goal=text, overall_goal=text)
    assert len(run("gap.W001", form)) == 1
    rows = (
        *form.indicators[:1],
        form.indicators[0].__class__("产出指标", "数量指标", "温室面积", "=30亩"),
    )
    assert run("gap.W001", form.with_changes(indicators=rows)) == []


@pytest.mark.parametrize(
    "text",
    ["发放一次性补助。", "建立一户一档。", "资助一批项目。", "建设一期工程。", "实现统一管理。"],
)
def test_set_phrases_in_chinese_numerals_are_no_counts(text):
    assert commitments(text) == ()


def test_a_rate_of_100_percent_is_suggested_as_exactly_100():
    [c] = commitments("力争实现100%数据归集。")
    assert c.target == "=100%"
    [c] = commitments("确保设备完好率100%以上。")
    assert c.target == "=100%"


def _applied(form, suggestion):
    s = suggestion
    return add_indicator(form, s["level1"], s["level2"], s["name"], s["target"])


def test_a_count_in_chinese_numerals_is_a_commitment_with_a_row_that_clears_it():
    text = "建设区级政务云平台，协调两家政务云机房租赁服务提供商，实现资源统一管理。"
    form = clean_form().with_changes(annual_goal=text, overall_goal=text)
    [found] = run("gap.W001", form)
    assert found.suggestion == {
        "name": "政务云机房租赁服务提供商数量",
        "level1": "产出指标",
        "level2": "数量指标",
        "target": "=2家",
    }
    assert run("gap.W001", _applied(form, found.suggestion)) == []


def test_every_suggested_row_on_the_seed_clears_its_finding():
    for form in read_path(SEED).forms:
        for found in run("gap.W001", form):
            fixed = run("gap.W001", _applied(form, found.suggestion))
            assert found.basis.text not in [f.basis.text for f in fixed], found.basis.text


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("1、甲乙丙丁。\n2、戊己庚辛。", ("1、甲乙丙丁。", "2、戊己庚辛。")),
        ("（1）甲乙丙丁；（2）戊己庚辛。", ("（1）甲乙丙丁；", "（2）戊己庚辛。")),
        ("①甲乙丙丁。②戊己庚辛。", ("①甲乙丙丁。", "②戊己庚辛。")),
        ("一、甲乙丙丁。二、戊己庚辛。", ("一、甲乙丙丁。", "二、戊己庚辛。")),
        ("甲乙丙丁；戊己庚辛。", ("甲乙丙丁", "戊己庚辛。")),
        ("1、总题：1）甲乙丙丁。2）戊己庚辛。", ("1）甲乙丙丁。", "2）戊己庚辛。")),
        ("2021年1月-12月完成3.5万人次培训。", ()),
        ("1.建立30亩温室。", ()),
    ],
)
def test_it_reads_the_items_of_a_listed_goal(text, items):
    assert goal_items(text) == items


ITEMS = (
    "1、机房环境维护费：全年机房温湿度及电源不间断。\n"
    "2、办公门户维护：全年度无重大的平台使用故障。\n"
    "3、专家库模块开发费：完成专家库的模块开发。"
)


def _listed(goal=ITEMS):
    form = clean_form("legal").with_changes(annual_goal=goal, overall_goal=goal, indicators=())
    form = add_indicator(form, "产出指标", "质量指标", "机房电源是否不间断", "是")
    return add_indicator(form, "产出指标", "数量指标", "是否完成专家库的模块开发", "是")


def test_it_lists_the_items_no_indicator_measures_in_one_finding():
    [found] = run("gap.W002", _listed())
    assert where([found]) == [("gap.W002", "annual_goal", None)]
    assert found.basis.text == "2、办公门户维护：全年度无重大的平台使用故障。"
    assert "3 项内容中，有 1 项" in found.message.zh
    fixed = add_indicator(_listed(), "产出指标", "质量指标", "办公门户平台故障次数", "=0次")
    assert run("gap.W002", fixed) == []


def test_a_generic_or_satisfaction_row_measures_no_item():
    form = add_indicator(_listed(), "满意度指标", "服务对象满意度指标", "门户用户满意度", ">=90%")
    form = add_indicator(form, "产出指标", "数量指标", "工作完成率", "=100%")
    assert len(run("gap.W002", form)) == 1


def test_words_every_item_repeats_tie_no_item_to_an_indicator():
    goal = (
        "1、光纤租用费：全年度无重大的网站中断事故。\n"
        "2、网络租用费：全年度无重大的网络中断事故。\n"
        "3、门户维护：全年度无重大的平台使用故障。"
    )
    form = clean_form("legal").with_changes(annual_goal=goal, overall_goal=goal, indicators=())
    form = add_indicator(form, "产出指标", "数量指标", "全年度是否有重大的网站中断事故", "否")
    [found] = run("gap.W002", form)
    assert found.basis.text == (
        "2、网络租用费：全年度无重大的网络中断事故。；3、门户维护：全年度无重大的平台使用故障。"
    )


def test_an_abbreviation_measures_the_words_it_stands_for():
    goal = "1、等级保护信息安全测评费：确保网络安全。\n2、专家库模块开发费：完成专家库的模块开发。"
    form = clean_form("legal").with_changes(annual_goal=goal, overall_goal=goal)
    form = add_indicator(form, "产出指标", "数量指标", "是否完成等保复测工作", "是")
    form = add_indicator(form, "产出指标", "数量指标", "是否完成专家库的模块开发", "是")
    assert run("gap.W002", form) == []


def test_an_item_with_a_figure_is_left_to_gap_w001():
    goal = "1、机房维护：出现故障在4小时内修复。\n2、门户维护：全年无重大平台故障。"
    form = clean_form("legal").with_changes(annual_goal=goal, overall_goal=goal)
    form = add_indicator(form, "产出指标", "质量指标", "门户平台重大故障次数", "=0次")
    assert run("gap.W002", form) == []


def test_it_finds_an_output_row_about_something_the_goal_never_mentions():
    form = add_indicator(clean_form("legal"), "产出指标", "数量指标", "新建污水处理站", "=2座")
    [found] = run("gap.W003", form)
    assert where([found]) == [("gap.W003", "indicators", 9)]
    assert "“新建污水处理站 =2座”中的“污水处理站”" in found.message.zh


def test_it_finds_an_area_the_goal_does_not_give():
    text = "建立30亩标准智能温室种植大棚，采用温室大棚种植铁皮石斛。实现就业人员10人。"
    form = clean_form().with_changes(annual_goal=text, overall_goal=text, indicators=())
    form = add_indicator(form, "产出指标", "数量指标", "温室种植铁皮石斛面积", "=30亩")
    assert run("gap.W003", form) == []
    form = add_indicator(form, "产出指标", "数量指标", "仿野生种植铁皮石斛面积", "=250亩")
    [found] = run("gap.W003", form)
    assert (found.location.indicator, found.basis.text) == (
        1,
        "仿野生种植铁皮石斛面积 =250亩；目标中以“亩”计：30亩",
    )


@pytest.mark.parametrize(
    ("name", "target", "level1"),
    [
        ("带动农户种植", "=30户", "产出指标"),  # an effect
        ("污水处理站满意度", ">=90%", "产出指标"),  # satisfaction
        ("工作完成率", "=100%", "产出指标"),  # generic
        ("污水处理站运行", "良好", "产出指标"),  # not a count
        ("污水处理站建设成本", "<=50万元", "产出指标"),  # money, not a count
        ("新建污水处理站", "=2座", "效益指标"),  # not an output
        ("合同审核件数", "=50件", "产出指标"),  # in the goal, whatever the figure
    ],
)
def test_it_leaves_alone_rows_that_are_not_unannounced_outputs(name, target, level1):
    form = add_indicator(clean_form("legal"), level1, "数量指标", name, target)
    assert run("gap.W003", form) == []
