"""What the Hunan form brought to every reader (issue 15; docs/templates.md): labels of what no
field holds (`unread`), an amount with a remark after it or written twice, and white-space rows
whose empty 备注 cell left no trace."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.importers import read_bytes, read_path
from jixiao.importers.values import money_remark
from jixiao.review import review_batch

FORM = """绩效目标申报表
项目名称 乡村道路养护 项目负责人及电话 张三13800000000
主管部门 某县交通运输局 实施单位 某县公路中心
资金情况(万元) 年度资金总额: {total}
其中:财政拨款 {fiscal}
其他资金 0
总体目标 年度目标 年度总体目标完成情况
养护农村公路300公里。
绩效指标 一级指标 二级指标 三级指标 指标值 备注
产出指标 数量指标 养护里程 ≥300公里 按季度统计
养护桥梁 ≥5座
质量指标 路面完好率 ≥90%
"""


def read(total: str = "120", fiscal: str = "120"):
    (form,) = read_bytes(FORM.format(total=total, fiscal=fiscal).encode(), "hunan.txt").forms
    return form


def test_the_hunan_form_is_read_through_its_template_with_its_unread_labels_left_alone() -> None:
    form = read()
    assert form.template is not None and form.template.id == "hunan-county"
    assert form.project_name == "乡村道路养护"
    assert form.supervising_department == "某县交通运输局"
    assert form.implementing_unit == "某县公路中心"
    # 年度总体目标完成情况 is a label, not the goal; the goal is the text under 年度目标
    assert form.annual_goal == "养护农村公路300公里。"
    # what stands beside 项目负责人及电话 is said not to be kept, and is no other field's
    assert not [n for n in form.notes if n.code == "unplaced-text"]
    unread = [n.message for n in form.notes if n.code == "unread-field"]
    assert unread == ["“项目负责人及电话”没有对应的栏目，未导入：张三13800000000"]
    assert form.funds.in_yuan("annual_request") == Decimal("1200000")


def test_a_white_space_row_without_its_remark_gives_the_target_and_no_note() -> None:
    form = read()
    rows = [(i.level2, i.name, i.target, dict(i.extra)) for i in form.indicators]
    assert rows == [
        ("数量指标", "养护里程", "≥300公里", {"备注": "按季度统计"}),
        ("数量指标", "养护桥梁", "≥5座", {}),
        ("质量指标", "路面完好率", "≥90%", {}),
    ]
    assert not [n for n in form.notes if n.code == "missing-cell"]


def test_an_amount_with_a_remark_or_written_twice_is_read_and_noted() -> None:
    form = read("854万(建设400万元,示范454万元)", "854万854万")
    assert form.funds.in_yuan("annual_request") == Decimal("8540000")
    assert form.funds.in_yuan("annual_appropriation") == Decimal("8540000")
    said = {n.code: n.message for n in form.notes}
    assert "(建设400万元,示范454万元)" in said["amount-remark"]
    assert "854万854万" in said["amount-doubled"]


def test_two_different_amounts_in_one_cell_are_not_read() -> None:
    form = read(fiscal="854万855万")
    assert form.funds.annual_appropriation is None
    assert any(n.code == "bad-amount" for n in form.notes)


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("854万(高标准农田建设400万元)", (Decimal(854), "万元", "(高标准农田建设400万元)", False)),
        ("854万854万", (Decimal(854), "万元", "", True)),
        ("854万854万（说明）", (Decimal(854), "万元", "（说明）", True)),
        ("12(万元)", (Decimal(12), "万元", "", False)),
        ("1,200.50元（含税）", (Decimal("1200.50"), "元", "（含税）", False)),
        ("854万855万(说明)", (None, None, "", False)),
        ("854万 其他", (None, None, "", False)),
        ("2021年(说明)", (None, None, "", False)),
        ("约854万", (None, None, "", False)),
        ("10", (None, None, "", False)),
    ],
)
def test_money_with_a_remark(text: str, read: tuple) -> None:
    assert money_remark(text) == read


XIANGTAN = (
    Path(__file__).resolve().parent.parent
    / "fixtures/templates/hunan/xiangtan-2023-dust-spraying.txt"
)


def test_an_empty_cell_of_a_row_read_cell_by_cell_is_its_empty_value(tmp_path) -> None:
    """The page stores one cell per line, an empty cell as `|`: a 绩效标准 left empty is that
    row's empty value, not the next row's heading (and the review then asks for it)."""
    text = XIANGTAN.read_text("utf-8")
    filled = "≥80M |\n计划标准 |"
    assert text.count(filled) == 1
    path = tmp_path / "xiangtan-empty-standard.txt"
    path.write_text(text.replace(filled, "≥80M |\n |"), "utf-8")
    (form,) = read_path(path).forms
    rows = [(i.level2, i.name, dict(i.extra)) for i in form.indicators]
    assert rows[1:3] == [
        ("数量指标", "雾炮车风炮射程", {}),
        ("质量指标", "服务周期内空气质量", {"绩效标准": "计划标准"}),
    ]
    (review,) = review_batch(read_path(path)).forms
    assert [f.location.indicator for f in review.findings if f.rule == "fields.W004"] == [1]
