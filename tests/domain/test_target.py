"""The target parser: every notation of the seed and DOMAIN.md, and properties over generated ones."""

from __future__ import annotations

from datetime import date, timedelta
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
    ("=100百分比", "=", "100", "%", "quantitative", "exact"),  # 百分比 spelt out: the same as %
    ("≥95百分比", ">=", "95", "%", "quantitative", "positive"),
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


@pytest.mark.parametrize(
    "raw",
    [
        "全年正常开放x",
        "8E+4",
        "完成率高于去年同期",
        "由50场提高到40场",
        "90%-80%",
        "2021年2月29日前",
    ],
)
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


# What people write beyond an operator and a number (docs/domain.md, targets).
CHANGES = [
    ("由40场提高到50场", ">=", "50", "场", "40", "positive"),
    ("由10%提高到15%", ">=", "15", "%", "10", "positive"),
    ("从200公斤提升至250公斤", ">=", "250", "公斤", "200", "positive"),
    ("由10降低到8小时", "<=", "8", "小时", "10", "negative"),
    ("由3万人次增加到5万人次", ">=", "50000", "人次", "30000", "positive"),
    ("提高到95%", ">=", "95", "%", None, "positive"),
    ("降至2天", "<=", "2", "天", None, "negative"),
]


@pytest.mark.parametrize("raw,op,value,unit,base,direction", CHANGES)
def test_it_reads_a_change_from_a_base(raw, op, value, unit, base, direction) -> None:
    parsed = parse_target(raw)
    assert parsed.kind is TargetKind.QUANTITATIVE
    data = parsed.to_json()
    assert (data["op"], data["value"], data["unit"], data.get("base"), data["direction"]) == (
        op,
        value,
        unit,
        base,
        direction,
    )
    assert parsed.raw == raw
    assert parse_target(parsed.render()) == parse_target(parsed.render())  # readable again
    assert parse_target(parsed.render()).value == parsed.value


@pytest.mark.parametrize(
    "raw,value,unit,since,direction",
    [
        ("较上年增长10%", "10", "%", "上年", "positive"),
        ("同比提高5个百分点", "5", "个百分点", "同比", "positive"),
        ("比上年减少2件", "2", "件", "上年", "negative"),
        ("较2020年下降3%", "3", "%", "2020年", "negative"),
    ],
)
def test_it_reads_a_change_against_a_period(raw, value, unit, since, direction) -> None:
    parsed = parse_target(raw)
    assert parsed.kind is TargetKind.CHANGE
    data = parsed.to_json()
    assert (data["value"], data["unit"], data["relative_to"], data["direction"]) == (
        value,
        unit,
        since,
        direction,
    )


@pytest.mark.parametrize(
    "raw,when,month,day",
    [
        ("2021年12月底前", date(2021, 12, 31), 12, 31),
        ("2021年6月底前", date(2021, 6, 30), 6, 30),
        ("9月30日前完成", None, 9, 30),
        ("年底前", None, 12, 31),
        ("2021年底前完成", date(2021, 12, 31), 12, 31),
        ("12月31日前", None, 12, 31),
        ("12月底前", None, 12, 31),
        ("≤2022年3月31日", date(2022, 3, 31), 3, 31),
    ],
)
def test_it_reads_a_deadline(raw, when, month, day) -> None:
    parsed = parse_target(raw)
    assert parsed.kind is TargetKind.DEADLINE
    assert (parsed.deadline, parsed.month, parsed.day) == (when, month, day)
    assert parsed.direction is Direction.NEGATIVE  # earlier is better
    assert parsed.to_json()["deadline"] == (
        when.isoformat() if when else f"--{month:02d}-{day:02d}"
    )


@pytest.mark.parametrize(
    "raw,when",
    [
        ("2023.07-2024.01", date(2024, 1, 31)),  # 湘潭 2023: 服务周期
        ("2023年7月至2024年1月", date(2024, 1, 31)),
        ("2023.07.01—2024.01.15", date(2024, 1, 15)),
        ("２０２３．７－２０２３．１２", date(2023, 12, 31)),
        ("202307-202402", date(2024, 2, 29)),
    ],
)
def test_a_period_of_months_is_read_as_done_by_its_end_not_as_a_range_of_numbers(raw, when):
    parsed = parse_target(raw)
    assert parsed.kind is TargetKind.DEADLINE and not parsed.is_figure
    assert (parsed.deadline, parsed.op) == (when, Operator.LE)


