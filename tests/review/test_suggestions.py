"""Hints fit the row: every suggestion, applied with `apply_suggestion`, clears its own finding.

Walks every finding with a suggestion on the seed and on clean forms spoiled one way each.
"""

from __future__ import annotations

import re

import pytest
from tests.review.conftest import SEED, add_indicator, clean_form, run, with_indicator

from jixiao.importers import read_path
from jixiao.review.engine import review_form
from jixiao.review.model import Finding
from jixiao.review.suggest import apply_suggestion


def _place(f: Finding) -> tuple[object, ...]:
    where = f.location
    return (f.rule, where.field, where.indicator, f.basis.text if where.indicator is None else "")


def _spoiled():
    form = clean_form()
    return [
        with_indicator(form, 6, target="提升"),  # a rate: 由X%提高到Y%
        with_indicator(form, 5, target="增加"),  # a count in 件
        with_indicator(form, 4, name="单位运行成本", target="降低"),  # a cost: 万元
        with_indicator(form, 3, name="资金拨付及时率", target="及时"),
        with_indicator(form, 3, name="故障率", target="较低"),  # lower is better
        with_indicator(form, 7, target="=100%"),
        with_indicator(form, 7, target="=100"),
        with_indicator(form, 7, name="有无投诉率", target="=0"),
        with_indicator(form, 4, name="充分比价", target="充分比价"),  # a cost row
        with_indicator(form, 5, name="全年开放天数", target="全年开放天数"),
        with_indicator(form, 3, name="完成时间", target="完成时间"),
        with_indicator(form, 7, name="受象满意度益对"),
        with_indicator(form, 7, level2="社会效益指标"),
        add_indicator(form, "效益指标", "社会效益指标", "培训人次", "提高"),
        form.with_changes(overall_goal=form.overall_goal + "力争实现100%数据归集。"),
    ]


def _forms():
    return [*read_path(SEED).forms, *_spoiled()]


def _walk():
    for form in _forms():
        for finding in review_form(form).findings:
            if finding.suggestion:
                yield form, finding


def test_every_suggestion_clears_its_finding():
    walked = 0
    for form, finding in _walk():
        again = review_form(apply_suggestion(form, finding)).findings
        assert _place(finding) not in {_place(f) for f in again}, (finding.rule, finding.suggestion)
        walked += 1
    assert walked > 30


def test_the_walk_covers_every_rule_that_suggests():
    rules = {f.rule for _, f in _walk()}
    assert rules >= {
        "measure.W001",
        "measure.W002",
        "realism.W001",
        "target.W001",
        "target.W005",
        "target.W006",
        "garbled.W001",
        "classify.W001",
        "gap.W001",
    }


def test_no_suggestion_goes_beyond_one_hundred_percent():
    for _, finding in _walk():
        assert not re.search(r">=?\s*100(\.0+)?%", finding.suggestion.get("target", ""))


def _suggested(rule, form):
    return [f.suggestion["target"] for f in run(rule, form)]


def test_examples_fit_the_kind_of_the_row():
    form = clean_form()
    assert _suggested("measure.W001", with_indicator(form, 6, target="提升")) == ["由X%提高到Y%"]
    count = with_indicator(form, 5, name="受训人次", target="增加")
    assert _suggested("measure.W001", count) == ["由X人次提高到Y人次"]
    cost = with_indicator(form, 4, name="单位运行成本", target="降低")
    assert _suggested("measure.W001", cost) == ["由X万元降低到Y万元"]
    assert _suggested(
        "target.W005", with_indicator(form, 4, name="充分比价", target="充分比价")
    ) == ["<=X万元"]
    days = with_indicator(form, 5, name="全年开放天数", target="全年开放天数")
    assert _suggested("target.W005", days) == [">=X天"]
    when = with_indicator(form, 3, name="完成时间", target="完成时间")
    assert _suggested("target.W005", when) == ["12月31日前"]
    assert _suggested("measure.W002", with_indicator(form, 3, name="故障率", target="较低")) == [
        "<=5%"
    ]


def test_a_commitment_is_placed_in_the_goal_it_was_read_from():
    form = clean_form().with_changes(overall_goal="力争实现100%数据归集。")
    [gap] = [f for f in run("gap.W001", form) if "数据" in f.basis.text]
    assert gap.location.field == "overall_goal"
    assert gap.suggestion["target"] == "=100%"
    assert "年度总目标" not in str(gap.message)


@pytest.mark.parametrize(
    ("field", "says", "not_says"),
    [
        ("supervising_department", "一级预算单位", "经常性"),
        ("project_category", "经常性项目", "一级预算单位"),
        ("overall_goal", "整个实施期", "一级预算单位"),
    ],
)
def test_the_hint_for_an_empty_field_is_about_that_field(field, says, not_says):
    [found] = run("fields.W002", clean_form().with_changes(**{field: None}))
    assert says in str(found.hint) and not_says not in str(found.hint)
