"""Target values (指标值): operator, exact value, unit, kind and direction.

`parse_target` reads every notation seen in real forms: `=30亩`, `>40`, `>=90%`, `≥95%`, `≤4小时`,
`>=8万人次` (80000 人次), `95%以上`, `不低于90%`, bare numbers, qualitative words (提升, 良好, 及时 ...),
是/否 and free text. It never raises: what it cannot read is free text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from functools import lru_cache


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
    word: str | None = None  # the qualitative word or 是/否 as written

    def render(self) -> str:
        """The target in the canonical notation (`>=80000人次`), readable by `parse_target`."""
        if self.kind is TargetKind.QUANTITATIVE and self.value is not None:
            return f"{self.op or ''}{format_decimal(self.value)}{self.unit or ''}"
        return self.raw

    def to_json(self) -> dict[str, str | None]:
        data: dict[str, str | None] = {
            "op": self.op.value if self.op else None,
            "value": format_decimal(self.value) if self.value is not None else None,
            "unit": self.unit,
            "kind": self.kind.value,
        }
        if self.direction:
            data["direction"] = self.direction.value
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
    "合格": None,
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
_NUMBER = re.compile(r"^([+-]?(?:\d+(?:,\d{3})*(?:\.\d+)?|\.\d+))\s*([千万亿]?)\s*(.*)$", re.S)
_UNIT = re.compile(r"^[^\d\s=<>≥≤]{1,8}$")
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
    return value, rest or None


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
    op, rest = _split_operator(folded)
    suffix_op, rest = _split_suffix(rest)
    if op is None:
        op = suffix_op
    elif suffix_op is not None and suffix_op is not op:
        return Target(raw=text, kind=TargetKind.FREE_TEXT)
    quantity = _quantity(rest)
    if quantity is None:
        return _qualitative_after_operator(text, op, rest)
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
