"""garbled.W001 and garbled.W002 (garbled_names)."""

import pytest
from tests.review.conftest import clean_form, run, where, with_indicator

RULES = ("garbled.W001", "garbled.W002")


@pytest.mark.parametrize("rule", RULES)
def test_it_is_silent_on_clean_forms(rule, clean_forms):
    assert [run(rule, form) for form in clean_forms] == [[]] * len(clean_forms)


def test_it_unscrambles_a_standard_name():
    found = run("garbled.W001", with_indicator(clean_form(), 7, name="受象满意度益对"))
    assert where(found) == [("garbled.W001", "indicators", 7)]
    assert found[0].suggestion == {"name": "受益对象满意度"}


def test_it_finds_a_name_one_character_off_a_standard_one():
    found = run("garbled.W002", with_indicator(clean_form(), 5, name="信息化公开", target="公开"))
    assert where(found) == [("garbled.W002", "indicators", 5)]
    assert found[0].suggestion == {"name": "信息公开"}


def test_a_scrambled_name_is_not_also_called_a_near_miss():
    assert run("garbled.W002", with_indicator(clean_form(), 7, name="受象满意度益对")) == []


def test_two_different_standard_names_are_not_near_misses_of_each_other():
    form = with_indicator(clean_form(), 7, name="公众满意度")
    form = with_indicator(form, 6, name="群众满意度", target=">=90%")
    assert run("garbled.W002", form) == []


def test_another_subject_of_the_same_measure_is_no_misspelling():
    assert run("garbled.W002", with_indicator(clean_form(), 7, name="学生满意度")) == []
    assert (
        run("garbled.W002", with_indicator(clean_form(), 7, name="有无投诉率", target="=0%")) == []
    )
