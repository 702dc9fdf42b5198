"""Reading goal texts: quantified commitments, itemised costs, and what figures a goal holds.

A commitment is a promise the year-end evaluation can check: `展项完好率95%以上`,
`年参观人次达到8万人`, `4小时内修复`, `单产由200公斤提高到250公斤`, `完成2件展项更新项目`,
and counts in Chinese numerals (`选取一家总集成商`, `三个工作日内办结`). Each one comes with the
indicator row that would measure it. A goal is also read as its items (`goal_items`): numbered
(`1、` `（1）` `①` `一、`) or separated by semicolons, each a piece of work an indicator should measure
(docs/review.md, goal_indicator_gap).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

_DIGIT = re.compile(r"\d")
_FOLD = str.maketrans("０１２３４５６７８９％．", "0123456789%.")
_FULL_WIDTH = re.compile("[０-９％．]")
NUM = r"(\d+(?:\.\d+)?)"
CN_DIGITS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN = "一二两三四五六七八九十"
# A count in figures or in Chinese numerals (一家, 两套, 十二场); not the 一 of 统一, 第一, 之一 …
COUNT_NUM = rf"(\d+(?:\.\d+)?|(?<![统唯第之万每逐其{_CN}])[{_CN}]{{1,3}})"
HAN = "\u4e00-\u9fa5"
COUNT_UNITS = "人次|人|次|个|件|项|户|家|场|台|套|篇|份|期|所|座|名|批|条|处"
MEASURE_UNITS = "亩|公斤|千克|吨|平方米|米|公里|小时|天"

_RATE = re.compile(rf"([{HAN}]{{2,12}}?率)(?:达到|保持在?|不低于|在)?{NUM}%(以上|及以上)?")
_RATE_OF = re.compile(rf"(?:实现|达到|确保){NUM}%的?([{HAN}]{{2,8}})")
_REACH = re.compile(
    rf"([{HAN}]{{2,8}}?)(?:达到|超过|不少于|不低于|突破){NUM}(万|千)?({COUNT_UNITS}|{MEASURE_UNITS})"
)
_VERBS = (
    "完成|建立|建设|新建|新增|实现|开展|举办|组织|培训|提供|发放|采购|改造|更新|维修|安装|接待"
    "|服务|研究|审核|论证|起草|带动|推广|种植|帮扶|资助|支持|评审|编制|制作|出版|召开|选取|协调|搭建"
)
_DO = re.compile(
    rf"({_VERBS})([{HAN}、]{{0,8}}?){NUM}(万)?({COUNT_UNITS}|{MEASURE_UNITS})([{HAN}]{{0,12}})"
)
# The same with counts in Chinese numerals too: slower, searched only where there may be one.
_DO_CN = re.compile(
    rf"({_VERBS})([{HAN}、]{{0,8}}?){COUNT_NUM}(万)?({COUNT_UNITS}|{MEASURE_UNITS})([{HAN}]{{0,12}})"
)
# A Chinese numeral before a unit: without one (and without a digit) no count can be read.
_CN_COUNT = re.compile(rf"[{_CN}]万?(?:{COUNT_UNITS}|{MEASURE_UNITS}|分钟|日)")
# After a count in Chinese numerals, these make it a set phrase: 一次性, 一件事, 一条龙, 一户一档.
_CN_SET_PHRASE = frozenset("性事龙" + _CN)
_CN_VAGUE_UNITS = frozenset(["批", "期"])  # 一批 (some), 一期工程 (phase one)
# `两个机房各搭建一套`: a count per place; the places come just before 各.
_EACH = re.compile(rf"{COUNT_NUM}({COUNT_UNITS})[{HAN}]{{1,6}}?各$")
_CHANGE = re.compile(
    rf"([{HAN}]{{2,6}}?)(?:由|从)(?:原来的)?(?:每[{HAN}])?{NUM}({MEASURE_UNITS}|{COUNT_UNITS}|%)?"
    rf"(?:提高|提升|增加|增长|降低|减少|下降)(?:到|至){NUM}({MEASURE_UNITS}|{COUNT_UNITS}|%)"
)
_WITHIN = re.compile(rf"{NUM}(小时|分钟|个工作日|工作日|天|日)内([{HAN}]{{0,6}})")
_WITHIN_CN = re.compile(rf"{COUNT_NUM}(小时|分钟|个工作日|工作日|天|日)内([{HAN}]{{0,6}})")
_COST = re.compile(rf"{NUM}({COUNT_UNITS})[^\d；;。\n]{{0,6}}?每(?:\2)约?{NUM}(万)?元")
_LEADING = ("确保", "保证", "保持", "实现", "力争", "使", "年", "全年", "每年", "其中", "并", "和")
_UP_TO_LAST_BREAK = re.compile(r".*[，。；：,;:\n]", re.S)  # greedy: ends after the last break
# Words without which a pattern cannot match: a substring test is far cheaper than the search.
# What follows the key of `_REACH`: a match starts at most 8 characters before the first of these.
_REACH_TAIL = re.compile(
    rf"(?:达到|超过|不少于|不低于|突破){NUM}(万|千)?({COUNT_UNITS}|{MEASURE_UNITS})"
)
_RATE_OF_WORDS = re.compile("实现|达到|确保")
_COUNT_UNIT_SET = frozenset(COUNT_UNITS.split("|"))
_QUANTITY = re.compile(rf"{NUM}(万|千|亿)?(%|{COUNT_UNITS}|{MEASURE_UNITS}|元|万元|亿元)")
_FULL = Decimal(100)  # a rate cannot go beyond all: 100% is written "=100%", never ">=100%"
_MULTIPLIER = {
    "万": Decimal(10000),
    "千": Decimal(1000),
    "亿": Decimal(100000000),
    None: Decimal(1),
}


@dataclass(frozen=True)
class Commitment:
    """A quantified promise in a goal text and the indicator row that would measure it."""

    kind: str  # rate, count, change, within
    key: str  # what is measured, as the goal names it
    value: Decimal
    unit: str
    text: str  # the words of the goal
    name: str  # suggested indicator name
    level1: str
    level2: str
    target: str


def fold(text: str) -> str:
    return text.translate(_FOLD) if _FULL_WIDTH.search(text) else text


def _strip_leading(key: str) -> str:
    changed = True
    while changed:
        changed = False
        for word in _LEADING:
            if key.startswith(word) and len(key) > len(word) + 1:
                key, changed = key[len(word) :], True
    return key


def _num(text: str, multiplier: str | None = None) -> Decimal:
    if multiplier is None and len(text) < 28 and "." not in text:
        return Decimal(text)  # a whole number within the precision: already integral
    value = Decimal(text) * _MULTIPLIER[multiplier]
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value


def _cn_value(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十五 → 25; None for what is not a numeral (一二)."""
    tens, ten, ones = text.partition("十")
    if not ten:
        return CN_DIGITS[text] if len(text) == 1 else None
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    return CN_DIGITS.get(tens, 1) * 10 + (CN_DIGITS[ones] if ones else 0)


