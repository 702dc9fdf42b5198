"""Amounts for people (`jixiao.domain.amounts.format_amount`): grouped, two decimals, exact."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from jixiao.domain.amounts import format_amount
from jixiao.domain.bounds import MAX_FRACTION_DIGITS, MAX_INTEGER_DIGITS

figures = st.decimals(
    min_value=0,
    max_value=Decimal(10**MAX_INTEGER_DIGITS) - 1,
    places=MAX_FRACTION_DIGITS,
    allow_nan=False,
    allow_infinity=False,
)


@given(figures)
def test_an_amount_reads_back_as_the_same_figure_grouped_by_thousands(value: Decimal) -> None:
    text = format_amount(value)
    whole, _, fraction = text.partition(".")
    assert Decimal(text.replace(",", "")) == value  # nothing rounded away
    assert len(fraction) >= 2 and (len(fraction) == 2 or not fraction.endswith("0"))
    groups = whole.split(",")
    assert 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def test_amounts_as_the_seed_writes_them_look_alike() -> None:
    written = ["278000.00", "278000", "13525902.5", "0", "1.234567", "8E+4"]
    shown = [format_amount(Decimal(w)) for w in written]
    assert shown == ["278,000.00", "278,000.00", "13,525,902.50", "0.00", "1.234567", "80,000.00"]
