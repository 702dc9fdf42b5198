"""measure.W001 and measure.W002 (measurable)."""

import pytest
from tests.review.conftest import clean_form, run, where, with_indicator

RULES = ("measure.W001", "measure.W002")


@pytest.mark.parametrize("rule", RULES)
def test_it_is_silent_on_clean_forms(rule, clean_forms):
    assert [run(rule, form) for form in clean_forms] == [[]] * len(clean_forms)


@pytest.mark.parametrize("word", ["提升", "提高", "=提高"])
def test_it_finds_a_direction_without_baseline(word):
    form = with_indicator(clean_form(), 6, name="科技攻关政策知晓率", target=word)
    assert where(run("measure.W001", form)) == [("measure.W001", "indicators", 6)]
    assert run("measure.W002", form) == []  # one finding for one defect


@pytest.mark.parametrize(("name", "word"), [("工作完成及时率", "及时"), ("公众满意度", "满意")])
def test_it_finds_a_rate_given_a_word(name, word):
    form = with_indicator(clean_form(), 3, name=name, target=word)
    assert where(run("measure.W002", form)) == [("measure.W002", "indicators", 3)]


def test_a_word_for_something_that_is_no_rate_is_measurable():
    form = with_indicator(clean_form(), 6, name="长效管理制度健全情况", target="健全")
    assert run("measure.W002", form) == []
    assert run("measure.W001", form) == []
