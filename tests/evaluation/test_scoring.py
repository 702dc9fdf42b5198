"""The formulas of self-evaluation with worked examples (docs/evaluation.md, *Formulas*)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from jixiao.domain.target import parse_target
from jixiao.evaluation.model import Achievement
from jixiao.evaluation.scoring import (
    exact,
    execution_rate,
    execution_score,
    figure,
    in_range,
    negative,
    positive,
    qualitative,
    round2,
    share,
)
from jixiao.evaluation.settings import evaluation_settings

SETTINGS = evaluation_settings()


def test_the_published_execution_example_86_19_percent_gives_8_62() -> None:
    # A published table: 全年预算数 1,000,000, 全年执行数 861,900 -> 86.19% -> 8.62 of 10.
    assert execution_rate(D("1000000"), D("861900")) == D("86.19")
    assert round2(execution_score(D(10), D("1000000"), D("861900")).value) == D("8.62")


def test_execution_is_capped_at_its_weight_and_never_negative() -> None:
    assert execution_score(D(10), D(100), D(130)).value == 10
    assert execution_score(D(10), D(100), D(-5)).value == 0


def test_rounding_is_half_up_to_two_decimals() -> None:
    assert round2(D("8.615")) == D("8.62")
    assert round2(D("8.625")) == D("8.63")  # half-even would give 8.62
    assert round2(D("0.005")) == D("0.01")


@pytest.mark.parametrize(
    ("target", "actual", "score"),
    [
        (D(100), D(95), D("9.50")),
        (D(100), D(100), D("10.00")),
        (D(100), D(150), D("10.00")),
        (D(100), D(0), D("0.00")),
        (D(3), D(2), D("6.67")),
    ],
)
def test_positive_met_gives_the_weight_else_weight_times_actual_over_target(
    target, actual, score
) -> None:
    assert round2(positive(D(10), target, actual).value) == score


@pytest.mark.parametrize(
    ("actual", "linear", "ratio"),
    [
        (D(8), D("10.00"), D("10.00")),
        (D(10), D("10.00"), D("10.00")),
        (D(12), D("8.00"), D("8.33")),
        (D(15), D("5.00"), D("6.67")),
        (D(20), D("0.00"), D("5.00")),
        (D(30), D("0.00"), D("3.33")),
    ],
)
def test_negative_both_formulas(actual, linear, ratio) -> None:
    # ≤10: linear loses the relative excess and is 0 at twice the target; ratio is target ÷ actual.
    assert round2(negative(D(10), D(10), actual, "linear").value) == linear
    assert round2(negative(D(10), D(10), actual, "ratio").value) == ratio


def test_exact_zero_is_full_at_or_below_zero_else_nothing() -> None:
    for formula in ("positive", "distance"):
        assert exact(D(5), D(0), D(0), formula).value == 5
        assert exact(D(5), D(0), D(-1), formula).value == 5
        assert exact(D(5), D(0), D(1), formula).value == 0


def test_exact_other_targets_by_the_chosen_variant() -> None:
    assert round2(exact(D(10), D(100), D(95), "positive").value) == D("9.50")
    assert exact(D(10), D(100), D(110), "positive").value == 10
    assert round2(exact(D(10), D(100), D(110), "distance").value) == D("9.00")
    assert round2(exact(D(10), D(100), D(95), "distance").value) == D("9.50")


def test_a_range_is_full_inside_and_scored_on_the_nearer_bound_outside() -> None:
    assert in_range(D(10), D(3), D(5), D(4), "linear").value == 10
    assert round2(in_range(D(10), D(3), D(5), D(2), "linear").value) == D("6.67")
    assert round2(in_range(D(10), D(3), D(5), D(6), "linear").value) == D("8.00")


def test_figure_reads_the_direction_from_the_target() -> None:
    assert round2(figure(D(10), parse_target("≤4小时"), D(5), SETTINGS).value) == D("7.50")
    assert round2(figure(D(10), parse_target(">=90%"), D(81), SETTINGS).value) == D("9.00")
    assert round2(figure(D(10), parse_target("=100%"), D(96), SETTINGS).value) == D("9.60")
    assert round2(figure(D(10), parse_target("3-5个"), D(2), SETTINGS).value) == D("6.67")
    # A change against the previous year: the actual is the change reached.
    assert round2(figure(D(10), parse_target("较上年增长10%"), D(8), SETTINGS).value) == D("8.00")


@pytest.mark.parametrize(
    ("level", "stated", "score"),
    [
        (Achievement.MET, None, D("10.00")),
        (Achievement.MET, D("8.5"), D("8.50")),
        (Achievement.MET, D("7"), D("8.00")),
        (Achievement.PARTLY, D("7"), D("7.00")),
        (Achievement.PARTLY, D("9"), D("8.00")),
        (Achievement.PARTLY, None, D("6.00")),
        (Achievement.NOT_MET, D("3"), D("3.00")),
        (Achievement.NOT_MET, None, D("0.00")),
    ],
)
def test_qualitative_keeps_the_units_score_inside_its_band(level, stated, score) -> None:
    assert round2(qualitative(D(10), level, stated, SETTINGS).value) == score


def test_share_adds_up_exactly_in_hundredths() -> None:
    assert share(D(50), [D(1)] * 7) == [D("7.15"), D("7.15")] + [D("7.14")] * 5
    assert sum(share(D(90), [D(50), D(30)])) == 90
    assert share(D(90), [D(50), D(30)]) == [D("56.25"), D("33.75")]
    assert share(D(10), []) == []
