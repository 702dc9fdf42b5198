"""Reading the values of cells: money, dates, years, goal periods. Nothing here guesses: a value
that cannot be read is None, and the caller notes it."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from jixiao.domain import periods

# A number in any spelling `Decimal` reads (`1e30`, `NaN`, `Infinity` included: such a cell is a
# number, refused by the bounds of `jixiao.domain.bounds`, not text to note), then its unit.
_MONEY = re.compile(r"^(.*?)(万元|万|元)?$", re.DOTALL)
_DATE_FORMS = (
    re.compile(r"^(\d{4})\s*[-/.．]\s*(\d{1,2})\s*[-/.．]\s*(\d{1,2})$"),
    re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年度")
_PERIOD = re.compile(r"((?:19|20)\d{2})\s*年?\s*[-—－~～至到]+\s*((?:19|20)\d{2})")
_BRACKETED = re.compile(r"[（(]([^（）()]*)[）)]\s*$")


@lru_cache(maxsize=1 << 14)
def money(text: str) -> tuple[Decimal | None, str | None]:
    """A money cell: its Decimal exactly as written (thousands separators dropped), and the unit
    written inside it (`854万` → 854, 万元), if any. Text that is no number gives (None, None);
    a number is returned whatever its size or sign (`check_amount` judges it)."""
    folded = text.replace(",", "").replace("，", "").replace(" ", "").replace("\u3000", "")
    match = _MONEY.match(folded.translate(_FULL_WIDTH_DIGITS))
    if not match or not match.group(1):
        return None, None
    try:
        value = Decimal(match.group(1))
    except InvalidOperation:
        return None, None
    unit = match.group(2)
    return value, ("万元" if unit in ("万", "万元") else unit)


# An amount with a remark after it (`854万(高标准农田建设400万元,示范建设295万元)`), or written
# twice by a copy (`854万854万`): the amount first, then what follows it.
_LEADING_AMOUNT = re.compile(r"^\s*([0-9０-９][0-9０-９,，.．]*)\s*(万元|万|元)?")


def money_remark(text: str) -> tuple[Decimal | None, str | None, str, bool]:
    """A money cell that `money` cannot read whole because something follows the amount: the
    amount, its unit (a bracketed unit after it included: `12（万元）`), the bracketed remark
    after it ("" when none), and whether the amount was written twice (a copy's slip:
    `854万854万`). (None, None, "", False) when the cell is not of that shape."""
    nothing: tuple[Decimal | None, str | None, str, bool] = (None, None, "", False)
    match = _LEADING_AMOUNT.match(text)
    if match is None:
        return nothing
    amount, unit = money(match.group(0))
    rest = text[match.end() :].strip()
    if amount is None or not rest:
        return nothing
    again = _LEADING_AMOUNT.match(rest)
    doubled = again is not None and again.group(2) is not None
    if doubled:
        if money(again.group(0)) != (amount, unit):  # type: ignore[union-attr]
            return nothing
        rest = rest[again.end() :].strip()  # type: ignore[union-attr]
    if not rest:
        return amount, unit, "", doubled
    if not _BRACKETED.fullmatch(rest):
        return nothing
    said = bracketed_unit(rest)
    if said is not None and unit in (None, said):
        return amount, said, "", doubled
    return amount, unit, rest, doubled


_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．－＋", "0123456789.-+")

UNITS = ("元", "万元")
# A line that states the unit of a form's money: `单位：万元`, `金额单位：元`, alone in its cell or
# at the end of one (`填报单位：某局　金额单位：万元`); `填报单位：某局` is no statement of a unit.
_UNIT_LINE = re.compile(
    r"(?:^|[\s　(（])(?:金额|资金|货币)?单位\s*[:：]\s*(?:人民币)?\s*(万元|千元|元)\s*[)）]?\s*$"
)


def unit_line(text: str) -> str | None:
    """The unit a line above or in the head of a form states for its money (`单位：万元`);
    `千元` too, which no amount is kept in (`settle_units` makes such a form's unit unknown)."""
    if "单位" not in text:
        return None
    match = _UNIT_LINE.search(" " + text.strip())
    return match.group(1) if match else None


def bracket_unit(suffix: str | None) -> str | None:
    """The unit a label states in brackets: `项目资金（万元）`, `资金总额（单位：元）`."""
    if not suffix:
        return None
    suffix = suffix.strip()
    if suffix in UNITS or suffix == "千元":
        return suffix
    return unit_line(suffix)


_BRACKETED_UNIT = re.compile(r"^[(（]\s*(?:单位\s*[:：]\s*)?(万元|千元|元)\s*[)）]$")


def bracketed_unit(text: str) -> str | None:
    """A cell that is a label's bracketed unit alone, split off the label by a white-space
    layout: `项目资金    (万元)` gives `项目资金` and `(万元)`."""
    if len(text) > 12:
        return None
    match = _BRACKETED_UNIT.match(text.strip())
    return match.group(1) if match else None


def convert(amount: Decimal, unit: str, into: str) -> Decimal:
    """An amount written in `unit` expressed in `into`, exactly: 万元 × 10,000 is 元, and 元 is
    万元 with the point moved four places (1,125.00 元 = 0.112500 万元); nothing is rounded."""
    if unit == into:
        return amount
    if unit == "万元":
        return amount * 10000
    return amount.scaleb(-4)


def whole(text: str, largest: int) -> int | None:
    """A whole number from 0 to `largest` in ASCII or full-width digits, else None. `²` and `٣`
    are digits to `str.isdigit` but no number here; the length is checked before `int` reads."""
    folded = text.strip().translate(_FULL_WIDTH_DIGITS)
    if not (folded.isascii() and folded.isdigit()) or len(folded) > len(str(largest)):
        return None
    number = int(folded)
    return number if number <= largest else None


@lru_cache(maxsize=1 << 12)
def day(text: str) -> date | None:
    folded = text.strip().translate(_FULL_WIDTH_DIGITS)
    for pattern in _DATE_FORMS:
        match = pattern.match(folded)
        if match:
            try:
                return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError:
                return None
    return None


def period_dates(text: str) -> tuple[date, date, bool] | None:
    """A period written in one cell (`domain.periods.span`), in ASCII or full-width digits."""
    return periods.span(text.translate(_FULL_WIDTH_DIGITS))


def budget_year(text: str) -> int | None:
    match = _YEAR.search(text.translate(_FULL_WIDTH_DIGITS))
    return int(match.group(1)) if match else None


_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


def title_year(text: str) -> int | None:
    """The budget year a form's title names: `2022年度`, else the first year of it written
    `2022年` (`鄂州市2022年市直部门预算项目支出绩效目标表`), never one of a period (2021年-2023年)."""
    year = budget_year(text)
    if year is not None:
        return year
    text = text.translate(_FULL_WIDTH_DIGITS)
    if _PERIOD.search(text):
        return None
    match = _TITLE_YEAR.search(text)
    return int(match.group(1)) if match else None


def period(text: str) -> tuple[int | None, int | None, str] | None:
    """The bracketed period at the end of a goal heading: `项目总目标（2021 年- 2021年）`."""
    match = _BRACKETED.search(text)
    if not match:
        return None
    inner = match.group(1)
    years = _PERIOD.search(inner.translate(_FULL_WIDTH_DIGITS))
    if not years:
        return None, None, inner
    return int(years.group(1)), int(years.group(2)), inner
