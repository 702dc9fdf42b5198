"""gap.W001 (goal_gap) and the reading of commitments it rests on."""

from decimal import Decimal

import pytest
from tests.review.conftest import add_indicator, clean_form, run, where

from jixiao.review.goaltext import commitments

SEED_15 = (
    "2021年1月-12月每月进行展项完好率检查及维修，确保展项完好率95%以上。年参观人次达到8万人。"
    "完成2件展项更新项目，完成2次科普临展项目，完成科普系列活动。"
)


def test_it_is_silent_on_clean_forms(clean_forms):
    assert [run("gap.W001", form) for form in clean_forms] == [[]] * len(clean_forms)


@pytest.mark.parametrize(
    ("text", "kind", "key", "value", "unit"),
    [
        ("确保展项完好率95%以上。", "rate", "展项完好率", "95", "%"),
        ("年参观人次达到8万人。", "count", "参观人次", "80000", "人"),
        ("出现故障在4小时内及时修复。", "within", "修复", "4", "小时"),
        ("单产由原来的每亩200公斤提高到250公斤。", "change", "单产", "250", "公斤"),
        ("完成2件展项更新项目。", "count", "展项更新项目", "2", "件"),
    ],
)
def test_it_reads_commitments(text, kind, key, value, unit):
    [c] = commitments(text)
    assert (c.kind, c.key, c.value, c.unit) == (kind, key, Decimal(value), unit)


def test_it_reports_each_unmeasured_commitment_with_a_suggested_row():
    form = clean_form().with_changes(annual_goal=SEED_15, overall_goal=SEED_15)
    form = add_indicator(
        form, "效益指标", "社会效益指标", "参观人次", ">=8万人次"
    )  # as form 15 has
    found = run("gap.W001", form)
    assert where(found) == [("gap.W001", "annual_goal", None)] * 3  # 8万人次 is measured
    assert [f.suggestion for f in found] == [
        {"name": "展项完好率", "level1": "产出指标", "level2": "质量指标", "target": ">=95%"},
        {"name": "展项更新项目数量", "level1": "产出指标", "level2": "数量指标", "target": "=2件"},
        {"name": "科普临展项目数量", "level1": "产出指标", "level2": "数量指标", "target": "=2次"},
    ]


def test_an_indicator_with_the_same_figure_and_unit_measures_a_count():
    text = "建立30亩标准智能温室生态种植大棚。"
    form = clean_form().with_changes(annual_goal=text, overall_goal=text)
    assert len(run("gap.W001", form)) == 1
    rows = (
        *form.indicators[:1],
        form.indicators[0].__class__("产出指标", "数量指标", "温室面积", "=30亩"),
    )
    assert run("gap.W001", form.with_changes(indicators=rows)) == []