def _count(text: str, multiplier: str | None = None) -> Decimal | None:
    """A count in figures or in Chinese numerals."""
    if text[0] in CN_DIGITS or text[0] == "十":
        value = _cn_value(text)
        return None if value is None else Decimal(value) * _MULTIPLIER[multiplier]
    return _num(text, multiplier)


def _set_phrase(m: re.Match[str], number: int, unit: int) -> bool:
    """A count in Chinese numerals that is a set phrase (一次性, 一批, 一户一档), not a count."""
    if not m.group(number) or m.group(number)[0].isdigit():
        return False
    return m.group(unit) in _CN_VAGUE_UNITS or m.string[m.end(unit) : m.end(unit) + 1] in (
        _CN_SET_PHRASE
    )


def _fmt(value: Decimal) -> str:
    return format(value, "f")


def _rates(text: str) -> list[Commitment]:
    found: list[Commitment] = []
    if "%" not in text:
        return found  # both patterns end (or start) with a percentage
    for m in _RATE.finditer(text) if "率" in text else ():
        key = _strip_leading(m.group(1))
        value = _num(m.group(2))
        at_least = m.group(3) or "不低于" in m.group(0) or "达到" in m.group(0)
        op = ">=" if at_least and value < _FULL else "="
        found.append(
            Commitment(
                "rate",
                key,
                value,
                "%",
                m.group(0),
                key,
                "产出指标",
                "质量指标",
                f"{op}{_fmt(value)}%",
            )
        )
    for m in _RATE_OF.finditer(text) if _RATE_OF_WORDS.search(text) else ():
        key = re.split("[和及与、]", m.group(2))[0]
        value = _num(m.group(1))
        op = "=" if value >= _FULL else ">="  # 实现100%数据归集: all of it, not "100% or more"
        said = m.group(0)[: m.start(2) - m.start(0)] + key
        found.append(
            Commitment(
                "rate",
                key,
                value,
                "%",
                said,
                key + "率",
                "产出指标",
                "质量指标",
                f"{op}{_fmt(value)}%",
            )
        )
    return found


