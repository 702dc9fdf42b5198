"""funds.E001, funds.E002 (funds_identity); funds.E003, funds.E004, funds.W005 (funds_figures)."""

from dataclasses import replace
from decimal import Decimal

import pytest
from tests.review.conftest import clean_form, run, where

RULES = ("funds.E001", "funds.E002", "funds.E003", "funds.E004", "funds.W005")


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
