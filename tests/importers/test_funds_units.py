"""Money in 元, always right (issue 15 §3; docs/templates.md, *Money*): a form states the unit of
its funds in the block's label (项目资金（万元）), in a line above or in its head (单位：万元), or after
each figure (250万, 1,125.00元); read any of these ways, the same form has the same 元. An amount in
another unit than its form's is converted exactly and noted; a form whose unit nobody can tell is
noted and never converted."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.domain.form import Funds
from jixiao.importers import read_bytes
from jixiao.importers.header import FormBuilder, settle_units
from jixiao.importers.values import bracket_unit, convert, unit_line

HEAD = "| 项目支出绩效目标表 |\n| 项目名称 | 校舍维修 | 项目类别 | 一次性项目 |\n"
TABLE = (
    "| 绩效指标 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 |\n"
    "| | 产出指标 | 数量指标 | 维修校舍 | =3所 |\n"
)


def funds_rows(section: str, total: str, fiscal: str, other: str) -> str:
    return (
        f"| {section} | 项目资金总额 | {total} | 年度资金申请总额 | {total} |\n"
        f"| | 其中：财政资金 | {fiscal} | 其中：当年财政拨款 | {fiscal} |\n"
        f"| | 其他资金 | {other} | 其他资金 | {other} |\n"
    )


def form_stating(way: str, unit: str, total: str, fiscal: str, other: str) -> str:
    """One form, its unit stated one way: `label`, `line above`, `line in head` or `cell`."""
    if way == "label":
        return HEAD + funds_rows(f"项目资金（{unit}）", total, fiscal, other) + TABLE
    if way == "line above":
        return f"金额单位：{unit}\n" + HEAD + funds_rows("项目资金", total, fiscal, other) + TABLE
    if way == "line in head":
        head = HEAD + f"| 单位：{unit} |\n"
        return head + funds_rows("项目资金", total, fiscal, other) + TABLE
    suffix = "万" if unit == "万元" else "元"
    return HEAD + funds_rows("项目资金", total + suffix, fiscal + suffix, other + suffix) + TABLE


WAYS = ("label", "line above", "line in head", "cell")


def read_one(text: str):
    (form,) = read_bytes(text.encode("utf-8"), "form.txt").forms
    return form


def in_yuan(form) -> dict[str, Decimal]:
    return {n: form.funds.in_yuan(n) for n, v in form.funds.items() if v is not None}


@pytest.mark.parametrize("way", WAYS)
def test_each_way_of_stating_wanyuan_gives_the_same_yuan(way: str) -> None:
    form = read_one(form_stating(way, "万元", "250", "248.5", "1.5"))
    assert form.funds.unit == "万元"
    assert form.funds.project_total == Decimal("250")  # as written
    assert in_yuan(form) == {
        "project_total": 2500000,
        "project_fiscal": 2485000,
        "project_other": 15000,
        "annual_request": 2500000,
        "annual_appropriation": 2485000,
        "annual_other": 15000,
    }
    assert not [n for n in form.notes if n.code in ("unit-mixed", "funds-unit-unknown")]
    assert not [n for n in form.notes if "单位" in n.message]  # the unit line is no stray text


@pytest.mark.parametrize("way", WAYS)
def test_each_way_of_stating_yuan_reads_yuan(way: str) -> None:
    form = read_one(form_stating(way, "元", "2500000", "2485000.00", "15,000.00"))
    assert form.funds.unit == "元"
    assert form.funds.in_yuan("project_other") == Decimal("15000.00")
    assert form.funds.requested_yuan == 2500000


def test_a_unit_line_above_the_second_form_is_the_second_forms() -> None:
    """A line 单位：万元 between two forms heads the form after it, not the table before it."""
    first = form_stating("line above", "元", "2500000", "2500000", "0")
    second = form_stating("line above", "万元", "250", "250", "0")
    forms = read_bytes((first + second).encode("utf-8"), "forms.txt").forms
    assert [f.funds.unit for f in forms] == ["元", "万元"]
    assert [f.funds.requested_yuan for f in forms] == [2500000, 2500000]
    assert [len(f.indicators) for f in forms] == [1, 1]


def test_a_label_in_wanyuan_and_a_cell_in_yuan_are_both_read_exactly_and_noted() -> None:
    """The block's label says 万元, one figure says 元: each means what it says."""
    text = HEAD + funds_rows("项目资金（万元）", "250", "249.8875", "1,125.00元") + TABLE
    form = read_one(text)
    assert form.funds.unit == "万元"
    assert form.funds.project_total == Decimal("250")
    assert form.funds.project_other == Decimal("0.112500")  # 1,125.00 元, exactly
    assert form.funds.in_yuan("project_other") == Decimal("1125")
    assert form.funds.in_yuan("project_fiscal") + form.funds.in_yuan(
        "project_other"
    ) == form.funds.in_yuan("project_total")
    mixed = [n for n in form.notes if n.code == "unit-mixed"]
    assert len(mixed) == 2  # the project's 其他资金 and the year's
    assert "1,125.00元" in mixed[0].message and mixed[0].line == 5


def test_a_form_in_yuan_with_a_figure_in_wanyuan_converts_that_figure() -> None:
    text = HEAD + funds_rows("项目资金（元）", "2500000", "2490000", "1万") + TABLE
    form = read_one(text)
    assert form.funds.unit == "元"
    assert form.funds.project_other == Decimal("10000")
    assert [n.code for n in form.notes].count("unit-mixed") == 2


def test_a_label_and_a_line_that_disagree_are_noted_and_the_label_is_read() -> None:
    text = "单位：元\n" + HEAD + funds_rows("项目资金（万元）", "250", "250", "0") + TABLE
    form = read_one(text)
    assert form.funds.unit == "万元"
    assert "unit-conflict" in [n.code for n in form.notes]