def _reaches(text: str) -> Iterator[re.Match[str]]:
    """`_REACH.finditer(text)`, the search begun where the first match can start at the earliest."""
    tail = _REACH_TAIL.search(text)
    return _REACH.finditer(text, max(0, tail.start() - 8)) if tail else iter(())


def _counts(text: str) -> list[Commitment]:
    found = []
    for m in _reaches(text):
        key = _strip_leading(m.group(1))
        value, unit = _num(m.group(2), m.group(3)), m.group(4)
        found.append(
            Commitment(
                "count",
                key,
                value,
                unit,
                m.group(0),
                key,
                "产出指标",
                "数量指标",
                f">={_fmt(value)}{unit}",
            )
        )
    for m in (_DO_CN if _CN_COUNT.search(text) else _DO).finditer(text):
        verb, middle, digits, multiplier, unit, tail = m.groups()
        if digits[0].isdigit():
            value: Decimal | None = _num(digits, multiplier)
        elif _set_phrase(m, 3, 5) or (value := _count(digits, multiplier)) is None:
            continue
        said = m.group(0)
        if text[m.start() - 1 : m.start()] == "各":  # 两个机房各搭建一套: a count per place
            places = _EACH.search(text, max(0, m.start() - 12), m.start())
            places_count = _count(places.group(1)) if places else None
            if places is None or places_count is None:
                continue  # per place, and the places are not counted: no total to check
            value, said = value * places_count, text[places.start() : m.end()]
        middle = middle.strip("、")
        obj = middle if len(middle) >= 3 else tail
        name = obj or _clause_before(text, m.start(3)) or verb
        suffix = "面积" if unit == "亩" else ("数量" if unit in _COUNT_UNIT_SET else "")
        found.append(
            Commitment(
                "count",
                obj or name,
                value,
                unit,
                said,
                name[:16] + suffix,
                "产出指标",
                "数量指标",
                f"={_fmt(value)}{unit}",
            )
        )
    return found


def _clause_before(text: str, end: int) -> str:
    """The words of the clause before a number: what a bare `审核40件` counts."""
    last_break = _UP_TO_LAST_BREAK.match(text, 0, end)
    start = last_break.end() if last_break else 0
    clause = text[start:end].removeprefix("参与").strip()
    return clause.rsplit("的", 1)[-1][-12:]  # 重大合同的谈判和文本起草、审核 → 谈判和文本起草、审核


def _changes(text: str) -> list[Commitment]:
    found: list[Commitment] = []
    if "由" not in text and "从" not in text:
        return found
    for m in _CHANGE.finditer(text):
        key = _strip_leading(m.group(1))
        base, new, unit = _num(m.group(2)), _num(m.group(4)), m.group(5)
        op = ">=" if new >= base else "<="
        found.append(
            Commitment(
                "change",
                key,
                new,
                unit,
                m.group(0),
                key,
                "效益指标",
                "经济效益指标",
                f"{op}{_fmt(new)}{unit}",
            )
        )
    return found


