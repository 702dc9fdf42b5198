"""realism.W001 and realism.E002 (realism)."""

import pytest
from tests.review.conftest import clean_form, run, where, with_indicator

from jixiao.review.engine import review_form
from jixiao.review.settings import load_settings

RULES = ("realism.W001", "realism.E002")


@pytest.mark.parametrize("rule", RULES)
def test_it_is_silent_on_clean_forms(rule, clean_forms):
    assert [run(rule, form) for form in clean_forms] == [[]] * len(clean_forms)


@pytest.mark.parametrize("target", ["=100%", ">=100%", "=100", "=98%"])
def test_it_doubts_full_satisfaction(target):
    form = with_indicator(clean_form(), 7, target=target)
    found = run("realism.W001", form)
    assert where(found) == [("realism.W001", "indicators", 7)]
    assert found[0].basis.setting == "thresholds.satisfaction_max_percent=95"


def test_the_threshold_is_a_setting(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text("[thresholds]\nsatisfaction_max_percent = 100\n", encoding="utf-8")
    form = with_indicator(clean_form(), 7, target="=100%")
    found = review_form(form, load_settings(str(path))).findings
    assert [f.rule for f in found if f.rule.startswith("realism")] == []


def test_it_refuses_a_rate_above_one_hundred_percent():
    found = run("realism.E002", with_indicator(clean_form(), 2, target=">=120%"))
    assert where(found) == [("realism.E002", "indicators", 2)]


def test_a_range_is_judged_by_its_bounds():
    assert len(run("realism.W001", with_indicator(clean_form(), 7, target="96%-100%"))) == 1
    assert run("realism.W001", with_indicator(clean_form(), 7, target="85%-95%")) == []
    assert len(run("realism.E002", with_indicator(clean_form(), 2, target="90%-120%"))) == 1


def test_a_change_is_no_level():
    form = with_indicator(clean_form(), 6, name="申报数量增长率", target="较上年增长150%")
    assert run("realism.E002", form) == []
