"""date.E001, date.W002, date.W003, date.W004, date.W005 (dates)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from tests.review.conftest import clean_form, run, where

from jixiao.domain.form import GoalPeriod

RULES = ("date.E001", "date.W002", "date.W003", "date.W004", "date.W005")


@pytest.mark.parametrize("rule", RULES)
def test_it_is_silent_on_clean_forms(rule, clean_forms):
    assert [run(rule, form) for form in clean_forms] == [[]] * len(clean_forms)


def test_it_finds_dates_in_the_wrong_order():
    form = clean_form().with_changes(planned_start=date(2021, 12, 1), planned_end=date(2021, 3, 1))
    assert where(run("date.E001", form)) == [("date.E001", "planned_start", None)]


def test_it_finds_an_end_after_the_budget_year_of_a_recurring_project():
    form = clean_form().with_changes(planned_end=date(2022, 12, 31))
    found = run("date.W002", form)
    assert where(found) == [("date.W002", "planned_end", None)]
    assert found[0].location.line == form.line_of("planned_end")


def test_a_one_off_project_may_run_past_the_budget_year():
    form = clean_form().with_changes(planned_end=date(2022, 12, 31), project_category="一次性项目")
    assert run("date.W002", form) == []


def test_it_compares_the_dates_with_the_goal_period():
    form = clean_form().with_changes(planned_end=date(2022, 12, 31))
    assert where(run("date.W003", form)) == [("date.W003", "planned_end", None)]
    wider = form.with_changes(goal_period=GoalPeriod(2021, 2022, "2021年-2022年"))
    assert run("date.W003", wider) == []


def _asking(form, yuan: int):
    return form.with_changes(funds=replace(form.funds, annual_request=Decimal(yuan)))


def test_a_renovation_of_millions_filed_as_recurring_is_one_off_work():
    form = _asking(
        clean_form("exhibition").with_changes(project_name="科普场所提升改造"), 13_295_000
    )
    [found] = run("date.W004", form)
    assert where([found]) == [("date.W004", "project_category", None)]
    assert (
        found.message.zh
        == "项目名称含“改造”、申请 13,295,000 元，属一次性工作，却按“经常性项目”申报"
    )
    assert found.basis.setting.startswith("period.one_off_words")


def test_small_one_off_work_or_a_one_off_project_is_not_raised():
    renovation = clean_form("exhibition").with_changes(project_name="科普场所提升改造")
    assert run("date.W004", _asking(renovation, 4_999_999)) == []
    one_off = renovation.with_changes(project_category="一次性项目")
    assert run("date.W004", _asking(one_off, 13_295_000)) == []


SCHEDULE = (
    "按照资金计划及筹措方案要求，2018年配套1486万元，2019年配套2080万元，2020年配套2378万元。"
    "根据实际情况2018年1486万元移至2019年拨付，其他拨付时间应相应顺延。"
)


def test_a_goal_that_lists_the_money_of_past_years_is_a_past_funding_schedule():
    form = clean_form().with_changes(annual_goal=SCHEDULE)
    [found] = run("date.W005", form)
    assert where([found]) == [("date.W005", "annual_goal", None)]
    assert (
        found.message.zh
        == "年度总目标列的是 2018、2019、2020 年的资金安排，不是预算年度 2021 年的目标"
    )
    assert found.basis.text.startswith("…2018年配套1486万元")


def test_one_past_year_or_this_year_s_money_is_no_schedule():
    carried = "2020年结转资金100万元用于完成展项更新2件。2021年安排资金120万元，完成展项维护12次。"
    assert run("date.W005", clean_form().with_changes(annual_goal=carried)) == []


def _multi_year(category="经常性项目", goal_years=(2021, 2023), end=date(2023, 12, 31)):
    return clean_form().with_changes(
        project_category=category,
        planned_start=date(2021, 1, 1),
        planned_end=end,
        goal_period=GoalPeriod(
            goal_years[0], goal_years[1], f"{goal_years[0]}年-{goal_years[1]}年"
        ),
    )


def test_a_multi_year_commitment_filed_as_recurring_is_flagged():
    [found] = run("date.W006", _multi_year())
    assert where([found]) == [("date.W006", "project_category", None)]
    assert "都跨 3 个年度" in found.message.zh


@pytest.mark.parametrize(
    "form",
    [
        _multi_year(category="一次性项目"),
        _multi_year(goal_years=(2021, 2021)),  # the dates slipped: date.W003 says so
        _multi_year(end=date(2021, 12, 31)),  # the goal's heading slipped
    ],
)
def test_one_year_or_a_one_off_project_is_not(form):
    assert run("date.W006", form) == []


def test_the_clean_forms_are_not_multi_year(clean_forms):
    assert [run("date.W006", f) for f in clean_forms] == [[]] * len(clean_forms)
