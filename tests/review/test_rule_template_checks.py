"""The checks a template's rule set brings, as data (docs/templates.md, "The review follows the
template"): text.W005 (a placeholder of the blank form left in a row), fields.W004 (a column the
template asks to fill left empty: the Hunan 绩效标准), funds.W007 (funds whose unit cannot be
told: said, and not weighed in 元)."""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.review.conftest import clean_batch, clean_form, run, where, with_indicator
from tests.review.templated import read_as, template_data

from jixiao import templates
from jixiao.review import review_form
from jixiao.review.engine import default_settings
from jixiao.review.settings import for_template

RULES = ("text.W005", "fields.W004", "funds.W007")


def ruleset(name: str) -> templates.Template:
    return templates.from_data(template_data(ruleset=name), "test-region.toml")


# The clean forms have no 绩效标准: the Hunan rule set's fields.W004 is tested on rows below.
@pytest.mark.parametrize(
    ("rule", "name"),
    [(r, n) for r in RULES for n in (None, "anhui", "hunan") if (r, n) != ("fields.W004", "hunan")],
)
def test_they_are_silent_on_clean_forms(rule, name, clean_forms):
    own = default_settings() if name is None else for_template(default_settings(), ruleset(name))
    assert [run(rule, form, own) for form in clean_forms] == [[]] * len(clean_forms)


# text.W005 -------------------------------------------------------------------------------------


def test_a_placeholder_left_in_a_name_or_a_target_is_named():
    form = with_indicator(clean_form(), 0, name="XX培训人次")
    form = with_indicator(form, 1, target="××人次")
    found = run("text.W005", form)
    assert where(found) == [("text.W005", "indicators", 0), ("text.W005", "indicators", 1)]
    assert found[0].message.zh == "指标“XX培训人次”的指标名称中留有表样占位符“XX”"
    assert found[1].message.zh.endswith("的指标值中留有表样占位符“××”")
    assert found[1].basis.setting == "placeholders.words"
    assert "××" in found[1].hint.zh and found[0].message.en


def test_the_anhui_rule_set_names_its_printed_placeholder_whole():
    form = with_indicator(clean_form(), 0, target="（≥**%）")
    base = run("text.W005", form)
    anhui = run("text.W005", form, for_template(default_settings(), ruleset("anhui")))
    assert [f.message.zh.split("占位符")[1] for f in base] == ["“**”"]
    assert [f.message.zh.split("占位符")[1] for f in anhui] == ["“（≥**%）”"]


def test_a_target_that_is_only_a_placeholder_is_said_once_as_an_empty_target():
    form = with_indicator(clean_form(), 0, target="**")
    assert run("text.W005", form) == []
    assert where(run("fields.E003", form)) == [("fields.E003", "indicators", 0)]


def test_the_placeholders_are_data(tmp_path):
    from jixiao.review import load_settings

    path = tmp_path / "mine.toml"
    path.write_text('[placeholders]\nwords = ["待定"]\n', encoding="utf-8")
    form = with_indicator(clean_form(), 0, name="XX待定人次")
    found = run("text.W005", form, load_settings(str(path)))
    assert [f.message.zh.split("占位符")[1] for f in found] == ["“待定”"]


# fields.W004 -----------------------------------------------------------------------------------


def with_standard(form, values):
    rows = [
        replace(r, extra=MappingProxyType({"绩效标准": v} if v is not None else {}))
        for r, v in zip(form.indicators, values, strict=False)
    ]
    return form.with_changes(indicators=(*rows, *form.indicators[len(rows) :]))


