"""cost.W003 and cost.W004 (cost_reference): funds out of proportion to the work stated."""

from dataclasses import replace
from decimal import Decimal

import pytest
from tests.review.conftest import clean_form, run, where

from jixiao.review.rules.cost_reference import reference_costs

RULES = ("cost.W003", "cost.W004")
WECHAT = "提供“松江科技”、“松江科普”公众号代运营服务"
GREENHOUSE = (
    "建立30亩标准智能温室生态种植大棚，单产由原来的每亩200公斤提高到250公斤。实现就业人员10人。"
)


def _form(goal: str, yuan: str):
    """The exhibition form with another goal, asking `yuan` 元 for the year and in all."""
    form = clean_form("exhibition")
    money = {k: Decimal(yuan) for k in ("project_total", "project_fiscal", "annual_request")}
    money["annual_appropriation"] = Decimal(yuan)
    return form.with_changes(
        overall_goal=goal, annual_goal=goal, funds=replace(form.funds, unit="元", **money)
    )


@pytest.mark.parametrize("rule", RULES)
def test_it_is_silent_on_clean_forms(rule, clean_forms):
    assert [run(rule, form) for form in clean_forms] == [[]] * len(clean_forms)


def test_two_wechat_accounts_for_thirteen_million_are_far_above_the_reference():
    [found] = run("cost.W003", _form(WECHAT, "13525902.5"))
    assert where([found]) == [("cost.W003", "annual_goal", None)]
    assert found.message.zh == (
        "目标所述工作为“公众号代运营”2个，资金 13,525,902.50 元，折合 6,762,951.25 元/个·年，"
        "高于参考上限 1,500,000 元/个·年"
    )
    assert found.basis.setting == "reference_costs.公众号代运营"
    assert "13,525,902.50 元 ÷ 2个 = 6,762,951.25 元/个·年" in found.basis.text
    assert run("cost.W004", _form(WECHAT, "13525902.5")) == []


def test_a_plausible_price_or_other_work_in_the_goal_is_not_raised():
    assert run("cost.W003", _form(WECHAT, "600000")) == []
    other = WECHAT + "；举办科普讲座20场，建设科普画廊3处。"
    assert run("cost.W003", _form(other, "13525902.5")) == []  # the money may pay for those


def test_accounts_that_cannot_be_counted_are_not_priced():
    assert run("cost.W003", _form("提供公众号代运营服务", "13525902.5")) == []
    assert len(run("cost.W003", _form("提供3个公众号代运营服务", "13525902.5"))) == 1


def test_a_greenhouse_of_thirty_mu_for_278_thousand_is_far_below_the_reference():
    [found] = run("cost.W004", _form(GREENHOUSE, "278000"))
    assert found.message.zh == (
        "目标所述工作为“智能温室”30亩，资金 278,000 元，折合 9,266.67 元/亩，低于参考下限 100,000 元/亩"
    )
    assert run("cost.W004", _form(GREENHOUSE, "9000000")) == []
    assert run("cost.W003", _form(GREENHOUSE, "278000")) == []


def test_every_reference_kind_states_its_basis_and_a_range():
    for kind in reference_costs():
        assert kind.words and kind.basis and Decimal(0) < kind.low < kind.high
        assert kind.count in ("number", "quoted")
