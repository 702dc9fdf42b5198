"""classify.W003, classify.W004 and satisfaction.I001 (classify_audience): satisfaction of the
right people."""

import pytest
from tests.review.conftest import add_indicator, clean_form, run, where, with_indicator

RULES = ("classify.W003", "classify.W004", "satisfaction.I001")
SATISFACTION = ("满意度指标", "服务对象满意度指标")


@pytest.mark.parametrize("rule", RULES)
def test_it_is_silent_on_clean_forms(rule, clean_forms):
    assert [run(rule, form) for form in clean_forms] == [[]] * len(clean_forms)


@pytest.mark.parametrize(
    ("name", "who"), [("管理人员满意度", "管理人员"), ("机关工作人员满意度", "机关工作人员")]
)
def test_the_units_own_staff_are_not_the_people_served(name, who):
    form = with_indicator(clean_form(), 7, name=name)  # 受资助企业满意度 → staff
    [found] = run("classify.W003", form)
    assert where([found]) == [("classify.W003", "indicators", 7)]
    assert f"调查的是{who}" in found.message.zh and "服务对象" in found.message.zh
    assert found.category == "misclassified_indicator"
    assert run("classify.W003", with_indicator(form, 7, **found.suggestion)) == []


def test_for_an_in_house_service_its_staff_are_served_and_the_public_is_not():
    # legal advice to the commission itself: 重大决策, 规范性文件
    form = add_indicator(clean_form("legal"), *SATISFACTION, "机关工作人员满意度", ">=90%")
    form = add_indicator(form, *SATISFACTION, "公众满意度", ">=90%")
    assert run("classify.W003", form) == []
    [found] = run("classify.W004", form)
    assert (found.location.indicator, found.basis.text) == (10, "公众满意度；项目：重大决策")


def test_the_public_asked_about_an_in_house_service_is_the_wrong_people():
    form = add_indicator(clean_form("legal"), *SATISFACTION, "社会公众满意度", ">=90%")
    [found] = run("classify.W004", form)
    assert where([found]) == [("classify.W004", "indicators", 9)]
    assert "重大决策" in found.message.zh and "社会公众" in found.message.zh
    assert found.basis.setting == "satisfaction.in_house, satisfaction.public"
    assert run("classify.W004", with_indicator(form, 9, **found.suggestion)) == []


def test_a_service_to_the_administration_and_to_the_public_is_left_alone():
    form = add_indicator(clean_form("legal"), *SATISFACTION, "公众满意度", ">=90%")
    goal = form.annual_goal + "面向社会公众开展法治宣传2次。"
    form = form.with_changes(annual_goal=goal, overall_goal=goal)
    form = add_indicator(form, *SATISFACTION, "管理人员满意度", ">=90%")
    assert (run("classify.W003", form), run("classify.W004", form)) == ([], [])


def test_more_than_two_satisfaction_rows_get_one_note_for_the_form():
    form = add_indicator(clean_form(), "效益指标", "社会效益指标", "受益对象满意度", ">=90%")
    assert run("satisfaction.I001", form) == []  # two are fine
    form = add_indicator(form, *SATISFACTION, "公众满意度", ">=90%")
    [found] = run("satisfaction.I001", form)
    assert where([found]) == [("satisfaction.I001", "indicators", None)]
    assert found.severity.value == "info"
    assert found.basis.text == "“受资助企业满意度”、“受益对象满意度”、“公众满意度”"
