"""balance.E001 and balance.W002 (funds_balance)."""

from dataclasses import replace
from decimal import Decimal

import pytest
from tests.review.conftest import clean_form, run, where

RULES = ("balance.E001", "balance.W002")
GENERIC = (
    "工作计划完成率",
    "工作完成通过率",
    "工作完成及时率",
    "公众满意度",
    "信息化程度",
    "项目完成率",
)


def thin(requested: int, specific: int):
    form = clean_form()
    rows = list(form.indicators[:specific])
    rows += [
        replace(form.indicators[0], name=n, target="提升" if n == "信息化程度" else "=100%")
        for n in GENERIC
    ]
    funds = replace(form.funds, annual_request=Decimal(requested))
    return form.with_changes(indicators=tuple(rows), funds=funds)


@pytest.mark.parametrize("rule", RULES)
def test_it_is_silent_on_clean_forms(rule, clean_forms):
    assert [run(rule, form) for form in clean_forms] == [[]] * len(clean_forms)


def test_large_funds_without_a_specific_indicator_are_an_error():
    found = run("balance.E001", thin(239550000, 0))
    assert where(found) == [("balance.E001", "annual_request", None)]
    assert run("balance.W002", thin(239550000, 0)) == []


def test_funds_below_the_error_threshold_with_none_specific_are_a_warning():
    assert where(run("balance.W002", thin(4360000, 0))) == [
        ("balance.W002", "annual_request", None)
    ]
    assert run("balance.E001", thin(4360000, 0)) == []


def test_the_minimum_grows_with_the_funds():
    assert run("balance.W002", thin(3000000, 3)) == []
    assert len(run("balance.W002", thin(30000000, 3))) == 1


def test_small_funds_need_no_minimum():
    assert run("balance.W002", thin(500000, 0)) == []


@pytest.mark.parametrize("word", ["良好", "公开", "有效", "正常"])
def test_vague_rows_are_not_specific(word):
    form = thin(12093000, 0)
    rows = (*form.indicators, replace(form.indicators[0], name="网络运行情况", target=word))
    found = run("balance.E001", form.with_changes(indicators=rows))
    assert where(found) == [("balance.E001", "annual_request", None)]


def test_rows_people_write_are_specific():
    form = thin(12093000, 0)
    row = form.indicators[0]
    rows = (
        *form.indicators,
        replace(row, name="培训场次", target="由40场提高到50场"),
        replace(row, name="系统上线时间", target="2021年12月底前"),
    )
    assert run("balance.E001", form.with_changes(indicators=rows)) == []
