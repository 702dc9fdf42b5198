"""fields.E001, fields.W002 (fields_required) and fields.E003 (indicator_row)."""

import pytest
from tests.review.conftest import clean_form, run, where, with_indicator

RULES = ("fields.E001", "fields.W002", "fields.E003")


@pytest.mark.parametrize("rule", RULES)
def test_it_is_silent_on_clean_forms(rule, clean_forms):
    assert [run(rule, form) for form in clean_forms] == [[]] * len(clean_forms)


def test_it_reports_an_empty_required_field_with_its_line():
    form = clean_form().with_changes(implementing_unit="  ", annual_goal=None)
    found = run("fields.E001", form)
    assert where(found) == [
        ("fields.E001", "implementing_unit", None),
        ("fields.E001", "annual_goal", None),
    ]
    assert found[0].location.line == form.line_of("implementing_unit")


def test_it_reports_a_form_without_indicators():
    assert where(run("fields.E001", clean_form().with_changes(indicators=()))) == [
        ("fields.E001", "indicators", None)
    ]


def test_it_warns_when_the_supervising_department_is_empty():
    found = run("fields.W002", clean_form().with_changes(supervising_department=None))
    assert where(found) == [("fields.W002", "supervising_department", None)]
    assert found[0].severity.value == "warning"


def test_it_reports_an_indicator_without_target_or_with_a_placeholder():
    form = with_indicator(clean_form(), 2, target="*")
    form = with_indicator(form, 4, name="")
    assert where(run("fields.E003", form)) == [
        ("fields.E003", "indicators", 2),
        ("fields.E003", "indicators", 4),
    ]
