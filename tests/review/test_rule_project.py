"""project.W001 and project.I001 (duplicate_project)."""

import pytest
from tests.review.conftest import add_indicator, clean_form, run_batch

from jixiao.review.rules.duplicate_project import unit_key


def _both(forms):
    return [
        (i, f.rule, f.related_forms)
        for rule in ("project.W001", "project.I001")
        for i, f in run_batch(rule, forms)
    ]


def test_it_is_silent_on_clean_forms(clean_forms):
    assert _both(clean_forms) == []


def test_it_lists_the_same_project_under_each_form():
    a = clean_form("innovation").with_changes(seq=9)
    b = clean_form("legal").with_changes(seq=14, project_name=a.project_name)
    found = run_batch("project.W001", [a, b, clean_form("exhibition")])
    assert "第 14 表" in found[0][1].message.zh
    assert [(i, f.rule, f.location.field, f.related_forms) for i, f in found] == [
        (0, "project.W001", "project_name", (1,)),
        (1, "project.W001", "project_name", (0,)),
    ]
    assert "实施单位相同" in found[0][1].basis.text


def test_the_same_name_in_another_budget_year_is_another_declaration():
    a = clean_form("innovation")
    b = clean_form("legal").with_changes(project_name=a.project_name, budget_year=2022)
    assert _both([a, b]) == []


def _namesakes(**changes):
    """Forms 9 and 14 of the seed in brief: one name, two units, two pieces of work."""
    a = clean_form("exhibition").with_changes(seq=9, project_name="网络信息系统运行与维护")
    b = clean_form("river").with_changes(seq=14, project_name="网络信息系统运行与维护", **changes)
    return a, b


def test_one_name_for_different_units_and_different_work_is_a_note():
    found = _both(list(_namesakes()))
    assert found == [(0, "project.I001", (1,)), (1, "project.I001", (0,))]


def test_boilerplate_rows_in_common_do_not_make_one_project():
    a, b = _namesakes()
    for name, target in [("信息化程度", "提升"), ("工作完成率", "=100%"), ("公众满意度", ">=90%")]:
        a = add_indicator(a, "效益指标", "社会效益指标", name, target)
        b = add_indicator(b, "效益指标", "社会效益指标", name, target)
    assert [rule for _, rule, _ in _both([a, b])] == ["project.I001"] * 2


def test_the_same_rows_under_another_unit_are_one_project():
    a, b = _namesakes(indicators=clean_form("exhibition").indicators)
    found = run_batch("project.W001", [a, b])
    assert [(i, f.related_forms) for i, f in found] == [(0, (1,)), (1, (0,))]
    assert found[0][1].basis.text.endswith("指标有 7 行相同")  # satisfaction row left out
    assert run_batch("project.I001", [a, b]) == []


def test_the_same_goal_under_another_unit_is_one_project():
    a, b = _namesakes()
    b = b.with_changes(annual_goal=a.annual_goal, overall_goal=a.overall_goal)
    assert [rule for _, rule, _ in _both([a, b])] == ["project.W001"] * 2


def test_a_goal_too_short_to_compare_is_no_shared_content():
    a, b = _namesakes()
    a = a.with_changes(annual_goal="年底完成", overall_goal="年底完成")
    b = b.with_changes(annual_goal="年底完成", overall_goal="年底完成")
    assert [rule for _, rule, _ in _both([a, b])] == ["project.I001"] * 2


def test_the_department_and_its_museum_doing_their_own_science_work_share_only_the_name():
    """Forms 7 and 15: 科普工作 of 科委（本部） (a vague goal) and of 松江区科技馆 (the museum)."""
    a = clean_form("innovation").with_changes(
        seq=7, project_name="科普工作", annual_goal="逐步形成社会化大科普的局面"
    )
    b = clean_form("exhibition").with_changes(seq=15, project_name="科普工作")
    assert [rule for _, rule, _ in _both([a, b])] == ["project.I001"] * 2
    b = b.with_changes(implementing_unit="上海市松江区科学技术委员会")  # now the same unit
    assert [rule for _, rule, _ in _both([a, b])] == ["project.W001"] * 2


@pytest.mark.parametrize(
    ("unit", "key"),
    [
        ("上海市松江区科学技术委员会（本部）", "上海市松江区科学技术委员会"),
        ("上海市松江区科技创新服务中心（上海市松江区大数据中心", "上海市松江区科技创新服务中心"),
        (" 松江区科技馆 ", "松江区科技馆"),
        ("", None),
        (None, None),
    ],
)
def test_units_are_compared_without_what_their_brackets_add(unit, key):
    assert unit_key(unit) == key
