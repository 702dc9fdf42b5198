"""The score cannot be gamed: removing content never raises it (docs/review.md, "The score").

Properties over the fifteen seed forms and over forms made from their rows: dropping rows,
dropping every row of a heading, blanking fields. A form without indicators grades 差; a form
missing a required level-1 heading grades 中 at best.
"""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.review.conftest import SEED, clean_batch, clean_form

from jixiao.cli.main import main
from jixiao.domain.form import FUNDS_FIELDS, TEXT_FIELDS, Form
from jixiao.importers import read_path
from jixiao.review import load_settings, review_form
from jixiao.review.engine import default_settings

SEED_FORMS = read_path(SEED).forms
CLEAN_FORMS = clean_batch().forms
FORMS = (*SEED_FORMS, *CLEAN_FORMS)
ROWS = tuple(
    {(r.level1, r.level2, r.name, r.target): r for f in FORMS for r in f.indicators}.values()
)
DATE_FIELDS = ("planned_start", "planned_end")
BLANKABLE = (*TEXT_FIELDS, *DATE_FIELDS, *FUNDS_FIELDS)
ORDER = ["优", "良", "中", "差"]


def score(form: Form) -> Decimal:
    return review_form(form).score


def blank(form: Form, fields: set[str]) -> Form:
    funds = {f: None for f in fields if f in FUNDS_FIELDS}
    own = {f: None for f in fields if f not in FUNDS_FIELDS}
    return form.with_changes(funds=replace(form.funds, **funds), **own)


def without_rows(form: Form, drop: set[int]) -> Form:
    rows = tuple(r for i, r in enumerate(form.indicators) if i not in drop)
    return form.with_changes(indicators=rows)


@st.composite
def forms(draw: st.DrawFn) -> Form:
    """A seed or clean form, or one of them with rows drawn from every form of the two."""
    base = draw(st.sampled_from(FORMS))
    if draw(st.booleans()):
        picked = draw(st.lists(st.integers(0, len(ROWS) - 1), max_size=14, unique=True))
        rows = [ROWS[i] for i in picked]
        base = base.with_changes(indicators=tuple(rows))
    gone = draw(st.sets(st.sampled_from(BLANKABLE), max_size=3))
    return blank(base, gone)


EXAMPLES = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@EXAMPLES
@given(forms(), st.data())
def test_dropping_rows_never_raises_the_score(form, data):
    drop = data.draw(st.sets(st.integers(0, max(0, len(form.indicators) - 1)), max_size=6))
    assert score(without_rows(form, drop)) <= score(form)


@EXAMPLES
@given(forms(), st.data())
def test_blanking_fields_never_raises_the_score(form, data):
    gone = data.draw(st.sets(st.sampled_from(BLANKABLE), min_size=1, max_size=4))
    assert score(blank(form, gone)) <= score(form)


@EXAMPLES
@given(forms(), st.data())
def test_dropping_a_heading_never_raises_the_score_nor_the_grade(form, data):
    headings = sorted({r.level1 or "" for r in form.indicators} | {""})
    heading = data.draw(st.sampled_from(headings))
    kept = tuple(r for r in form.indicators if (r.level1 or "") != heading)
    fewer = form.with_changes(indicators=kept)
    before, after = review_form(form), review_form(fewer)
    assert after.score <= before.score
    if not any(f.severity.value == "error" for f in before.findings):
        assert ORDER.index(after.grade) >= ORDER.index(before.grade)


@pytest.mark.parametrize("form", FORMS, ids=lambda f: f.project_name)
def test_a_form_without_indicators_grades_poor(form):
    review = review_form(form.with_changes(indicators=()))
    assert review.grade == "差"
    assert review.score <= review_form(form).score


WITH_HEADING = [
    (form, heading)
    for form in FORMS
    for heading in ("产出指标", "效益指标", "满意度指标")
    if any(r.level1 == heading for r in form.indicators)
]


@pytest.mark.parametrize(
    ("form", "heading"), WITH_HEADING, ids=lambda x: getattr(x, "project_name", x)
)
def test_a_form_missing_a_required_level1_heading_grades_fair_at_best(form, heading):
    kept = tuple(r for r in form.indicators if r.level1 != heading)
    review = review_form(form.with_changes(indicators=kept))
    assert ORDER.index(review.grade) >= ORDER.index("中")
    assert review.score <= review_form(form).score


def test_form_6_loses_its_grade_with_its_rows():
    form = SEED_FORMS[5]
    assert form.project_name == "宣传与推广"
    full, empty = review_form(form), review_form(form.with_changes(indicators=()))
    assert empty.score < full.score and empty.grade == "差"


def test_the_cli_grades_a_json_form_without_indicators_poor(tmp_path, capsys):
    out = tmp_path / "forms.json"
    assert main(["export", str(SEED), "--to", "json", "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    for form in data["forms"]:
        form["indicators"] = []
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    capsys.readouterr()
    assert main(["review", str(out), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert {f["grade"] for f in report["forms"]} == {"差"}


def test_a_clean_form_keeps_full_marks_and_a_flaw_costs_its_row():
    form = clean_form()
    assert review_form(form).score == Decimal(100)
    rows = list(form.indicators)
    satisfaction = next(i for i, r in enumerate(rows) if "满意" in r.name)
    rows[satisfaction] = replace(rows[satisfaction], target="=100%")  # unrealistic
    flawed = review_form(form.with_changes(indicators=tuple(rows)))
    assert flawed.criteria_scores["可行性"] < 100
    assert flawed.criteria_scores["完整性"] == 100  # the row is there, only its target is off
    assert flawed.score < 100


def test_the_weights_are_data():
    plan = default_settings().get("scoring")
    assert set(plan["backing"]) == set(default_settings().criteria_weights)


def test_a_row_the_goal_never_mentions_gets_no_points_back_when_the_goal_goes():
    """gap.W003 is silent without a goal: it must not have taken the row's points."""
    form = SEED_FORMS[0].with_changes(annual_goal=None, project_name=None)
    row = next(r for r in ROWS if r.name == "重大决策研究次数")
    form = form.with_changes(indicators=(row,))
    assert any(f.rule == "gap.W003" for f in review_form(form).findings)
    assert score(blank(form, {"overall_goal"})) <= score(form)


def test_under_the_2021_scheme_a_form_without_cost_rows_grades_fair_at_best():
    settings = load_settings(budget_year=2022)
    form = clean_form().with_changes(budget_year=2022)
    full = review_form(form, settings)
    kept = tuple(r for r in form.indicators if r.level2 != "成本指标")
    assert kept != form.indicators
    fewer = review_form(form.with_changes(indicators=kept), settings)
    assert fewer.score <= Decimal("79.9") < full.score
    assert ORDER.index(fewer.grade) >= ORDER.index("中")


def test_the_fields_a_rule_reads_are_fields_the_score_knows():
    from jixiao.review.registry import load_rules

    scored = set(default_settings().get("scoring.fields"))
    reads = {rule_id: set(cls.reads) for rule_id, cls in load_rules().items() if cls.reads}
    assert reads and all(fields <= scored for fields in reads.values()), reads
