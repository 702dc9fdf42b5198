"""The review follows the template (docs/templates.md, "The review follows the template"): the
settings of a form's template (its rule set, its taxonomy, its [required]), a field the template
does not have never reported, each template's settings made once per review and none kept after.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import region_toml
from tests.review.conftest import clean_batch, clean_form
from tests.review.templated import ABSENT, known_as, read_as, template_data, without_fields

from jixiao import templates
from jixiao.domain.form import FUNDS_FIELDS
from jixiao.errors import InputError
from jixiao.review import load_settings, review_form, review_forms
from jixiao.review.engine import default_settings
from jixiao.review.memo import ReviewMemo
from jixiao.review.settings import for_template


def blank(form, names):
    funds = {n: None for n in names if n in FUNDS_FIELDS}
    own = {n: None for n in names if n not in FUNDS_FIELDS}
    return form.with_changes(funds=replace(form.funds, **funds), **own)


def rules_of(review) -> list[tuple[str, str | None, int | None]]:
    return sorted((f.rule, f.location.field, f.location.indicator) for f in review.findings)


def test_the_seeds_template_changes_nothing_in_the_settings():
    settings = default_settings()
    assert for_template(settings, templates.get(templates.DEFAULT)) is settings
    memo = ReviewMemo(settings)
    assert memo.for_template(templates.DEFAULT) is memo
    assert memo.for_template(None) is memo


def test_templates_alike_in_their_rule_set_and_fields_share_one_memo_per_review(known):
    known["test-a"] = without_fields(*ABSENT, id="test-a", ruleset="hunan")
    known["test-b"] = without_fields(*ABSENT, id="test-b", ruleset="hunan", name="另一模板")
    known["test-c"] = without_fields(*ABSENT, id="test-c", ruleset="anhui")
    memo = ReviewMemo(default_settings())
    a, b, c = (memo.for_template(t) for t in ("test-a", "test-b", "test-c"))
    assert a is b and a is not c and memo not in (a, c)
    assert a.findings is memo.findings  # one pool of texts for the review
    assert a.settings.applied == ("hunan",) and c.settings.applied == ("anhui",)
    assert ReviewMemo(default_settings()).for_template("test-a") is not a  # per review


def test_a_field_the_template_does_not_have_is_never_reported_missing(known):
    template = known["test-region"] = without_fields(*ABSENT)
    form = blank(clean_form(), ABSENT)
    as_seed = {f.location.field for f in review_form(form).findings if f.rule.startswith("fields")}
    assert {"planned_start", "planned_end", "project_category", "overall_goal"} <= as_seed
    own = review_form(read_as(form, template))
    assert not [f for f in own.findings if f.location.field in ABSENT]


def test_the_fields_a_template_does_not_have_are_not_scored(known):
    template = known["test-region"] = without_fields(*ABSENT)
    settings = for_template(default_settings(), template)
    assert not set(ABSENT) & set(settings.get("scoring.fields"))
    form = blank(clean_form(), ABSENT)
    # the same form, empty where its template prints nothing, loses nothing for it
    assert review_form(read_as(form, template)).score > review_form(form).score


def test_the_templates_required_fields_are_asked_for(known):
    required = {"fields": ["project_name", "supervising_department"], "funds": ["project_total"]}
    template = known["test-region"] = templates.from_data(
        template_data(required=required), "test-region.toml"
    )
    form = blank(clean_form(), ("supervising_department", "planned_start", "annual_request"))
    found = review_form(read_as(form, template)).findings
    missing = {(f.rule, f.location.field) for f in found if f.category == "missing_field"}
    missing |= {(f.rule, f.location.field) for f in found if f.rule == "funds.E004"}
    # 主管部门 is required by this template; the dates and the annual request are not
    assert missing == {("fields.E001", "supervising_department")}


def test_the_taxonomy_follows_the_templates_scheme(known):
    template = known["test-region"] = templates.from_data(
        template_data(scheme="mof2021"), "test-region.toml"
    )
    form = clean_form("exhibition")
    half_a_million = replace(
        form.funds,
        **{
            k: Decimal(500000)
            for k in ("project_total", "project_fiscal", "annual_request", "annual_appropriation")
        },
    )
    form = form.with_changes(
        funds=half_a_million,
        indicators=tuple(i for i in form.indicators if i.level2 != "成本指标"),
    )
    assert [f.rule for f in review_form(form).findings] == ["coverage.I002"]  # classic: a note
    settings = for_template(default_settings(), template)
    assert settings.get("scheme") == "mof2021" and settings.applied == ("mof2021",)
    assert [f.rule for f in review_form(read_as(form, template)).findings] == ["coverage.W001"]
    # a review whose settings already follow the 2021 scheme merges it once
    year = load_settings(budget_year=2023)
    assert for_template(year, template).name == "default+mof2021"


@pytest.mark.parametrize("template", templates.templates().values(), ids=lambda t: t.id)
def test_every_bundled_template_has_its_rule_set_and_asks_only_for_fields_it_has(template):
    own = for_template(default_settings(), template)
    if template.ruleset:
        assert template.ruleset in own.applied
    asked = {*own.get("fields.required"), *own.get("fields.recommended")}
    assert asked <= template.has_fields | {"indicators"}
    assert set(own.get("fields.required_funds")) <= template.has_fields


def test_a_template_naming_a_rule_set_the_settings_lack_is_refused_by_name():
    template = templates.from_data(template_data(ruleset="nowhere"), "region.toml")
    with pytest.raises(InputError, match=r"rulesets\.nowhere") as caught:
        for_template(default_settings(), template)
    assert "region.toml" in str(caught.value) and "test-region" in str(caught.value)


def test_the_default_settings_stay_as_they_were(known):
    known["test-region"] = without_fields(*ABSENT)
    before = default_settings()
    data = before.data
    review_forms([read_as(f, known["test-region"]) for f in clean_batch().forms])
    assert default_settings() is before and before.data is data
    assert before.get("fields.required") == (
        "project_name",
        "implementing_unit",
        "planned_start",
        "planned_end",
        "annual_goal",
    )


def test_a_batch_of_mixed_templates_reviews_each_form_with_its_own(known, monkeypatch):
    """In one review, each form with its template's settings: as when reviewed alone, also for
    the forms whose part is set aside in the review's file (`spill`)."""
    import jixiao.review.spill as spill

    monkeypatch.setattr(spill, "IN_MEMORY", 2)
    template = known["test-region"] = without_fields(*ABSENT, scheme="mof2021")
    forms = [blank(f, ABSENT) for f in clean_batch().forms]
    mixed = [read_as(f, template) if i % 2 else f for i, f in enumerate(forms)]
    report = review_forms(mixed)
    batch_rules = ("generic.W002", "generic.W003", "project.W001", "project.I001")
    for form, reviewed in zip(mixed, report.forms, strict=True):
        alone = review_form(form)
        kept = [x for x in rules_of(reviewed) if x[0] not in batch_rules]
        assert kept == rules_of(alone)
        assert reviewed.score == alone.score


