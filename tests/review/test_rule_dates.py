"""date.E001, date.W002, date.W003 (dates)."""

from datetime import date

import pytest
from tests.review.conftest import clean_form, run, where

from jixiao.domain.form import GoalPeriod

RULES = ("date.E001", "date.W002", "date.W003")


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
