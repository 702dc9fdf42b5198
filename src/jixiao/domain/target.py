"""Target values (指标值): operator, exact value, unit, kind and direction.

`parse_target` reads every notation seen in real forms: `=30亩`, `>40`, `>=90%`, `≥95%`, `≤4小时`,
`>=8万人次` (80000 人次), `95%以上`, `不低于90%`, bare numbers, qualitative words (提升, 良好, 及时 ...),
是/否 and free text. It also reads what people write beyond operators (docs/domain.md, targets):
a change from a base (`由40场提高到50场`, `提高到95%`), a change against a period
(`较上年增长10%`, `同比提高5个百分点`), a range (`3-5个`, `90%～95%`), a deadline (`2021年12月底前`,
`9月30日前完成`, `年底前`) and a named standard (`达到国家二级标准`, `优良`, `合格`). It never raises:
what it cannot read is free text.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache

from jixiao.domain import periods


class Operator(StrEnum):
    EQ = "="
    GE = ">="
    GT = ">"
    LE = "<="
    LT = "<"


class TargetKind(StrEnum):
    QUANTITATIVE = "quantitative"
    QUALITATIVE = "qualitative"
    BOOLEAN = "boolean"
    FREE_TEXT = "free_text"
    EMPTY = "empty"
    CHANGE = "change"  # a change against a period: `较上年增长10%` (value is the change)
    RANGE = "range"  # `3-5个`: low and high, value is the low bound
    DEADLINE = "deadline"  # `2021年12月底前`: a date, or a month and day without the year
    STANDARD = "standard"  # a named standard or grade: `达到国家二级标准`, `优良`, `合格`


# Kinds whose target is a figure with a unit (the unit rules read them all).
FIGURES = frozenset({TargetKind.QUANTITATIVE, TargetKind.CHANGE, TargetKind.RANGE})
# Kinds that can be checked at year end without a word to interpret.
MEASURABLE = frozenset({*FIGURES, TargetKind.BOOLEAN, TargetKind.DEADLINE, TargetKind.STANDARD})


class Direction(StrEnum):
    POSITIVE = "positive"  # higher is better
    NEGATIVE = "negative"  # lower is better
    EXACT = "exact"


@dataclass(frozen=True)
class Target:
    """A parsed target value. `raw` is the text as written; `value` is exact, multipliers applied."""

    raw: str
    kind: TargetKind
    op: Operator | None = None
    value: Decimal | None = None
    unit: str | None = None
    direction: Direction | None = None
    word: str | None = None  # the qualitative word, 是/否, or the verb of a change, as written
    base: Decimal | None = None  # the starting value of `由40场提高到50场` (40)
    low: Decimal | None = None  # a range's bounds: `3-5个` → 3 and 5
    high: Decimal | None = None
    deadline: date | None = None  # `2021年12月底前` → 2021-12-31
    month: int | None = None  # a deadline's month and day, with or without its year
    day: int | None = None
    standard: str | None = None  # the standard or grade named: `国家二级标准`, `优良`
    relative_to: str | None = None  # a change's reference period: `上年`, `同比`

    @property
    def is_figure(self) -> bool:
        """A number with (or missing) a unit: a level, a change or a range."""
        return self.kind in FIGURES

    def render(self) -> str:
        """The target in the canonical notation (`>=80000人次`), readable by `parse_target`."""
        if self.kind is TargetKind.QUANTITATIVE and self.value is not None:
            unit = self.unit or ""
            if self.base is not None and self.word:
                base = format_decimal(self.base)
                joint = "" if self.word.endswith("至") else "到"
                return f"由{base}{unit}{self.word}{joint}{format_decimal(self.value)}{unit}"
            return f"{self.op or ''}{format_decimal(self.value)}{unit}"
        if self.kind is TargetKind.RANGE and self.low is not None and self.high is not None:
            return f"{format_decimal(self.low)}-{format_decimal(self.high)}{self.unit or ''}"
        return self.raw

    def to_json(self) -> dict[str, str | None]:
        # Written for every indicator of an import (84,000 for 6,000 forms): an enum member's
        # `_value_` is its value without the descriptor `.value` goes through (a third of the
        # time of this method).
        data: dict[str, str | None] = {
            "op": self.op._value_ if self.op else None,
            "value": None if self.value is None else format_decimal(self.value),
            "unit": self.unit,
            "kind": self.kind._value_,
        }
        if self.direction:
            data["direction"] = self.direction._value_
        if self.base is not None:
            data["base"] = format_decimal(self.base)
        if self.low is not None:
            data["low"] = format_decimal(self.low)
        if self.high is not None:
            data["high"] = format_decimal(self.high)
        if self.month is not None and self.day is not None:
            when = (
                self.deadline.isoformat() if self.deadline else f"--{self.month:02d}-{self.day:02d}"
            )
            data["deadline"] = when
        if self.standard:
            data["standard"] = self.standard
        if self.relative_to:
            data["relative_to"] = self.relative_to
        return data


def format_decimal(value: Decimal) -> str:
    """A decimal as plain digits, never in exponent notation (`8E+4` is written `80000`)."""
    return format(value, "f")


# Qualitative vocabulary (docs/domain.md) with the direction each implies, where it implies one.
QUALITATIVE_WORDS: dict[str, Direction | None] = {
    "提升": Direction.POSITIVE,
    "提高": Direction.POSITIVE,
    "增加": Direction.POSITIVE,
    "增长": Direction.POSITIVE,
    "明显提升": Direction.POSITIVE,
    "有所提升": Direction.POSITIVE,
    "逐步提升": Direction.POSITIVE,
    "稳步提升": Direction.POSITIVE,
    "显著提升": Direction.POSITIVE,
    "降低": Direction.NEGATIVE,
    "减少": Direction.NEGATIVE,
    "下降": Direction.NEGATIVE,
    "良好": None,
    "较好": None,
    "优秀": None,
    "及时": None,
    "按时": None,
    "公开": None,
    "健全": None,
    "完善": None,
    "有效": None,
    "满意": None,
    "基本满意": None,
    "效果明显": None,
    "效果显著": None,
    "明显": None,
    "显著": None,
    "稳定": None,
    "正常": None,
    "达标": None,
    "规范": None,
    "符合相关规定": None,
    "符合规定": None,
    "符合要求": None,
    "在计划时间内完成": None,
    "按计划完成": None,
    "按期完成": None,
    "充分比价": None,
    "全年正常开放": None,
}
BOOLEAN_WORDS = {"是": True, "否": False, "有": True, "无": False}
PLACEHOLDERS = {"*", "**", "***", "_", "__", "-", "--", "—", "——", "/", "无数据", "待定"}

MULTIPLIERS = {"千": Decimal(1000), "万": Decimal(10000), "亿": Decimal(100000000)}

_OPERATOR_WORDS: tuple[tuple[str, Operator], ...] = (
    ("大于等于", Operator.GE),
    ("大于或等于", Operator.GE),
    ("不低于", Operator.GE),
    ("不少于", Operator.GE),
    ("不小于", Operator.GE),
    ("达到", Operator.GE),
    ("小于等于", Operator.LE),
    ("小于或等于", Operator.LE),
    ("不高于", Operator.LE),
    ("不超过", Operator.LE),
    ("不多于", Operator.LE),
    ("不大于", Operator.LE),
    ("控制在", Operator.LE),
    ("大于", Operator.GT),
    ("高于", Operator.GT),
    ("超过", Operator.GT),
    ("多于", Operator.GT),
    ("小于", Operator.LT),
    ("低于", Operator.LT),
    ("少于", Operator.LT),
    ("等于", Operator.EQ),
)
_SUFFIX_OPERATORS: tuple[tuple[str, Operator], ...] = (
    ("以上", Operator.GE),
    ("及以上", Operator.GE),
    ("以下", Operator.LE),
    ("及以下", Operator.LE),
    ("以内", Operator.LE),
)
_SYMBOLS = (
    (">=", Operator.GE),
    ("=>", Operator.GE),
    ("≥", Operator.GE),
    ("≧", Operator.GE),
    ("<=", Operator.LE),
    ("=<", Operator.LE),
    ("≤", Operator.LE),
    ("≦", Operator.LE),
    ("==", Operator.EQ),
    ("=", Operator.EQ),
    (">", Operator.GT),
    ("<", Operator.LT),
)
_DIRECTIONS = {
    Operator.GE: Direction.POSITIVE,
    Operator.GT: Direction.POSITIVE,
    Operator.LE: Direction.NEGATIVE,
    Operator.LT: Direction.NEGATIVE,
    Operator.EQ: Direction.EXACT,
}
# Verbs of a change and the direction each gives.
_UP = ("提高", "提升", "增加", "增长", "上升", "扩大", "达到", "增至", "升至")
_DOWN = ("降低", "减少", "下降", "缩短", "压缩", "压减", "控制", "降至", "减至")
_VERB = "|".join(sorted(_UP + _DOWN, key=len, reverse=True))
_CHANGE_FROM = re.compile(rf"^(?:由|从)(.{{1,20}}?)({_VERB})(?:到|至|为|在)?(.{{1,24}})$")
_CHANGE_TO = re.compile(rf"^({_VERB})(到|至)?(.{{1,24}})$")
_JOINTS = ("到", "至", "为", "在")
_VERB_STARTS = tuple(sorted(set(_UP + _DOWN)))
_CHANGE_SINCE = re.compile(
    rf"^(?:较|比|相比|相较|与)(.{{1,10}}?)(?:相比)?({_VERB})了?(.{{1,24}})$|^(同比|环比)({_VERB})了?(.{{1,24}})$"
)
_RANGE = re.compile(r"^(\d+(?:\.\d+)?)([^\d\-~至到]{0,6})(?:-|~|至|到|—)(\d+(?:\.\d+)?[^\d]{0,8})$")
_DEADLINE = re.compile(
    r"^(?:在|于|截至|截止|截止到|截止至)?(?:(\d{4})年)?"
    r"(?:(\d{1,2})月(?:(\d{1,2})[日号]|([底末]))?|(年)?([底末内]))"
    r"(前|之前|以前)?[\u4e00-\u9fa5]{0,10}$"
)
# A grade (二级, 三类, 甲等, AAA级, II类) or a standard's code (GB/T 22239) names a standard.
_GRADE = re.compile(
    r"(?:[一二三四五六七八九十]{1,2}|\d{1,2}A?|A{1,5}|[甲乙丙丁]|I{1,3}|IV|V)[级类等]|(?:GB|DB|HJ|JGJ|CJJ|ISO)"
)
_STANDARD_WORDS = ("达到", "符合", "满足", "执行", "通过")
_STANDARD_GRADES = frozenset({"优良", "合格", "验收合格"})
_EXTENDED_MAX = 48  # longer text is a sentence, not a target: read as free text, cheaply
_NUMBER = re.compile(r"^([+-]?(?:\d+(?:,\d{3})*(?:\.\d+)?|\.\d+))\s*([千万亿]?)\s*(.*)$", re.S)
_UNIT = re.compile(r"^[^\d\s=<>≥≤]{1,8}$")
# Units some templates spell out in words, read as the sign other forms print (`=100百分比`, the
# way Hubei's system exports `=100%`): the same target, compared with the others.
_UNIT_WORDS = {"百分比": "%"}
_SPACES = re.compile(r"[\s\u3000]+")


def _fold(text: str) -> str:
    """Full-width forms to ASCII (＞＝％１２ → >=%12), white space removed: for reading only."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))


