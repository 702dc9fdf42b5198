"""Amounts for people to read: `278,000.00`. One formatter for every page that shows money
(the web app's list, dashboard and form page), so that an amount looks the same wherever it is.

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
