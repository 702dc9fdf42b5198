"""The cheap tests that skip a pattern in goaltext must never skip a match."""

from decimal import Decimal

import pytest

from jixiao.review import goaltext
from jixiao.review.goaltext import commitments, fold, quantities

TEXTS = [
    "确保展项完好率95%以上。",
    "确保展项完好率９５％以上。",
    "实现100%的设备正常运行和及时维护。",
    "确保98%的农户和合作社受益。",
    "年参观人次达到8万人，培训人数不少于300人，服务超过2千户。",
    "出现故障在4小时内及时修复，3个工作日内办结。",
    "单产由原来的每亩200公斤提高到250公斤，成本从50%下降至40%。",
    "完成2件展项更新项目，审核40件，每件800元。",
    "２０２４年完成社区养老专项建设１，服务７８６２人次，满意度不低于９０％。",
    "逐步形成长效机制。",
    "选取一家总集成商，协调两家服务商，举办十二场讲座。",
    "在两个机房各搭建一套云管理平台，三个工作日内办结。",
    "发放一次性补助，建立一户一档。",
    "1、光纤租用费：全年无中断。\n2、门户维护：无重大故障。",
    "（一）甲乙丙；（二）丁戊己。①庚辛②壬癸",
    "",
]


def _slow_commitments(text):
    """commitments without any of the shortcuts: every pattern searched."""
    text = text.translate(goaltext._FOLD)
    found = []
    for m in goaltext._RATE.finditer(text):
        found.append(m.group(0))
    for m in goaltext._RATE_OF.finditer(text):
        found.append(m.group(0))
    for m in goaltext._REACH.finditer(text):
        found.append(m.group(0))
    found.extend(
        m.group(0) for m in goaltext._DO_CN.finditer(text) if not goaltext._set_phrase(m, 3, 5)
    )
    for pattern in (goaltext._CHANGE, goaltext._WITHIN_CN):
        found.extend(m.group(0) for m in pattern.finditer(text))
    return found


@pytest.mark.parametrize("text", TEXTS)
def test_fold_is_the_translation(text):
    assert fold(text) == text.translate(goaltext._FOLD)


@pytest.mark.parametrize("text", TEXTS)
def test_every_match_is_read(text):
    read = commitments(text)
    matched = _slow_commitments(text)
    for c in read:  # whatever is read was matched by a full search
        assert any(c.text in m or m.startswith(c.text) or m in c.text for m in matched)
    if matched:
        assert read


def test_full_width_figures_are_read():
    [c] = commitments("确保展项完好率９５％以上。")
    assert (c.key, c.value, c.unit) == ("展项完好率", Decimal(95), "%")
    assert quantities("服务７８６２人次") == ((Decimal(7862), "人次"),)


def test_rates_of_and_changes_are_read():
    kinds = [c.kind for c in commitments("实现100%的设备正常运行。单产由200公斤提高到250公斤。")]
    assert sorted(kinds) == ["change", "rate"]


@pytest.mark.parametrize("text", [*TEXTS, "申请资金50万元，用于购置设备", "拨款1.5亿元"])
def test_quantity_units_are_the_units_of_quantities(text):
    from jixiao.review.goaltext import quantity_units

    assert quantity_units(text) == tuple(unit for _, unit in quantities(text))


@pytest.mark.parametrize(
    ("text", "multiplier"),
    [
        ("7862", None),
        ("007", None),
        ("0", None),
        ("2.50", None),
        ("3", "万"),
        ("1.5", "亿"),
        ("12", "千"),
    ],
)
def test_whole_numbers_read_as_before(text, multiplier):
    value = Decimal(text) * goaltext._MULTIPLIER[multiplier]
    expected = value.quantize(Decimal(1)) if value == value.to_integral_value() else value
    found = goaltext._num(text, multiplier)
    assert (found, str(found)) == (expected, str(expected))


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("审核40件", 2),
        ("重大合同的谈判和文本起草、审核40件", 17),
        ("甲，乙。丙；丁40件", 7),
        ("甲\n乙40", 3),
    ],
)
def test_the_clause_before_a_number_starts_after_the_last_break(text, end):
    breaks = [i + 1 for i, ch in enumerate(text[:end]) if ch in "，。；：,;:\n"]
    start = max(breaks, default=0)
    clause = text[start:end].removeprefix("参与").strip()
    assert goaltext._clause_before(text, end) == clause.rsplit("的", 1)[-1][-12:]


@pytest.mark.parametrize(
    "text",
    [
        *TEXTS,
        "全年参观人次达到8万人次，满意度不低于90%，接待团体超过30批，培训不少于200人。",
        "达到8人",
        "一二三四五六七八九十达到8人",
        "甲乙达到九人，丙丁达到8人",
    ],
)
def test_reach_is_searched_from_its_first_possible_start(text):
    text = fold(text)
    every = [m.span() for m in goaltext._REACH.finditer(text)]
    assert [m.span() for m in goaltext._reaches(text)] == every


def _slow_items(text):
    """goal_items without the cheap test: every mark searched."""
    starts = [m.start() for m in goaltext._ITEM_MARK.finditer(fold(text))]
    if len(starts) >= 2:
        items = [text[a:b].strip() for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    else:
        items = [part.strip() for part in goaltext._SEMICOLON.split(text)]
    items = [item for item in items if item and not item.endswith(("：", ":"))]
    return tuple(items) if len(items) >= 2 else ()


@pytest.mark.parametrize("text", [*TEXTS, "一、甲乙。二、丙丁。", "甲；乙", "①甲②乙"])
def test_goal_items_are_read_whatever_the_cheap_test_says(text):
    from jixiao.review.goaltext import goal_items

    assert goal_items(text) == _slow_items(text)
