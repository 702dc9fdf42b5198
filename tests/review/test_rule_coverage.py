"""coverage.W001 and coverage.I002 (coverage)."""

import pytest
from tests.review.conftest import clean_form, run, where, with_indicator

RULES = ("coverage.W001", "coverage.I002")


@pytest.mark.parametrize("rule", RULES)
def test_it_is_silent_on_clean_forms(rule, clean_forms):
    assert [run(rule, form) for form in clean_forms] == [[]] * len(clean_forms)


def test_it_wants_a_benefit_indicator():
    form = clean_form()
    form = form.with_changes(indicators=tuple(i for i in form.indicators if i.level1 != "效益指标"))
    found = run("coverage.W001", form)
    assert where(found) == [("coverage.W001", "indicators", None)]
    assert "效益指标" in found[0].message.zh


def test_a_satisfaction_row_filed_as_benefit_is_no_benefit_indicator():
    form = clean_form()
    rows = [i for i in form.indicators if i.level1 != "效益指标"]
    form = form.with_changes(indicators=tuple(rows))
    form = with_indicator(form, 5, level1="效益指标", level2="社会效益指标")  # 受资助企业满意度
    [found] = run("coverage.W001", form)  # it still measures satisfaction, and it says so
    assert (
        found.message.zh == "没有“效益指标”类指标：“效益指标”下所填“受资助企业满意度”实为满意度指标"
    )
    assert "服务对象满意度指标" in found.hint.zh
    assert found.basis.text.endswith("社会效益指标/受资助企业满意度")


def test_it_recommends_a_cost_indicator_as_information():
    form = clean_form()
    form = form.with_changes(indicators=tuple(i for i in form.indicators if i.level2 != "成本指标"))
    found = run("coverage.I002", form)
    assert where(found) == [("coverage.I002", "indicators", None)]
    assert found[0].severity.value == "info"


def test_a_bad_event_count_under_quality_is_a_quality_indicator():
    form = clean_form()
    form = with_indicator(form, 2, name="安全事故发生次数", target="=0次")  # the only 质量指标
    assert run("coverage.W001", form) == []
