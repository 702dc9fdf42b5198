"""indicator.W001 (duplicate_indicator)."""

from tests.review.conftest import add_indicator, clean_form, run, where


def test_it_is_silent_on_clean_forms(clean_forms):
    assert [run("indicator.W001", form) for form in clean_forms] == [[]] * len(clean_forms)


def test_it_finds_the_same_name_twice_in_a_form():
    form = add_indicator(clean_form(), "效益指标", "社会效益指标", "验收合格率", ">=95%")
    found = run("indicator.W001", form)
    assert where(found) == [("indicator.W001", "indicators", 8)]
    assert "第 3 个指标" in found[0].message.zh


def test_names_differing_only_by_white_space_are_the_same():
    form = add_indicator(clean_form(), "产出指标", "数量指标", "项目 验收数", "=30个")
    assert where(run("indicator.W001", form)) == [("indicator.W001", "indicators", 8)]
