"""Monitoring lights (docs/evaluation.md, *Monitoring*): spending and indicators as of a month."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest

from jixiao.domain.target import parse_target
from jixiao.evaluation.lights import Light, budget_light, indicator_light, worst
from jixiao.evaluation.monitoring import MonitoredForm, MonitoredRow, blank, monitor, unit_light
from jixiao.evaluation.settings import evaluation_settings

S = evaluation_settings()


@pytest.mark.parametrize(
    ("spent", "light", "v"),
    [
        (D(34), Light.RED, D("58.29")),
        (D(35), Light.YELLOW, D("60.00")),
        (D("46.66"), Light.YELLOW, D("79.99")),
        (D("46.67"), Light.GREEN, D("80.01")),
        (D(90), Light.GREEN, D("154.29")),
    ],
)
def test_spending_light_is_the_rate_against_the_months_share(spent, light, v) -> None:
    lit = budget_light(D(100), spent, 7, S)
    assert lit is not None and (lit.light, lit.value) == (light, v)


def test_no_budget_no_spending_light() -> None:
    assert budget_light(D(0), D(5), 7, S) is None


@pytest.mark.parametrize(
    ("current", "light"),
    [("30场", Light.RED), ("40场", Light.YELLOW), ("60场", Light.GREEN), ("80场", Light.BLUE)],
)
def test_a_quantity_is_compared_with_its_share_by_the_month(current, light) -> None:
    # ≥120场 as of June: 60 are due; 30 is 50%, 40 is 66.67%, 60 is 100%, 80 is 133.33%.
    lit = indicator_light(parse_target(">=120场"), current, 6, S)
    assert lit is not None and lit.light is light


def test_a_rate_is_a_level_compared_with_the_whole_target_unless_set_otherwise() -> None:
    lit = indicator_light(parse_target(">=90%"), "85%", 7, S)
    assert lit is not None and lit.light is Light.GREEN and lit.value == D("94.44")
    prorated = replace(S, prorate_percent=True)
    lit = indicator_light(parse_target(">=90%"), "85%", 7, prorated)
    assert lit is not None and lit.light is Light.BLUE  # 85 ÷ (90 × 7/12) = 161.90


def test_lower_is_better_is_green_while_at_or_below_the_target() -> None:
    assert indicator_light(parse_target("≤4小时"), "3小时", 7, S).light is Light.GREEN
    assert indicator_light(parse_target("≤4小时"), "6小时", 7, S).light is Light.YELLOW  # 66.67
    assert indicator_light(parse_target("≤4小时"), "8小时", 7, S).light is Light.RED  # 50


def test_qualitative_rows_are_lit_by_their_level_and_impossible_is_red() -> None:
    assert indicator_light(parse_target("及时"), "及时", 7, S).light is Light.GREEN
    assert indicator_light(parse_target("健全"), "部分健全", 7, S).light is Light.YELLOW
    assert indicator_light(parse_target("健全"), "未健全", 7, S).light is Light.RED
    assert indicator_light(parse_target("≥100场"), "90场", 7, S, "完全不可能").light is Light.RED
    assert indicator_light(parse_target("良好"), "", 7, S) is None


def test_worst_light_blue_counts_as_on_track() -> None:
    assert worst([Light.GREEN, Light.BLUE, None]) is Light.GREEN
    assert worst([Light.BLUE, Light.YELLOW]) is Light.YELLOW
    assert worst([Light.GREEN, Light.RED, Light.YELLOW]) is Light.RED
    assert worst([None]) is None


def test_a_red_or_yellow_row_needs_a_reason_and_a_measure(seed_batch) -> None:
    form = blank(seed_batch.forms[0], 7)
    assert form.budget == D("278000") and len(form.rows) == 11
    rows = list(form.rows)
    rows[1] = replace(rows[1], current="2人")  # =10人: 2 of the 5.83 due, red
    entered = replace(form, spent=D("180000"), rows=tuple(rows))
    lights = monitor(entered, S)
    assert lights.budget.light is Light.GREEN and lights.rows[1].lit.light is Light.RED
    assert lights.light is Light.RED and lights.count(Light.RED) == 1
    assert len(lights.problems) == 2
    fixed = list(rows)
    fixed[1] = replace(rows[1], reason="人员", measure="增加招聘渠道")
    assert monitor(replace(entered, rows=tuple(fixed)), S).problems == ()
    wrong = list(fixed)
    wrong[1] = replace(fixed[1], reason="天气")
    assert len(monitor(replace(entered, rows=tuple(wrong)), S).problems) == 1


def test_a_units_light_is_its_worst_forms() -> None:
    def one(current: str):
        row = MonitoredRow("产出指标", "数量指标", "场次", ">=12场", current)
        return monitor(MonitoredForm("项目", rows=(row,)), S)

    assert unit_light([one("7场"), one("3场")]) is Light.RED
    assert unit_light([one("7场"), one("9场")]) is Light.GREEN
