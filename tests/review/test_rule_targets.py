"""target.W001, target.I002, target.W003 (target_units); target.W004, target.W005 (target_words)."""

import pytest
from tests.review.conftest import clean_form, run, where, with_indicator

RULES = (
    "target.W001",
    "target.I002",
    "target.W003",
    "target.W004",
    "target.W005",
    "target.W006",
    "target.W007",
)


@pytest.mark.parametrize("rule", RULES)
def test_it_is_silent_on_clean_forms(rule, clean_forms):
    assert [run(rule, form) for form in clean_forms] == [[]] * len(clean_forms)


@pytest.mark.parametrize(("name", "target"), [("管理人员满意度", "=100"), ("投诉率", "=5")])
def test_it_finds_a_rate_that_lost_its_percent(name, target):
    found = run("target.W001", with_indicator(clean_form(), 7, name=name, target=target))
    assert where(found) == [("target.W001", "indicators", 7)]
    assert found[0].suggestion == {"target": target + "%"}


def test_it_notes_a_count_without_unit():
    found = run("target.I002", with_indicator(clean_form(), 0, target=">40"))
    assert where(found) == [("target.I002", "indicators", 0)]
    assert run("target.W001", with_indicator(clean_form(), 0, target=">40")) == []


def test_it_finds_a_unit_that_does_not_fit():
    form = with_indicator(clean_form(), 2, target=">=90人")
    assert where(run("target.W003", form)) == [("target.W003", "indicators", 2)]
    form = with_indicator(clean_form(), 0, target="=30%")
    assert where(run("target.W003", form)) == [("target.W003", "indicators", 0)]


def test_it_finds_a_qualitative_word_that_does_not_fit_the_name():
    form = with_indicator(clean_form(), 5, name="信息化程度", target="公开")
    assert where(run("target.W004", form)) == [("target.W004", "indicators", 5)]
    fitting = with_indicator(clean_form(), 5, name="信息公开", target="公开")
    assert run("target.W004", fitting) == []


def test_it_finds_a_target_that_repeats_the_name():
    form = with_indicator(clean_form(), 6, name="全年正常开放", target="全年正常开放")
    assert where(run("target.W005", form)) == [("target.W005", "indicators", 6)]


def test_a_word_fits_an_indicator_under_its_own_heading():
    form = with_indicator(clean_form(), 3, name="资金拨付", target="及时")  # under 时效指标
    assert run("target.W004", form) == []
    misplaced = with_indicator(form, 3, level2="数量指标")
    assert where(run("target.W004", misplaced)) == [("target.W004", "indicators", 3)]


@pytest.mark.parametrize("target", ["=0", "0", "≤0", "<=0"])
def test_zero_needs_no_percent(target):
    assert run("target.W001", with_indicator(clean_form(), 7, name="投诉率", target=target)) == []


@pytest.mark.parametrize("target", ["90-95", "较上年提高5"])
def test_a_range_or_a_change_of_a_rate_needs_its_percent(target):
    found = run("target.W001", with_indicator(clean_form(), 7, target=target))
    assert where(found) == [("target.W001", "indicators", 7)]


def test_a_change_of_a_rate_in_percentage_points_fits():
    form = with_indicator(clean_form(), 7, target="同比提高5个百分点")
    assert run("target.W003", form) == []


def test_it_finds_a_name_asking_yes_or_no_and_a_rate():
    form = with_indicator(clean_form(), 6, name="有无投诉率", target="=0")
    found = run("target.W006", form)
    assert where(found) == [("target.W006", "indicators", 6)]
    assert found[0].suggestion == {"name": "投诉率", "target": "=0%"}
    assert found[0].basis.setting == "targets.yes_no_prefixes"
    assert run("target.W001", form) == []  # =0 needs no %
    assert run("target.W006", with_indicator(clean_form(), 6, name="有无投诉", target="无")) == []


def test_the_sign_and_unit_in_columns_of_their_own_are_the_targets():
    # 重庆's flat list and the forms with 指标性质 / 度量单位 columns: 95 under 指标值, ≥ and % beside
    # it; the rate has its percent, the count its unit
    form = with_indicator(
        clean_form(),
        7,
        name="管理人员满意度",
        target="95",
        extra={"指标性质": "≥", "度量单位": "%"},
    )
    assert run("target.W001", form) == []
    counted = with_indicator(
        clean_form(), 0, target="40", extra={"指标性质": "≥", "度量单位": "人"}
    )
    assert run("target.I002", counted) == []
    # without them the same values are reported, as before
    bare = with_indicator(clean_form(), 7, name="管理人员满意度", target="=95")
    assert where(run("target.W001", bare)) == [("target.W001", "indicators", 7)]


def test_rows_alike_but_for_their_sign_and_unit_columns_are_each_judged():
    # The engine checks each distinct row once and places its findings wherever the row appears:
    # a row's 指标性质 and 度量单位 make it another row (95 with % is a rate's target, 95 without it
    # has lost its %), in one form and across the forms of a batch
    from jixiao.interchange import Batch
    from jixiao.review import review_batch

    with_unit = with_indicator(
        clean_form(), 7, name="管理人员满意度", target="95", extra={"度量单位": "%"}
    )
    without = with_indicator(clean_form(), 7, name="管理人员满意度", target="95")
    for forms in ((with_unit, without), (without, with_unit)):
        reviews = review_batch(Batch(forms=forms)).forms
        found = [[f.rule for f in r.findings if f.rule == "target.W001"] for r in reviews]
        assert found == ([[], ["target.W001"]] if forms[0] is with_unit else [["target.W001"], []])


@pytest.mark.parametrize(
    ("direction", "sign", "found"),
    [
        ("正向指标", "≤", True),
        ("正向指标", "<", True),
        ("反向指标", "≥", True),
        ("正向指标", "≥", False),
        ("反向指标", "≤", False),
        ("正向指标", "=", False),
        ("中性指标", "≤", False),  # a word the settings do not list says nothing
        ("", "≤", False),
    ],
)
def test_a_sign_against_the_stated_direction_is_found(direction, sign, found):
    # 四川's ledger states each row's direction (指标方向性) beside its sign (指标性质)
    extra = {"指标性质": sign, "度量单位": "%"} | ({"指标方向性": direction} if direction else {})
    form = with_indicator(clean_form(), 7, name="管理人员满意度", target="95", extra=extra)
    got = run("target.W007", form)
    assert where(got) == ([("target.W007", "indicators", 7)] if found else [])
    if found:
        assert got[0].message.zh == f"指标“管理人员满意度”为“{direction}”，指标值却是“{sign}95”"
        assert "指标方向性" in got[0].hint.zh and got[0].basis.setting == "columns.direction"


def test_the_sign_written_in_the_target_counts_as_well():
    form = with_indicator(clean_form(), 7, target="≤5%", extra={"指标方向性": "正向指标"})
    assert where(run("target.W007", form)) == [("target.W007", "indicators", 7)]
    form = with_indicator(clean_form(), 7, target="≤5%", extra={"指标方向性": "反向指标"})
    assert run("target.W007", form) == []