def test_a_hunan_row_without_its_standard_is_reported(known):
    template = known["test-region"] = ruleset("hunan")
    form = clean_form()
    filled = ["计划标准"] * len(form.indicators)
    assert (
        run("fields.W004", with_standard(form, filled), for_template(default_settings(), template))
        == []
    )
    form = read_as(with_standard(form, ["计划标准", "  ", None, *filled[3:]]), template)
    found = [f for f in review_form(form).findings if f.rule == "fields.W004"]
    assert where(found) == [("fields.W004", "indicators", 1), ("fields.W004", "indicators", 2)]
    name = form.indicators[1].name
    assert found[0].message.zh == f"指标“{name}”的“绩效标准”未填写"
    assert found[0].hint.zh == "请填写“绩效标准”，如计划标准、行业标准或历史标准"
    assert found[0].basis.setting == "columns.filled"
    # the same form read through a template that asks for no such column
    assert not [
        f for f in review_form(form.with_changes(template=None)).findings if f.rule == "fields.W004"
    ]


# funds.W007 ------------------------------------------------------------------------------------


def unitless(form, times: int = 1):
    scaled = {n: None if v is None else v * times for n, v in form.funds.items()}
    return form.with_changes(funds=replace(form.funds, unit=None, **scaled))


def test_funds_of_no_known_unit_are_said_and_not_weighed():
    form = clean_form("exhibition")
    tens_of_millions = unitless(form, 100)
    found = review_form(tens_of_millions).findings
    said = [f for f in found if f.rule == "funds.W007"]
    assert where(said) == [("funds.W007", "annual_request", None)]
    assert "未注明单位" in said[0].message.zh and "年度资金申请总额" in said[0].message.zh
    assert said[0].basis.setting == "funds.unit"
    # in 元 the same figures call for more indicators and a cost row; without a unit, nothing
    in_yuan = {f.rule for f in review_form(replace_unit(tens_of_millions, "元")).findings}
    weighed = {"balance.E001", "balance.W002", "coverage.W003"}
    assert in_yuan & weighed
    assert not {f.rule for f in found} & weighed
    assert review_form(tens_of_millions).requested_yuan is None


def replace_unit(form, unit):
    return form.with_changes(funds=replace(form.funds, unit=unit))


def test_a_form_stating_no_amount_at_all_gets_no_unit_finding():
    form = clean_form()
    empty = form.with_changes(
        funds=replace(form.funds, unit=None, **dict.fromkeys(f for f, _ in form.funds.items()))
    )
    assert run("funds.W007", empty) == []
    assert run("funds.E004", empty)  # what is missing is said there


EXAMPLES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@EXAMPLES
@given(st.sampled_from(clean_batch().forms), st.sampled_from([10, 100, 10000]))
def test_amounts_of_no_known_unit_are_never_weighed(form, times):
    """Whatever the figures, a form whose unit is unknown is reviewed the same: no rule weighs
    them in 元 (each finding at the same place, of the same rule), and funds.W007 says so."""
    small, large = review_form(unitless(form)), review_form(unitless(form, times))
    assert where(small.findings) == where(large.findings)
    assert small.score == large.score
    assert "funds.W007" in {f.rule for f in small.findings}


def test_a_published_anhui_form_with_its_placeholders_left_in_is_told_so():
    """金寨县 2021 (tests/fixtures/templates/anhui, as published): three indicator names keep
    the blank form's `(≥**%)` / `(≤**万元)`; the form is read through the Anhui template and
    reviewed with its rule set, which names each placeholder whole."""
    from pathlib import Path

    from jixiao.importers import read_path

    path = Path(__file__).parent.parent / "fixtures/templates/anhui/jinzhai-2021-property.txt"
    (form,) = read_path(path).forms
    assert form.template.id == "anhui"
    found = [f for f in review_form(form).findings if f.rule == "text.W005"]
    named = {
        form.indicators[f.location.indicator].name: f.message.zh.split("占位符")[1] for f in found
    }
    assert named == {
        "指标1:项目总成本(≤**万元)": "“(≤**万元)”",
        "指标1:清算8个安置小区本年度物业费和历史的遗留物业费(≥**%)。": "“(≥**%)”",
        "指标1:小区居民满意度(≥**%)": "“(≥**%)”",
    }
