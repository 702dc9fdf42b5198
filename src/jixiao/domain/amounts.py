"""Amounts for people to read: `278,000.00`. One formatter for every page that shows money
(the web app's list, dashboard and form page), so that an amount looks the same wherever it is;
the review's messages say an amount in 元 as the form wrote it (`yuan_text`) and a figure the
review worked out to the 分 (`rounded_yuan_text`).

Exports keep a figure as written instead (`format_decimal`, docs/exports.md): a reader of the
file must get the form back. Here nothing is rounded away either: two decimals, or as many as
the figure has beyond them (a 万元 figure may be written to six places, `jixiao.domain.bounds`).
"""

from __future__ import annotations

from decimal import Decimal

PLACES = 2


def format_amount(value: Decimal) -> str:
    """`value` with thousands separators and two decimals, more when it has more."""
    exponent = value.normalize().as_tuple().exponent
    places = max(PLACES, -exponent) if isinstance(exponent, int) else PLACES
    return f"{value:,.{places}f}"


def yuan_text(value: Decimal) -> str:
    """An amount in 元 as messages show it: thousands grouped and as precise as written, without
    the zeros that a figure in 万元 gains past the 分 when it is made 元 (2279.048 万元 is
    `22,790,480`, never `22,790,480.000`; `13,525,902.5` stays)."""
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        value = value.normalize()
    return f"{value:,f}"


def rounded_yuan_text(value: Decimal) -> str:
    """An amount in 元 to the 分, without `.00`: a figure jixiao works out (a sum, a unit cost)."""
    return f"{value:,.2f}".removesuffix(".00")