def test_a_form_that_states_no_unit_has_an_unknown_unit_when_the_template_prints_none() -> None:
    builder = FormBuilder(seq=1, has_rows=True, layout="delimited")
    builder.funds.update(project_total=Decimal(250), annual_request=Decimal(250))
    assert settle_units(builder, None) is None
    assert builder.funds["project_total"] == Decimal(250)  # kept as written, never converted
    assert Funds(unit=None, project_total=Decimal(250)).in_yuan("project_total") is None
    assert Funds(unit="千元", project_total=Decimal(250)).in_yuan("project_total") is None
    # the template's printed unit applies when the form states none
    assert settle_units(builder, "万元") == "万元"


def test_figures_that_disagree_without_any_other_statement_stay_unknown_when_one_is_bare() -> None:
    builder = FormBuilder(seq=1, has_rows=True, layout="delimited")
    builder.funds.update(project_total=Decimal(250), project_fiscal=Decimal(100))
    builder.funds["project_other"] = Decimal(5)
    builder.written_units.update(project_total=("万元", "250万"), project_fiscal=("元", "100元"))
    assert settle_units(builder, None) is None  # 5: of which unit? nobody can tell
    builder.funds["project_other"] = None
    assert settle_units(builder, None) == "万元"  # every figure says its own: exact
    assert builder.funds["project_fiscal"] == Decimal("0.0100")


def test_a_figure_in_yuan_to_the_li_keeps_the_form_in_yuan() -> None:
    """1.001 元 in 万元 needs seven places, more than a figure may have: the form is kept in 元."""
    builder = FormBuilder(seq=1, has_rows=True, layout="delimited")
    builder.label_unit = "万元"
    builder.funds.update(project_total=Decimal(250), project_other=Decimal("1.001"))
    builder.written_units["project_other"] = ("元", "1.001元")
    assert settle_units(builder, None) == "元"
    assert builder.funds == {"project_total": Decimal(2500000), "project_other": Decimal("1.001")}


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("单位：万元", "万元"),
        ("金额单位：元", "元"),
        ("（单位：万元）", "万元"),
        ("资金单位:万元", "万元"),
        ("填报单位（盖章）：某局　金额单位：万元", "万元"),
        ("单位：千元", "千元"),
        ("填报单位：某局", None),
        ("预算单位：某区教育局", None),
        ("单位：某区财政局", None),
    ],
)
def test_unit_lines(text: str, unit: str | None) -> None:
    assert unit_line(text) == unit


def test_bracketed_units() -> None:
    assert [bracket_unit(s) for s in ("万元", "元", "单位:万元", "2021年-2023年", None)] == [
        "万元",
        "元",
        "万元",
        None,
        None,
    ]


# Property: whatever the amount and the way, 元 is exact -------------------------------------------

amounts = st.decimals(
    min_value=0, max_value=10**11, places=4, allow_nan=False, allow_infinity=False
)


@settings(max_examples=200, deadline=None)
@given(amounts, st.sampled_from(["元", "万元"]))
def test_in_yuan_is_the_amount_times_its_unit_exactly(amount: Decimal, unit: str) -> None:
    funds = Funds(unit=unit, annual_request=amount)
    factor = 10000 if unit == "万元" else 1
    assert funds.in_yuan("annual_request") == amount * factor
    assert convert(convert(amount, unit, "元"), "元", unit) == amount


written = st.decimals(min_value=0, max_value=10**8, places=2, allow_nan=False, allow_infinity=False)


@settings(max_examples=40, deadline=None)
@given(written, written, st.sampled_from(["元", "万元"]))
def test_reading_a_form_gives_the_same_yuan_whichever_way_it_states_its_unit(
    fiscal: Decimal, other: Decimal, unit: str
) -> None:
    total = fiscal + other
    factor = 10000 if unit == "万元" else 1
    seen = set()
    for way in WAYS:
        form = read_one(form_stating(way, unit, str(total), str(fiscal), str(other)))
        assert form.funds.unit == unit
        assert form.funds.in_yuan("project_total") == total * factor
        seen.add(tuple(sorted(in_yuan(form).items())))
    assert len(seen) == 1


def test_a_form_in_thousands_of_yuan_is_kept_as_written_with_its_unit_unknown() -> None:
    """单位：千元 is no unit a figure is kept in: never read as 元 (the template's), but noted."""
    form = read_one("单位：千元\n" + HEAD + funds_rows("项目资金", "250", "250", "0") + TABLE)
    assert form.funds.unit is None and form.funds.project_total == Decimal(250)
    assert form.funds.requested_yuan is None
    assert "funds-unit-unsupported" in [n.code for n in form.notes]
    labelled = read_one(HEAD + funds_rows("项目资金（千元）", "250", "250", "0") + TABLE)
    assert labelled.funds.unit is None and labelled.funds.requested_yuan is None


def test_a_bracketed_unit_split_off_its_label_by_white_space_is_the_blocks() -> None:
    """Published as `项目资金    (万元) 年度资金总额: 1125` (a white-space layout cuts the label
    from its bracket): the block is in 万元 (the Jinzhai form of issue 15: 1,125 万元)."""
    text = (
        "项目支出绩效目标申报表\n"
        "项目名称 物业管理\n"
        "项目资金    (万元) 年度资金总额: 1125\n"
        " 其中:财政拨款 1125\n"
        "绩效指标 一级指标 二级指标 三级指标 指标值\n"
        "产出指标 数量指标 安置小区物业费 8个\n"
    )
    form = read_one(text)
    assert form.funds.unit == "万元"
    assert form.funds.requested_yuan == 11250000
    assert not [n for n in form.notes if "(万元)" in n.message]
