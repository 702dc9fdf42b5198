"""funds.E001, funds.E002 (funds_identity); funds.E003, funds.E004, funds.W005, funds.W006
(funds_figures)."""

from dataclasses import replace
from decimal import Decimal

import pytest
from tests.review.conftest import clean_form, run, where

RULES = ("funds.E001", "funds.E002", "funds.E003", "funds.E004", "funds.W005", "funds.W006")


def spoil(**figures):
    form = clean_form()
    return form.with_changes(funds=replace(form.funds, **figures))


@pytest.mark.parametrize("rule", RULES)
def test_it_is_silent_on_clean_forms(rule, clean_forms):
    assert [run(rule, form) for form in clean_forms] == [[]] * len(clean_forms)


def test_it_checks_the_project_side_identity():
    found = run("funds.E001", spoil(project_other=Decimal(500)))
    assert where(found) == [("funds.E001", "project_total", None)]
    assert "-500" in found[0].message.zh


def test_it_checks_the_annual_side_identity():
    found = run("funds.E002", spoil(annual_carryover=Decimal(100000)))
    assert where(found) == [("funds.E002", "annual_request", None)]
    assert "3100000" in found[0].message.zh


def test_a_missing_part_counts_as_zero_but_no_parts_at_all_is_no_sum():
    assert run("funds.E002", spoil(annual_carryover=None, annual_other=None)) == []
    assert (
        run(
            "funds.E002", spoil(annual_appropriation=None, annual_carryover=None, annual_other=None)
        )
        == []
    )


def test_it_refuses_negative_figures():
    found = run("funds.E003", spoil(annual_other=Decimal(-1)))
    assert where(found) == [("funds.E003", "annual_other", None)]


def test_it_requires_the_totals():
    assert where(run("funds.E004", spoil(annual_request=None))) == [
        ("funds.E004", "annual_request", None)
    ]


def test_it_warns_when_one_year_asks_more_than_the_whole_project():
    found = run(
        "funds.W005", spoil(project_total=Decimal(1000000), project_fiscal=Decimal(1000000))
    )
    assert where(found) == [("funds.W005", "annual_request", None)]


def _river_total_is_the_year(form):
    """The river project (2021-03 to 2022-06) whose total is this year's request, 500 万元."""
    return form.with_changes(
        funds=replace(form.funds, project_total=Decimal(500), project_fiscal=Decimal(450))
    )


def test_a_multi_year_project_whose_total_is_one_year_s_request_is_raised():
    [found] = run("funds.W006", _river_total_is_the_year(clean_form("river")))
    assert where([found]) == [("funds.W006", "project_total", None)]
    assert found.message.zh == (
        "计划期间 2021-03-01 至 2022-06-30 跨 2 个年度，项目资金总额却等于年度资金申请总额 500 万元"
    )
    assert found.basis.setting == "period.multi_year_min_years=2"


def test_a_one_year_goal_period_makes_the_dates_the_fault_not_the_funds():
    form = _river_total_is_the_year(clean_form("river"))
    one_year = replace(form.goal_period, end_year=2021, text="2021年-2021年")
    assert run("funds.W006", form.with_changes(goal_period=one_year)) == []
    assert run("funds.W006", clean_form()) == []  # one year: the total is the year
