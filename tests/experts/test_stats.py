"""A round's statistics per form (jixiao.experts.stats)."""

from __future__ import annotations

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from jixiao.experts.stats import form_stats


def test_a_worked_example_of_mean_spread_deviation_and_disagreement():
    found = form_stats({"甲": D("80"), "乙": D("90"), "丙": D("70.5")}, margin=D("8"))
    assert found is not None
    assert found.count == 3
    assert found.mean == D("80.17")  # 240.5 / 3
    assert found.spread == D("19.50")
    assert found.deviation == D("7.96")  # population standard deviation
    assert found.disagreeing == ("乙", "丙")  # 9.83 and 9.67 from the mean; 甲 0.17


def test_a_margin_just_reached_is_no_disagreement():
    found = form_stats({1: D("70"), 2: D("90")}, margin=D("10"))
    assert found is not None and found.disagreeing == () and found.deviation == D("10.00")


def test_no_sheet_no_statistics():
    assert form_stats({}, margin=D("10")) is None


totals = st.dictionaries(
    st.integers(1, 20), st.decimals(min_value=0, max_value=100, places=2), min_size=1, max_size=8
)


@given(totals, st.decimals(min_value=0, max_value=50, places=2))
def test_the_figures_hold_for_any_totals(scores, margin):
    found = form_stats(scores, margin)
    assert found is not None
    assert min(scores.values()) - D("0.005") <= found.mean <= max(scores.values()) + D("0.005")
    assert found.spread == max(scores.values()) - min(scores.values())
    assert 0 <= found.deviation <= found.spread
    mean = sum(scores.values()) / len(scores)
    assert set(found.disagreeing) == {k for k, v in scores.items() if abs(v - mean) > margin}
