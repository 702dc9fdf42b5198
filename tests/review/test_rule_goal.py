"""goal.E001, goal.W002, goal.I003 (goal_vague) and goal.W004 (goal_money)."""

import pytest
from tests.review.conftest import clean_form, run, where

RULES = ("goal.E001", "goal.W002", "goal.W005", "goal.I003", "goal.W004")


def goal(text):
    return clean_form().with_changes(overall_goal=text, annual_goal=text)


@pytest.mark.parametrize("rule", RULES)
def test_it_is_silent_on_clean_forms(rule, clean_forms):
    assert [run(rule, form) for form in clean_forms] == [[]] * len(clean_forms)


def test_it_finds_a_goal_that_says_only_year_end():
    found = run("goal.E001", goal("年底完成"))
    assert where(found) == [("goal.E001", "annual_goal", None)]
    assert found[0].basis.setting == "goal.empty_phrases"
    assert [run(r, goal("年底完成")) for r in ("goal.W002", "goal.I003")] == [[], []]


def test_a_short_goal_with_a_figure_is_not_empty():
    assert run("goal.E001", goal("培训学员500人次")) == []


def test_it_finds_an_aspiration_without_any_figure():
    found = run("goal.W002", goal("逐步形成社会化大科普的局面"))
    assert where(found) == [("goal.W002", "annual_goal", None)]
    assert run("goal.I003", goal("逐步形成社会化大科普的局面")) == []


def test_it_notes_a_goal_without_figures():
    text = "完成本年度科技攻关项目的申报受理、立项评审和资金拨付，同时对往年项目进行验收。"
    found = run("goal.I003", goal(text))
    assert where(found) == [("goal.I003", "annual_goal", None)]
    assert found[0].severity.value == "info"


def test_it_finds_a_goal_that_only_restates_money():
    text = "按照资金计划，2019年配套2080万元，2020年配套2378万元，其他拨付时间相应顺延。"
    found = run("goal.W004", goal(text))
    assert where(found) == [("goal.W004", "annual_goal", None)]
    assert "20,800,000元" in found[0].message.zh


def test_money_beside_outputs_is_a_costing_not_a_restatement():
    assert run("goal.W004", goal("资助项目30个，每个10万元。")) == []


def test_a_large_request_with_an_unquantified_goal_is_a_warning():
    from dataclasses import replace
    from decimal import Decimal

    text = "佘山天文台是全国科普教育基地，年久失修，通过改造提升其科普能力。"
    form = goal(text)
    big = form.with_changes(funds=replace(form.funds, annual_request=Decimal(13295000)))
    assert where(run("goal.W005", big)) == [("goal.W005", "annual_goal", None)]
    assert run("goal.I003", big) == []
    assert run("goal.W005", form) == []
