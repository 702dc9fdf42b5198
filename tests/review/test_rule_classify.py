"""classify.W001 (classify_meaning) and classify.W002 (classify_heading)."""

import pytest
from tests.review.conftest import clean_form, run, where, with_indicator

from jixiao.review.engine import default_settings

RULES = ("classify.W001", "classify.W002")


@pytest.mark.parametrize("rule", RULES)
def test_it_is_silent_on_clean_forms(rule, clean_forms):
    assert [run(rule, form) for form in clean_forms] == [[]] * len(clean_forms)


@pytest.mark.parametrize(
    ("level1", "level2", "name", "target", "right"),
    [
        ("效益指标", "社会效益指标", "受益对象满意度", "=90%", "服务对象满意度指标"),
        ("产出指标", "时效指标", "验收合格率", ">80%", "质量指标"),
        ("产出指标", "质量指标", "项目验收数", ">30", "数量指标"),
        ("产出指标", "质量指标", "预计绩效评估项目", "=30个", "数量指标"),
        ("满意度指标", "服务对象满意度指标", "长效管理制度健全情况", "健全", "可持续影响指标"),
        ("满意度指标", "服务对象满意度指标", "企业社会影响力", "提高", "社会效益指标"),
        ("效益指标", "可持续影响指标", "项目完成率", "=100%", "数量指标"),
    ],
)
def test_it_names_the_heading_an_indicator_belongs_under(level1, level2, name, target, right):
    form = with_indicator(clean_form(), 2, level1=level1, level2=level2, name=name, target=target)
    found = run("classify.W001", form)
    assert where(found) == [("classify.W001", "indicators", 2)]
    assert found[0].suggestion["level2"] == right


def test_a_completion_time_rate_under_timeliness_is_in_place():
    form = with_indicator(clean_form(), 3, name="工作完成及时率", target="=100%")
    assert run("classify.W001", form) == []


def test_it_finds_a_level2_heading_under_the_wrong_level1():
    form = with_indicator(clean_form(), 5, level1="产出指标")
    found = run("classify.W002", form)
    assert where(found) == [("classify.W002", "indicators", 5)]
    assert found[0].suggestion == {"level1": "效益指标", "level2": "经济效益指标"}


@pytest.mark.parametrize(
    ("name", "target"),
    [
        ("安全事故发生次数", "=0次"),
        ("投诉件数", "<=3件"),
        ("差错次数", "=0次"),
        ("设备故障次数", "<=2次"),
        ("违规次数", "=0次"),
    ],
)
def test_a_count_of_bad_events_is_a_quality_measure(name, target):
    form = with_indicator(clean_form(), 2, name=name, target=target)  # under 质量指标
    assert run("classify.W001", form) == []


@pytest.mark.parametrize("level2", ["社会效益指标", "可持续影响指标"])
def test_a_safety_outcome_is_in_place_under_quality_and_among_the_benefits(level2):
    form = with_indicator(clean_form(), 2, name="安全事故发生次数", target="=0次")
    form = with_indicator(form, 6, level2=level2, name="安全事故发生次数", target="=0次")
    assert run("classify.W001", form) == []


@pytest.mark.parametrize(
    ("level1", "level2", "name", "target", "right"),
    [
        ("产出指标", "数量指标", "实现就业人员", "=10人", "社会效益指标"),
        ("产出指标", "数量指标", "带动农户种植铁皮石斛", "=30户", "社会效益指标"),
        ("产出指标", "数量指标", "带动周边低收入农户", "=50户", "社会效益指标"),
        ("产出指标", "数量指标", "农户人均增收", ">=1000元", "经济效益指标"),
        ("效益指标", "可持续影响指标", "科技攻关项目申报数", ">80个", "数量指标"),
        ("效益指标", "可持续影响指标", "投诉率", "=0%", "质量指标"),
    ],
)
def test_effects_filed_as_outputs_and_the_reverse(level1, level2, name, target, right):
    form = with_indicator(clean_form(), 1, level1=level1, level2=level2, name=name, target=target)
    [found] = run("classify.W001", form)
    assert (found.location.indicator, found.suggestion["level2"]) == (1, right)
    fixed = with_indicator(form, 1, **found.suggestion)
    assert run("classify.W001", fixed) == []  # the suggestion clears it


@pytest.mark.parametrize(
    ("level2", "name", "target"),
    [
        ("数量指标", "就业培训人数", "=200人"),  # training given: an output
        ("可持续影响指标", "申报数量增长率", ">=5%"),  # a trend, not a count
    ],
)
def test_outputs_that_merely_mention_an_effect_stay_where_they_are(level2, name, target):
    form = with_indicator(clean_form(), 1, level2=level2, name=name, target=target)
    form = with_indicator(form, 0, name="实现就业人员", target="=10人")  # under 数量指标
    assert where(run("classify.W001", form)) == [("classify.W001", "indicators", 0)]


@pytest.mark.parametrize(
    ("scheme", "level1", "reported"),
    [
        ("classic", "效益指标", True),  # the later forms: satisfaction is a level-1 heading
        ("classic2015", "效益指标", False),  # the forms of 2015 print it under 效益指标
        ("classic2015", "满意度指标", False),  # ... and the later placement is right there too
        ("classic2015", "产出指标", True),
    ],
)
def test_satisfaction_under_benefit_is_in_place_only_in_the_taxonomy_of_2015(
    scheme, level1, reported
):
    row = next(i for i, ind in enumerate(clean_form().indicators) if ind.level1 == "满意度指标")
    form = with_indicator(clean_form(), row, level1=level1, level2="社会公众或服务对象满意度指标")
    settings = default_settings().merged((scheme,))
    assert bool(run("classify.W002", form, settings)) is reported
