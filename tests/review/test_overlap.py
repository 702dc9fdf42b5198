"""jixiao.review.overlap: overlapping rules on one indicator row merge into one finding."""

from hypothesis import given
from hypothesis import strategies as st
from tests.review.conftest import add_indicator, clean_form

from jixiao.i18n import Text
from jixiao.review.engine import default_settings, review_form
from jixiao.review.memo import ReviewMemo
from jixiao.review.model import Basis, Finding, Location, Severity
from jixiao.review.overlap import merge_overlaps

GROUP = ["relevance.W001", "generic.W001", "generic.W002", "measure.W001", "measure.W002"]
OTHERS = ["classify.W001", "realism.W001", "target.W001", "coverage.W001"]


def _finding(rule: str, row: int | None, severity: Severity = Severity.WARNING, n: int = 0):
    return Finding(
        rule=rule,
        category="generic_indicator",
        severity=severity,
        message=Text(f"{rule} 问题{n}", f"{rule} problem {n}"),
        hint=Text("改", "fix"),
        location=Location(field="indicators", indicator=row, line=None if row is None else row),
        basis=Basis(f"行{row}", f"setting.{rule}"),
    )


def test_a_boilerplate_row_without_a_baseline_unrelated_to_the_project_is_one_finding():
    form = add_indicator(clean_form(), "效益指标", "社会效益指标", "信息化程度", "提升")
    row = len(form.indicators) - 1
    found = [f for f in review_form(form).findings if f.location.indicator == row]
    assert [f.rule for f in found] == ["relevance.W001"]  # the rule listed first is kept
    [merged] = found
    assert "measure.W001 信息化程度 提升 [targets.comparative]" in merged.basis.text
    assert merged.basis.setting == "overlaps.groups"
    assert "没有基数" in merged.message.zh and "没有相关内容" in merged.message.zh


def test_the_merged_finding_takes_the_highest_severity_and_keeps_other_rules_apart():
    findings = [
        _finding("measure.W001", 2, Severity.INFO),
        _finding("classify.W001", 2),
        _finding("generic.W002", 2, Severity.WARNING),
        _finding("generic.W001", 3, Severity.INFO),
    ]
    merged = merge_overlaps(findings, ReviewMemo(default_settings()))
    assert [(f.rule, f.location.indicator, f.severity.value) for f in merged] == [
        ("classify.W001", 2, "warning"),
        ("generic.W002", 2, "warning"),  # in place of the finding kept
        ("generic.W001", 3, "info"),
    ]


def test_one_rule_says_one_problem_about_one_row_once():
    findings = [_finding("target.W001", 4), _finding("target.W001", 4), _finding("target.W001", 5)]
    merged = merge_overlaps(findings, ReviewMemo(default_settings()))
    assert [(f.rule, f.location.indicator) for f in merged] == [
        ("target.W001", 4),
        ("target.W001", 5),
    ]


FINDINGS = st.lists(
    st.builds(
        _finding,
        st.sampled_from(GROUP + OTHERS),
        st.one_of(st.none(), st.integers(0, 3)),
        st.sampled_from(list(Severity)),
        st.integers(0, 1),
    ),
    max_size=12,
)


@given(FINDINGS)
def test_merging_never_loses_a_rule_nor_adds_a_finding(findings):
    merged = merge_overlaps(list(findings), ReviewMemo(default_settings()))
    assert len(merged) <= len(findings)
    for f in findings:
        here = [m for m in merged if m.location.indicator == f.location.indicator]
        assert any(m.rule == f.rule or f"{f.rule} " in m.basis.text for m in here)
    for row in {f.location.indicator for f in findings}:
        worst = max(f.severity.rank for f in findings if f.location.indicator == row)
        assert worst == max(m.severity.rank for m in merged if m.location.indicator == row)


def test_findings_of_one_group_on_one_field_merge_and_other_fields_stay_apart():
    def at(rule, field):
        f = _finding(rule, None)
        return Finding(
            f.rule, f.category, f.severity, f.message, f.hint, Location(field=field), f.basis
        )

    findings = [at("date.W002", "planned_end"), at("date.W003", "planned_end")]
    [merged] = merge_overlaps(findings, ReviewMemo(default_settings()))
    assert merged.rule == "date.W002" and "date.W003" in merged.basis.text
    apart = [at("date.W002", "planned_end"), at("date.W003", "planned_start")]
    assert merge_overlaps(apart, ReviewMemo(default_settings())) == apart
    form_wide = [at("date.W002", "indicators"), at("date.W003", "indicators")]
    assert merge_overlaps(form_wide, ReviewMemo(default_settings())) == form_wide