OPTIONAL = tuple(n for n in ("project_category", "supervising_department", *ABSENT))
EXAMPLES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FORMS = clean_batch().forms


@EXAMPLES
@given(
    st.sampled_from(FORMS),
    st.sets(st.sampled_from(OPTIONAL), min_size=1),
    st.sets(st.sampled_from((*ABSENT, "project_total", "annual_request")), max_size=3),
)
def test_removing_a_field_the_template_does_not_have_never_adds_a_finding(form, lacks, gone):
    """Whatever the form, and whatever else it leaves empty: blanking a field its template does
    not have adds no finding (it may take some away: the rules that compared it)."""
    template = without_fields(*lacks)
    with known_as(template):
        form = read_as(blank(form, gone), template)
        before = set(rules_of(review_form(form)))
        after = set(rules_of(review_form(blank(form, lacks))))
    assert after <= before


REGION = region_toml("test-hunan", "绩效标准", "备注", ruleset="hunan")

FORM = """某省项目支出绩效目标表
项目支出名称 | 乡村道路养护
承担单位 | 某县交通运输局
资金安排 | 本年度预算 | 120
本年度绩效目标 | 养护农村公路 300 公里，路面完好率达到 90%
一级指标 | 二级指标 | 三级指标 | 指标值 | 绩效标准 | 备注
产出指标 | 数量指标 | 养护里程 | ≥300公里 | 计划标准 | 无
产出指标 | 质量指标 | 路面完好率 | ≥XX% |  | 无
"""


def test_a_region_added_as_a_file_is_reviewed_by_its_rule_set(tmp_path):
    """End to end, in a new process (the label tables are built once per process): a template
    in JIXIAO_TEMPLATES naming the Hunan rule set; `jixiao review` of a form read through it
    reports its empty 绩效标准 and its placeholder, and none of the fields it does not print."""
    import json
    import os
    import subprocess
    import sys

    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "region.toml").write_text(REGION, encoding="utf-8")
    document = tmp_path / "form.txt"
    document.write_text(FORM, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "jixiao.cli.main", "review", "--format", "json", str(document)],
        capture_output=True,
        text=True,
        env={**os.environ, "JIXIAO_TEMPLATES": str(folder)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    (form,) = json.loads(result.stdout)["forms"]
    found = {
        (f["rule"], f["location"]["field"], f["location"]["indicator"]) for f in form["findings"]
    }
    assert ("fields.W004", "indicators", 1) in found
    assert ("text.W005", "indicators", 1) in found
    assert ("fields.W004", "indicators", 0) not in found
    reported = {
        f["location"]["field"] for f in form["findings"] if f["category"] == "missing_field"
    }
    # the form prints no 计划日期, 主管部门, 项目类别, 项目总目标 nor 项目资金总额: none is missing
    assert not reported & {
        "planned_start",
        "planned_end",
        "supervising_department",
        "project_category",
        "overall_goal",
        "project_total",
    }


BLANKABLE = ("project_name", "implementing_unit", "annual_goal", "annual_request", *ABSENT)


@EXAMPLES
@given(
    st.sampled_from(FORMS),
    st.sets(st.sampled_from(OPTIONAL), min_size=1),
    st.sets(st.sampled_from(BLANKABLE), min_size=1, max_size=3),
)
def test_under_a_template_blanking_fields_never_raises_the_score(form, lacks, gone):
    """The score a template's settings give cannot be gamed either (docs/review.md, "The
    score"): with the fields it does not have out of the score, emptying more never helps."""
    template = without_fields(*lacks)
    with known_as(template):
        form = read_as(form, template)
        assert review_form(blank(form, gone)).score <= review_form(form).score