@given(
    start=st.dates(date(1990, 1, 1), date(2094, 12, 31)),  # its end a year of 19xx or 20xx
    months=st.integers(0, 60),
    sep=st.sampled_from(["-", "—", "至", "~", "到"]),
    dot=st.sampled_from([".", "年", "/"]),
)
def test_every_period_of_months_ends_on_the_last_day_of_its_last_month(start, months, sep, dot):
    y, m = divmod(start.year * 12 + start.month - 1 + months, 12)
    end = date(y, m + 1, 1)
    tail = "月" if dot == "年" else ""
    raw = f"{start.year}{dot}{start.month:02d}{tail}{sep}{end.year}{dot}{end.month:02d}{tail}"
    parsed = parse_target(raw)
    assert parsed.kind is TargetKind.DEADLINE, raw
    assert parsed.deadline is not None and parsed.deadline.replace(day=1) == end, raw
    assert (parsed.deadline + timedelta(days=1)).day == 1, raw


@pytest.mark.parametrize("raw", ["2000-2050", "1990-2000", "2023-2024"])
def test_two_years_alone_stay_a_range_of_numbers(raw):
    assert parse_target(raw).kind is TargetKind.RANGE


def test_twelve_months_is_no_deadline() -> None:
    assert parse_target("12月").kind is TargetKind.QUANTITATIVE


@pytest.mark.parametrize(
    "raw,low,high,unit",
    [
        ("3-5个", 3, 5, "个"),
        ("3～5个", 3, 5, "个"),
        ("90%-95%", 90, 95, "%"),
        ("2至4次", 2, 4, "次"),
        ("3-5万人次", 30000, 50000, "人次"),
    ],
)
def test_it_reads_a_range(raw, low, high, unit) -> None:
    parsed = parse_target(raw)
    assert parsed.kind is TargetKind.RANGE
    assert (parsed.low, parsed.high, parsed.unit, parsed.value) == (low, high, unit, low)
    again = parse_target(parsed.render())
    assert (again.kind, again.low, again.high, again.unit) == (TargetKind.RANGE, low, high, unit)


@pytest.mark.parametrize(
    "raw,standard",
    [
        ("达到国家二级标准", "国家二级标准"),
        ("优良", "优良"),
        ("合格", "合格"),
        ("符合等保三级要求", "等保三级要求"),
    ],
)
def test_it_reads_a_named_standard(raw, standard) -> None:
    parsed = parse_target(raw)
    assert (parsed.kind, parsed.standard) == (TargetKind.STANDARD, standard)


@pytest.mark.parametrize("raw", ["符合相关规定", "符合要求", "达标"])
def test_a_standard_not_named_stays_a_word(raw) -> None:
    assert parse_target(raw).kind is TargetKind.QUALITATIVE


@given(
    a=st.integers(min_value=0, max_value=10**6),
    step=st.integers(min_value=1, max_value=10**6),
    unit=st.sampled_from(["场", "个", "%", "人次", "公斤"]),
    verb=st.sampled_from(["提高", "提升", "增加"]),
)
def test_any_rise_from_a_base_is_positive(a, step, unit, verb) -> None:
    b = a + step
    parsed = parse_target(f"由{a}{unit}{verb}到{b}{unit}")
    assert parsed.kind is TargetKind.QUANTITATIVE
    assert parsed.direction is Direction.POSITIVE
    assert (parsed.value, parsed.base, parsed.unit) == (b, a, unit)
    fall = parse_target(f"由{b}{unit}降低到{a}{unit}")
    assert (fall.direction, fall.value, fall.base) == (Direction.NEGATIVE, a, b)


@given(low=st.integers(0, 10**6), step=st.integers(1, 10**6), sep=st.sampled_from("-~～至"))
def test_any_range_reads_its_bounds(low, step, sep) -> None:
    parsed = parse_target(f"{low}{sep}{low + step}个")
    assert (parsed.kind, parsed.low, parsed.high) == (TargetKind.RANGE, low, low + step)


@given(
    st.text(
        alphabet="由从较比同提高到降低增长年月日底前-～%个场0123456789.国家二级标准", max_size=40
    )
)
def test_no_target_like_text_raises(text: str) -> None:
    parsed = parse_target(text)
    assert parsed.kind in TargetKind
    assert parsed.raw == text.strip(" \t\r\n\u3000\u00a0")


@pytest.mark.parametrize(
    "raw",
    ["由" + "1" * 5000 + "提高到" + "2" * 5000, "1" * 10000 + "-", "年" * 10000, "达到" * 5000],
)
def test_a_long_text_is_read_quickly(raw: str) -> None:
    import time

    started = time.perf_counter()
    assert parse_target(raw).raw == raw
    assert time.perf_counter() - started < 0.05
