"""project.W001 (duplicate_project)."""

from tests.review.conftest import clean_form, run_batch


def test_it_is_silent_on_clean_forms(clean_forms):
    assert run_batch("project.W001", clean_forms) == []


def test_it_lists_the_same_project_under_each_form():
    a = clean_form("innovation").with_changes(seq=9)
    b = clean_form("legal").with_changes(seq=14, project_name=a.project_name)
    found = run_batch("project.W001", [a, b, clean_form("exhibition")])
    assert "第 14 表" in found[0][1].message.zh
    assert [(i, f.rule, f.location.field, f.related_forms) for i, f in found] == [
        (0, "project.W001", "project_name", (1,)),
        (1, "project.W001", "project_name", (0,)),
    ]


def test_the_same_name_in_another_budget_year_is_another_declaration():
    a = clean_form("innovation")
    b = clean_form("legal").with_changes(project_name=a.project_name, budget_year=2022)
    assert run_batch("project.W001", [a, b]) == []
