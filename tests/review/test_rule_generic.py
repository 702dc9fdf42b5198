"""generic.W001 and generic.W002 (generic)."""

from dataclasses import replace

import pytest
from tests.review.conftest import clean_form, run, run_batch, where, with_indicator


def test_it_is_silent_on_clean_forms(clean_forms):
    assert [run("generic.W001", form) for form in clean_forms] == [[]] * len(clean_forms)
    assert run_batch("generic.W002", clean_forms) == []
    assert run_batch("generic.W003", clean_forms) == []


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


def _cloned():
    """Forms 3, 7 and 8 of the seed in brief: one set filed twice, and a part of it."""
    rows = clean_form("exhibition").indicators
    a = clean_form("innovation").with_changes(
        seq=3, project_name="科普场所提升改造", indicators=rows
    )
    b = clean_form("legal").with_changes(seq=7, project_name="科普工作", indicators=rows)
    c = clean_form("river").with_changes(seq=8, project_name="科技创新创业", indicators=rows[1:])
    return [a, b, c, clean_form("exhibition").with_changes(seq=9, indicators=rows[:5])]


def test_it_names_the_form_a_whole_indicator_set_was_copied_from():
    a, b, c, _ = _cloned()
    found = run_batch("generic.W003", [a, b, c])
    assert [(i, f.rule, f.location.field, f.related_forms) for i, f in found] == [
        (0, "generic.W003", "indicators", (1,)),
        (1, "generic.W003", "indicators", (0,)),
        (2, "generic.W003", "indicators", (0, 1)),  # a part of the set of forms 3 and 7
    ]
    assert found[0][1].message.zh == "本表全部 8 项指标均见于第 7 表（科普工作），整套照搬"
    assert found[2][1].basis.text == "7 项指标为第 3、7 表指标的一部分"


def test_a_part_of_one_set_is_named_with_it():
    a, _, c, _ = _cloned()
    found = run_batch("generic.W003", [c, clean_form("legal"), a])
    assert [(i, f.related_forms) for i, f in found] == [(0, (2,))]
    assert "第 3 表（科普场所提升改造）" in found[0][1].message.zh


def test_small_sets_and_satisfaction_sets_say_too_little_to_call_copied():
    a, *_ = _cloned()
    small = a.with_changes(indicators=a.indicators[:4])
    assert run_batch("generic.W003", [small, small.with_changes(seq=4), a]) == []
    happy = [
        replace(row, name=f"{who}满意度", target=">=90%")
        for row, who in zip(a.indicators[:5], "甲乙丙丁戊", strict=True)
    ]
    satisfied = a.with_changes(indicators=tuple(happy))
    assert run_batch("generic.W003", [satisfied, satisfied.with_changes(seq=4)]) == []


def test_it_compares_a_set_only_with_the_sets_holding_its_rarest_row():
    a, *_ = _cloned()
    rows = a.indicators
    forms = [
        a.with_changes(seq=k, indicators=(*rows[:4], replace(rows[4], target=f"={k}次")))
        for k in range(300)
    ]
    forms.append(
        a.with_changes(seq=999, indicators=(*rows[:4], replace(rows[4], target="=7次"), rows[5]))
    )
    found = run_batch("generic.W003", forms)
    assert [(i, f.related_forms) for i, f in found] == [(7, (300,))]
