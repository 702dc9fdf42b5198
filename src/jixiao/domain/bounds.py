"""The bounds of a funds figure (金额): the one rule every reader and the editor apply.

A figure is a finite, non-negative decimal with at most `MAX_INTEGER_DIGITS` digits before the
point and `MAX_FRACTION_DIGITS` after it, as written: `1.5000000` is refused like `1.5000001`,
and so is `0E-999999999`, which a plain-digits writer (`format_decimal`) would spell with a
billion zeros and PostgreSQL would not parse.

Why these numbers: the web app stores every figure in a `DecimalField(max_digits=23,
decimal_places=6)` (`jixiao_web.goals.models.MONEY`: one integer digit more than 16 + 6, because
SQLite reads a column back rounded to 15 significant digits and 9999999999999999 comes back as
1E+16), and the annual request in 元 (a figure in 万元 × 10,000, `Funds.requested_yuan`) in one
with four integer digits more. A figure beyond them made every page that lists it fail; it is
refused where it is read, with its file, line and field. Sixteen digits of 元 are far beyond any
budget (a national one has fourteen); six places hold 万元 written to the fen.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.errors import InputError
from jixiao.i18n import Text

MAX_INTEGER_DIGITS = 16
MAX_FRACTION_DIGITS = 6
# Whole numbers read from documents that the web app keeps in integer columns: a budget year as
# a date holds it (`datetime.MAXYEAR`); a form's number as PostgreSQL's `integer` does.
MAX_YEAR = 9999
MAX_SEQ = 2**31 - 1


def digits_written(value: Decimal) -> tuple[int, int]:
    """Digits of a finite value before and after the point in plain notation (`120.50` → 3, 2;
    `1E+3` → 4, 0; `0.5` → 0, 1). Read off the digit tuple, never computed: `1E+999999999`
    costs nothing."""
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # finite
    return max(0, len(digits) + exponent), max(0, -exponent)


def amount_problem(value: Decimal) -> Text | None:
    """Why `value` cannot be a funds figure, or None when it can."""
    if not value.is_finite():
        return Text("不是有限数值", "not a finite number")
    if value < 0:
        return Text("资金不能为负数", "funds cannot be negative")
    before, after = digits_written(value)
    if before > MAX_INTEGER_DIGITS:
        return Text("超出 {n} 位整数", "more than {n} digits before the point").format(
            n=MAX_INTEGER_DIGITS
        )
    if after > MAX_FRACTION_DIGITS:
        return Text("超出 {n} 位小数", "more than {n} digits after the point").format(
            n=MAX_FRACTION_DIGITS
        )
    return None


def check_amount(
    value: Decimal,
    *,
    field: str,
    written: str | None = None,
    path: str | None = None,
    line: int | None = None,
    at: Text | None = None,
) -> Decimal:
    """`value` unchanged if it is a valid funds figure; else `InputError` naming the field, the
    text as written (`written`, else the value) and the place (`at`: a sheet and cell, a form)."""
    problem = amount_problem(value)
    if problem is None:
        return value
    shown = (written if written is not None else str(value))[:40]
    message = Text(f"金额无效：{shown}（{problem.zh}）", f"invalid amount: {shown} ({problem.en})")
    raise InputError(at + message if at else message, path=path, line=line, field=field)
