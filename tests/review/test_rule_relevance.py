"""relevance.W001 (relevance)."""

from tests.review.conftest import clean_form, run, where, with_indicator


def test_it_is_silent_on_clean_forms(clean_forms):
    assert [run("relevance.W001", form) for form in clean_forms] == [[]] * len(clean_forms)


def test_it_finds_an_informatisation_indicator_in_a_planting_project():
    goal = "建立30亩标准智能温室生态种植大棚，实现就业人员10人。"
    form = clean_form().with_changes(
        project_name="东西部扶贫帮困", annual_goal=goal, overall_goal=goal
    )
    form = with_indicator(form, 6, name="信息化程度", target=">=80%")
    found = run("relevance.W001", form)
    assert where(found) == [("relevance.W001", "indicators", 6)]
    assert found[0].basis.setting == "relevance.topics.信息化"


def test_a_system_project_may_measure_informatisation():
    form = clean_form().with_changes(project_name="网络信息系统运行与维护")
    assert run("relevance.W001", with_indicator(form, 6, name="信息化程度", target=">=80%")) == []