def _withins(text: str) -> list[Commitment]:
    found: list[Commitment] = []
    if "内" not in text:
        return found
    for m in (_WITHIN_CN if _CN_COUNT.search(text) else _WITHIN).finditer(text):
        action = m.group(3).removeprefix("及时") or "完成"
        value, unit = _count(m.group(1)), m.group(2)
        if value is None:
            continue
        found.append(
            Commitment(
                "within",
                action,
                value,
                unit,
                m.group(0),
                f"{action}时间",
                "产出指标",
                "时效指标",
                f"<={_fmt(value)}{unit}",
            )
        )
    return found


def commitments(text: str) -> tuple[Commitment, ...]:
    """The quantified commitments of a goal text, each once, in the order found."""
    text = fold(text)
    if not _DIGIT.search(text) and not _CN_COUNT.search(text):
        return ()
    seen: dict[tuple[str, str, Decimal, str], Commitment] = {}
    for found in (_changes(text), _rates(text), _withins(text), _counts(text)):
        for c in found:
            if not any(c.text in other.text or other.text in c.text for other in seen.values()):
                seen.setdefault((c.kind, c.key, c.value, c.unit), c)
    return tuple(seen.values())


@dataclass(frozen=True)
class CostItem:
    quantity: Decimal
    unit: str
    price: Decimal
    text: str

    @property
    def amount(self) -> Decimal:
        return self.quantity * self.price


def cost_items(text: str) -> tuple[CostItem, ...]:
    """Itemised costs: `40件，每件800元`, `1次，每次约2600元`."""
    if "每" not in text:
        return ()
    return tuple(
        CostItem(_num(m.group(1)), m.group(2), _num(m.group(3), m.group(4)), m.group(0))
        for m in _COST.finditer(fold(text))
    )


def quantities(text: str) -> tuple[tuple[Decimal, str], ...]:
    """Every number with a unit in a text (years and dates are not quantities)."""
    return tuple((_num(m.group(1), m.group(2)), m.group(3)) for m in _QUANTITY.finditer(fold(text)))


def quantity_units(text: str) -> tuple[str, ...]:
    """The units of `quantities(text)`, in order, without reading the figures."""
    return tuple(m.group(3) for m in _QUANTITY.finditer(fold(text)))


# An item number at the start of the text or after a break: 1、 1. 1） （1） ① 一、 （一）.
_ITEM_MARK = re.compile(
    r"(?:^|(?<=[\n。；;：:！？!?\s]))"
    rf"(?:\d{{1,2}}(?:[、.](?!\d)|[）)])|[（(](?:\d{{1,2}}|[{_CN}]{{1,3}})[）)]|[①-⑳]|[{_CN}]{{1,3}}、)"
)
# Without one of these (a number and its mark, a circled number, a semicolon) there is no list.
_MAY_HAVE_ITEMS = re.compile(rf"\d[、.）)]|[（(][\d{_CN}]|[①-⑳；;]|[{_CN}]、")
_SEMICOLON = re.compile("[；;]")


def goal_items(text: str) -> tuple[str, ...]:
    """The items of a goal text: numbered (`1、…2、…`, `（1）`, `①`, `一、`) or, without numbers,
    separated by semicolons; () when the goal is not a list (fewer than two items).

    Each item is kept as written, white space around it removed, its number included. A heading
    whose work the sub-items below it list (`1、公共数据开放服务费：` followed by `1）…2）…`) is
    not an item of its own.
    """
    folded = fold(text)
    if not _MAY_HAVE_ITEMS.search(folded):
        return ()
    starts = [m.start() for m in _ITEM_MARK.finditer(folded)]
    if len(starts) >= 2:
        bounds = zip(starts, [*starts[1:], len(text)], strict=True)
        items = [text[start:end].strip() for start, end in bounds]
    else:
        items = [part.strip() for part in _SEMICOLON.split(text)]
    items = [item for item in items if item and not item.endswith(("：", ":"))]
    return tuple(items) if len(items) >= 2 else ()
