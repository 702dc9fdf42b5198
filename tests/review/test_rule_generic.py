"""generic.W001 and generic.W002 (generic)."""

import pytest
from tests.review.conftest import clean_form, run, run_batch, where, with_indicator


def test_it_is_silent_on_clean_forms(clean_forms):
    assert [run("generic.W001", form) for form in clean_forms] == [[]] * len(clean_forms)
    assert run_batch("generic.W002", clean_forms) == []


@pytest.mark.parametrize(
    "name", ["工作计划完成率", "工作完成及时率", "工作完成通过率", "项目完成率"]
)
def test_it_finds_a_generic_indicator(name):
    found = run("generic.W001", with_indicator(clean_form(), 0, name=name, target="=100%"))
    assert where(found) == [("generic.W001", "indicators", 0)]


def _shared(form, name="信息化程度", target="提升"):
    return with_indicator(form, 6, name=name, target=target)


def test_it_finds_a_row_shared_by_many_forms_of_the_batch():
    forms = [_shared(clean_form(n)) for n in ("innovation", "legal", "exhibition")]
    found = run_batch("generic.W002", forms)
    assert [(i, f.rule, f.location.indicator) for i, f in found] == [
        (0, "generic.W002", 6),
        (1, "generic.W002", 6),
        (2, "generic.W002", 6),
    ]
    assert [f.related_forms for _, f in found] == [(1, 2), (0, 2), (0, 1)]  # batch indexes


def test_two_forms_sharing_a_row_is_not_yet_boilerplate():
    forms = [_shared(clean_form(n)) for n in ("innovation", "legal")] + [clean_form("exhibition")]
    assert run_batch("generic.W002", forms) == []


def test_satisfaction_rows_are_alike_by_nature():
    forms = [
        _shared(clean_form(n), "公众满意度", ">=90%") for n in ("innovation", "legal", "exhibition")
    ]
    assert run_batch("generic.W002", forms) == []
