"""The target parser: every notation of the seed and DOMAIN.md, and properties over generated ones."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.domain.target import Direction, Operator, Target, TargetKind, parse_target

CASES = [
    ("=30亩", "=", "30", "亩", "quantitative", "exact"),
    (">40", ">", "40", None, "quantitative", "positive"),
    ("<10", "<", "10", None, "quantitative", "negative"),
    (">=90%", ">=", "90", "%", "quantitative", "positive"),
    ("≥95%", ">=", "95", "%", "quantitative", "positive"),
    ("≤4小时", "<=", "4", "小时", "quantitative", "negative"),
    (">=8万人次", ">=", "80000", "人次", "quantitative", "positive"),
    ("=0%", "=", "0", "%", "quantitative", "exact"),
    ("=100", "=", "100", None, "quantitative", "exact"),
    ("＞＝１．５万元", ">=", "15000", "元", "quantitative", "positive"),
    ("95%以上", ">=", "95", "%", "quantitative", "positive"),
    ("不低于90%", ">=", "90", "%", "quantitative", "positive"),
    ("不超过3天", "<=", "3", "天", "quantitative", "negative"),
    ("=2.5亿元", "=", "250000000", "元", "quantitative", "exact"),
    (">=3千册", ">=", "3000", "册", "quantitative", "positive"),
    ("1,200元", None, "1200", "元", "quantitative", None),
]


@pytest.mark.parametrize("raw,op,value,unit,kind,direction", CASES)
def test_it_reads_quantitative_notations(raw, op, value, unit, kind, direction) -> None:
    parsed = parse_target(raw).to_json()
    assert parsed["op"] == op
    assert parsed["value"] == value
    assert parsed["unit"] == unit
    assert parsed["kind"] == kind
    assert parsed.get("direction") == direction


@pytest.mark.parametrize(
    "word",
    [
        "提升",
        "提高",
        "良好",
        "及时",
        "公开",
        "健全",
        "有效",
        "满意",
        "效果明显",
        "符合相关规定",
        "在计划时间内完成",
    ],
)
def test_it_reads_qualitative_words(word: str) -> None:
    parsed = parse_target(word)
    assert parsed.kind is TargetKind.QUALITATIVE
    assert parsed.word == word
    assert parsed.value is None


def test_it_knows_the_direction_of_words() -> None:
    assert parse_target("提升").direction is Direction.POSITIVE
    assert parse_target("降低").direction is Direction.NEGATIVE
    assert parse_target("良好").direction is None


@pytest.mark.parametrize("raw,word", [("是", "是"), ("否", "否"), ("=是", "是")])
def test_it_reads_yes_and_no(raw: str, word: str) -> None:
    parsed = parse_target(raw)
    assert (parsed.kind, parsed.word) == (TargetKind.BOOLEAN, word)


@pytest.mark.parametrize("raw", ["", "*", "**", "_", "-", "　"])
def test_placeholders_are_no_value(raw: str) -> None:
    assert parse_target(raw).kind is TargetKind.EMPTY


@pytest.mark.parametrize("raw", ["全年正常开放x", "8E+4", "80%-90%", "完成率高于去年同期"])
def test_anything_else_is_free_text(raw: str) -> None:
    parsed = parse_target(raw)
    assert parsed.kind is TargetKind.FREE_TEXT
    assert parsed.raw == raw


def test_values_are_exact_decimals() -> None:
    value = parse_target("=0.1万元").value
    assert isinstance(value, Decimal)
    assert value == Decimal(1000)


# Canonical units never start with a multiplier: 万元 is read as 10000 元.
units = st.sampled_from([None, "%", "人", "人次", "个", "亩", "小时", "元", "公里", "户"])
operators = st.sampled_from([None, *Operator])
values = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)


@given(op=operators, value=values, unit=units)
def test_render_then_parse_round_trips(op, value, unit) -> None:
    target = Target(raw="", kind=TargetKind.QUANTITATIVE, op=op, value=value, unit=unit)
    parsed = parse_target(target.render())
    assert parsed.kind is TargetKind.QUANTITATIVE
    assert parsed.op == op
    assert parsed.value == value
    assert parsed.unit == unit


@given(st.text(max_size=60))
def test_no_input_raises(text: str) -> None:
    parsed = parse_target(text)
    assert parsed.kind in TargetKind
    assert parse_target(parsed.render()).kind is parsed.kind or parsed.kind is TargetKind.EMPTY