def _split_operator(text: str) -> tuple[Operator | None, str]:
    for symbol, op in _SYMBOLS:
        if text.startswith(symbol):
            return op, text[len(symbol) :]
    for word, op in _OPERATOR_WORDS:
        if text.startswith(word):
            return op, text[len(word) :]
    return None, text


def _split_suffix(text: str) -> tuple[Operator | None, str]:
    for word, op in _SUFFIX_OPERATORS:
        if text.endswith(word):
            return op, text[: -len(word)]
    return None, text


def _quantity(text: str) -> tuple[Decimal, str | None] | None:
    match = _NUMBER.match(text)
    if not match:
        return None
    digits, multiplier, rest = match.groups()
    try:
        value = Decimal(digits.replace(",", ""))
    except InvalidOperation:
        return None
    if multiplier:
        value = _normalise(value * MULTIPLIERS[multiplier])
    if rest and not _UNIT.match(rest):
        return None
    return value, _UNIT_WORDS.get(rest, rest) or None


def _normalise(value: Decimal) -> Decimal:
    """Drop the trailing zeros a multiplication leaves (1.50万 → 15000, not 15000.00)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


@lru_cache(maxsize=1 << 16)
def parse_target(raw: str | None) -> Target:
    """Read a target value as written; never raises. Targets repeat a lot across forms and a
    `Target` is immutable, so results are shared."""
    text = (raw or "").strip(" \t\r\n\u3000\u00a0")
    folded = _fold(text)
    if not folded or folded in PLACEHOLDERS:
        return Target(raw=text, kind=TargetKind.EMPTY)
    if folded in BOOLEAN_WORDS:
        return Target(raw=text, kind=TargetKind.BOOLEAN, word=folded)
    if folded in QUALITATIVE_WORDS:
        return Target(
            raw=text,
            kind=TargetKind.QUALITATIVE,
            word=folded,
            direction=QUALITATIVE_WORDS[folded],
        )
    if folded in _STANDARD_GRADES:
        return Target(
            raw=text,
            kind=TargetKind.STANDARD,
            word=folded,
            standard=folded,
            direction=Direction.EXACT,
        )
    op, rest = _split_operator(folded)
    short = len(folded) <= _EXTENDED_MAX
    if short and op in (None, Operator.LE, Operator.LT) and ("月" in rest or "年" in rest):
        found = _deadline(text, rest)
        if found is not None:
            return found
    if short and op is None and rest[:2] in ("19", "20") and (found := _period(text, rest)):
        return found
    suffix_op, rest = _split_suffix(rest)
    if op is None:
        op = suffix_op
    elif suffix_op is not None and suffix_op is not op:
        return Target(raw=text, kind=TargetKind.FREE_TEXT)
    quantity = _quantity(rest)
    if quantity is None:
        found = _extended(text, folded) if short else None
        return found or _qualitative_after_operator(text, op, rest)
    value, unit = quantity
    return Target(
        raw=text,
        kind=TargetKind.QUANTITATIVE,
        op=op,
        value=value,
        unit=unit,
        direction=_DIRECTIONS[op] if op else None,
    )


def _qualitative_after_operator(text: str, op: Operator | None, rest: str) -> Target:
    """`=及时`, `=是` and the like: an operator put before a word."""
    if op is Operator.EQ and rest in BOOLEAN_WORDS:
        return Target(raw=text, kind=TargetKind.BOOLEAN, op=op, word=rest)
    if op is Operator.EQ and rest in QUALITATIVE_WORDS:
        return Target(
            raw=text,
            kind=TargetKind.QUALITATIVE,
            op=op,
            word=rest,
            direction=QUALITATIVE_WORDS[rest],
        )
    return Target(raw=text, kind=TargetKind.FREE_TEXT)


def _extended(text: str, folded: str) -> Target | None:
    """What people write beyond an operator and a number: a change, a range, a named standard."""
    first = folded[0]
    if first.isdigit():
        return _range(text, folded)
    found = None
    if first in "由从":
        found = _change_from(text, folded)
    elif folded.startswith(_VERB_STARTS):
        found = _change_to(text, folded)
    elif first in "较比相与同环":
        found = _change_since(text, folded)
    return found or _standard(text, folded)


def _verb_direction(verb: str) -> Direction:
    return Direction.POSITIVE if verb in _UP else Direction.NEGATIVE


def _figure(text: str) -> tuple[Operator | None, Decimal, str | None] | None:
    """`50场`, `95%以上`: a number with its unit and an optional suffix operator."""
    op, rest = _split_suffix(text)
    quantity = _quantity(rest)
    return None if quantity is None else (op, *quantity)


def _change_from(text: str, folded: str) -> Target | None:
    """`由40场提高到50场`: the level to reach (`value`) and where it starts (`base`)."""
    match = _CHANGE_FROM.match(folded)
    if not match or not (
        folded[match.end(2) : match.end(2) + 1] in _JOINTS or match.group(2)[-1] == "至"
    ):
        return None
    base, new = _figure(match.group(1)), _figure(match.group(3))
    if base is None or new is None or base[0] is not None:
        return None
    unit = new[2] or base[2]
    if base[2] is not None and base[2] != unit:
        return None
    direction = _verb_direction(match.group(2))
    rising = new[1] > base[1]
    if new[1] == base[1] or rising is not (direction is Direction.POSITIVE):
        return None  # 由50提高到40: the words and the figures disagree
    op = new[0] or (Operator.GE if rising else Operator.LE)
    return Target(
        raw=text,
        kind=TargetKind.QUANTITATIVE,
        op=op,
        value=new[1],
        unit=unit,
        direction=direction,
        word=match.group(2),
        base=base[1],
    )


def _change_to(text: str, folded: str) -> Target | None:
    """`提高到95%` (a level to reach) or `增长10%` (a change, against the year before)."""
    match = _CHANGE_TO.match(folded)
    if not match:
        return None
    verb, joint, rest = match.groups()
    figure = _figure(rest)
    if figure is None:
        return None
    direction = _verb_direction(verb)
    if joint or verb.endswith("至"):
        op = figure[0] or (Operator.GE if direction is Direction.POSITIVE else Operator.LE)
        return Target(
            raw=text,
            kind=TargetKind.QUANTITATIVE,
            op=op,
            value=figure[1],
            unit=figure[2],
            direction=direction,
            word=verb,
        )
    return _change(text, verb, figure, None)


def _change_since(text: str, folded: str) -> Target | None:
    """`较上年增长10%`, `同比提高5个百分点`: a change against a period."""
    match = _CHANGE_SINCE.match(folded)
    if not match:
        return None
    since, verb, rest = match.group(1, 2, 3) if match.group(1) else match.group(4, 5, 6)
    figure = _figure(rest)
    return _change(text, verb, figure, since) if figure else None


def _change(
    text: str, verb: str, figure: tuple[Operator | None, Decimal, str | None], since: str | None
) -> Target:
    return Target(
        raw=text,
        kind=TargetKind.CHANGE,
        op=figure[0],
        value=figure[1],
        unit=figure[2],
        direction=_verb_direction(verb),
        word=verb,
        relative_to=since,
    )


def _range(text: str, folded: str) -> Target | None:
    """`3-5个`, `90%～95%`: both bounds in one unit, the low one first."""
    match = _RANGE.match(folded)
    if not match:
        return None
    low_unit = match.group(2) or None
    high = _quantity(match.group(3))
    if high is None:
        return None
    try:
        low = Decimal(match.group(1))
    except InvalidOperation:  # pragma: no cover - the pattern admits digits only
        return None
    multiplier = match.group(3).lstrip("0123456789.")[:1]
    if low_unit is None and multiplier in MULTIPLIERS:  # 3-5万人次: both bounds in 万
        low = _normalise(low * MULTIPLIERS[multiplier])
    unit = high[1] or low_unit
    if (low_unit is not None and low_unit != unit) or not low < high[0]:
        return None
    return Target(
        raw=text,
        kind=TargetKind.RANGE,
        value=low,
        unit=unit,
        direction=Direction.EXACT,
        low=low,
        high=high[0],
    )


def _deadline(text: str, rest: str) -> Target | None:
    """`2021年12月底前`, `9月30日前完成`, `年底前`: by when; a date when the year is given."""
    match = _DEADLINE.match(rest)
    if not match:
        return None
    year_text, month_text, day_text, month_end, year_word, _end, before = match.groups()
    year = int(year_text) if year_text else None
    if month_text is None:  # 年底, 2021年底, 年内
        if year is None and year_word is None:
            return None
        month, day = 12, 31
    else:
        month = int(month_text)
        if not day_text and not month_end and not before and year is None:
            return None  # `12月`: a number of months as likely as a month
        if not 1 <= month <= 12:
            return None
        last = calendar.monthrange(year or 2001, month)[1]
        day = int(day_text) if day_text else last
    try:
        when = date(year, month, day) if year else date(2000, month, day)  # 2000: leap, 2月29日
    except ValueError:
        return None
    return Target(
        raw=text,
        kind=TargetKind.DEADLINE,
        op=Operator.LE,
        direction=Direction.NEGATIVE,
        deadline=when if year else None,
        month=month,
        day=day,
    )


def _period(text: str, rest: str) -> Target | None:
    """`2023.07-2024.01`, `2023年7月至2024年1月`: a period of months (`domain.periods.months`),
    read as its end: done by the last day of its last month. Not a range of two numbers."""
    found = periods.months(rest)
    if found is None:
        return None
    end = found[1]
    return Target(
        raw=text,
        kind=TargetKind.DEADLINE,
        op=Operator.LE,
        direction=Direction.NEGATIVE,
        deadline=end,
        month=end.month,
        day=end.day,
    )


def _standard(text: str, folded: str) -> Target | None:
    """`达到国家二级标准`, `符合GB/T22239三级要求`: a standard or grade named."""
    named = folded
    for word in _STANDARD_WORDS:
        if named.startswith(word):
            named = named[len(word) :]
            break
    if named in _STANDARD_GRADES or _GRADE.search(named):
        return Target(raw=text, kind=TargetKind.STANDARD, direction=Direction.EXACT, standard=named)
    return None
