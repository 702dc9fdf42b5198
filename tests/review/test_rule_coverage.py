"""coverage.W001, coverage.I002 and coverage.W003 (coverage)."""

from decimal import Decimal

import pytest
from tests.review.conftest import clean_form, run, where, with_indicator

from jixiao.domain.form import Funds
from jixiao.review.settings import load_settings

RULES = ("coverage.W001", "coverage.I002", "coverage.W003")


def _without_cost(form):
    return form.with_changes(indicators=tuple(i for i in form.indicators if i.level2 != "成本指标"))


def _asking(form, yuan: int):
    """The form asking `yuan` 元 (all of it this year's appropriation)."""
    return form.with_changes(
        funds=Funds(
            unit="元",
            project_total=Decimal(yuan),
            project_fiscal=Decimal(yuan),
            project_other=Decimal(0),
            annual_request=Decimal(yuan),
            annual_appropriation=Decimal(yuan),
            annual_carryover=Decimal(0),
            annual_other=Decimal(0),
        )
    )


@pytest.mark.parametrize("rule", RULES)
def test_it_is_silent_on_clean_forms(rule, clean_forms):
    assert [run(rule, form) for form in clean_forms] == [[]] * len(clean_forms)


def test_it_wants_a_benefit_indicator():
    form = clean_form()
    form = form.with_changes(indicators=tuple(i for i in form.indicators if i.level1 != "效益指标"))
    found = run("coverage.W001", form)
    assert where(found) == [("coverage.W001", "indicators", None)]
    assert "效益指标" in found[0].message.zh


def test_a_satisfaction_row_filed_as_benefit_is_no_benefit_indicator():
    form = clean_form()
    rows = [i for i in form.indicators if i.level1 != "效益指标"]
    form = form.with_changes(indicators=tuple(rows))
    form = with_indicator(form, 5, level1="效益指标", level2="社会效益指标")  # 受资助企业满意度
    [found] = run("coverage.W001", form)  # it still measures satisfaction, and it says so
    assert (
        found.message.zh == "没有“效益指标”类指标：“效益指标”下所填“受资助企业满意度”实为满意度指标"
    )
    assert "服务对象满意度指标" in found.hint.zh
    assert found.basis.text.endswith("社会效益指标/受资助企业满意度")


def test_it_recommends_a_cost_indicator_as_information_below_a_million():
    form = _asking(_without_cost(clean_form("exhibition")), 999_999)  # no unit price in the goal
    found = run("coverage.I002", form)
    assert where(found) == [("coverage.I002", "indicators", None)]
    assert found[0].severity.value == "info"
    assert run("coverage.W003", form) == []


@pytest.mark.parametrize(
    ("yuan", "severity"), [(999_999, None), (1_000_000, "warning"), (10_000_000, "error")]
)
def test_no_cost_indicator_weighs_with_the_funds(yuan, severity):
    form = _asking(_without_cost(clean_form("exhibition")), yuan)
    found = run("coverage.W003", form)
    assert [f.severity.value for f in found] == ([severity] if severity else [])
    assert len(run("coverage.I002", form)) == (0 if severity else 1)  # one finding, not two
    if severity:
        assert found[0].message.zh.startswith(f"申请 {yuan:,} 元，没有“成本指标”类指标")
        assert found[0].basis.setting.startswith("coverage.by_funds")


def _run_with(settings, rule_id, form):
    return run(rule_id, form, settings)


def test_the_2021_scheme_keeps_cost_required_below_a_million():
    settings = load_settings(budget_year=2022)
    small = _asking(_without_cost(clean_form("exhibition")), 500_000)
    assert [f.severity.value for f in _run_with(settings, "coverage.W001", small)] == ["warning"]
    assert _run_with(settings, "coverage.W003", small) == []
    large = _asking(_without_cost(clean_form("exhibition")), 12_000_000)
    assert _run_with(settings, "coverage.W001", large) == []  # coverage.W003 speaks instead
    assert [f.severity.value for f in _run_with(settings, "coverage.W003", large)] == ["error"]


def test_a_bad_event_count_under_quality_is_a_quality_indicator():
    form = clean_form()
    form = with_indicator(form, 2, name="安全事故发生次数", target="=0次")  # the only 质量指标
    assert run("coverage.W001", form) == []


def test_a_row_under_no_heading_counts_where_its_meaning_files_it():
    # 重庆's flat list has no headings: its satisfaction row is a satisfaction indicator
    form = clean_form()
    rows = [i for i in form.indicators if i.level1 != "满意度指标"]
    assert any(
        "满意度指标" in f.message.zh
        for f in run("coverage.W001", form.with_changes(indicators=tuple(rows)))
    )
    flat = form.with_changes(
        indicators=(
            *rows,
            type(rows[0])(
                None, None, "服务对象满意度", "95", extra={"指标性质": "≥", "度量单位": "%"}
            ),
        )
    )
    assert not any("满意度指标" in f.message.zh for f in run("coverage.W001", flat))


@pytest.mark.parametrize(
    "name, heading",
    [
        ("完工项目验收率", "质量指标"),  # 重庆市水利局 2026
        ("已建工程项目良性运行比例", "效益指标"),
        ("自来水普及率", "效益指标"),
        ("受益人口", "效益指标"),
    ],
)
def test_a_flat_lists_row_of_quality_or_effect_counts_under_its_heading(name, heading):
    """A list without headings (重庆's 指标名称 list) files each row by what its name says: an
    acceptance rate is quality, what is reached or keeps working an effect on people."""
    form = clean_form()
    rows = [i for i in form.indicators if heading not in (i.level1, i.level2)]
    missing = {
        f.message.zh for f in run("coverage.W001", form.with_changes(indicators=tuple(rows)))
    }
    assert any(heading in m for m in missing)
    row = type(rows[0])(None, None, name, "90", extra={"指标性质": "≥", "度量单位": "%"})
    flat = form.with_changes(indicators=(*rows, row))
    assert not any(heading in f.message.zh for f in run("coverage.W001", flat))


def test_beneficiaries_counted_under_quantity_are_left_there():
    """Under a heading of its own a count of beneficiaries is not refiled (no classify.W001)."""
    form = with_indicator(clean_form(), 0, name="受益人口", target="≥150万人")
    assert form.indicators[0].level2 == "数量指标"
    assert run("classify.W001", form) == []
