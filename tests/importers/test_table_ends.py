"""What ends an indicator table in every template: the form's signature block (填表人, 经办人及联系
电话, 上报时间: `labels.SIGNATURES`) is the form's footnote, never an indicator; and a heading broken
over two lines in white-space rows (`效益指标 经济效益` | `指标`) is one heading (docs/templates.md,
*Inputs*)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.importers import labels as L
from jixiao.importers import read_bytes, read_path

BANAN = (
    Path(__file__).resolve().parent.parent
    / "fixtures/regions/chongqing-banan-2022-party-secretaries.txt"
)


def test_a_published_form_keeps_its_signature_block_out_of_its_indicators() -> None:
    # 巴南区圣灯山镇 2022: under the table, 经办人及联系电话 and 上报时间 (whose `26日` looked
    # like a target); 经济效益 | 指标 broken over two lines
    form = read_path(BANAN).forms[0]
    assert form.project_name == "党支部书记补贴"
    names = [i.name for i in form.indicators]
    assert not any("经办人" in n or "上报时间" in n for n in names)
    footnotes = " ".join(n.message for n in form.notes if n.code == "footnote")
    assert "经办人及联系电话" in footnotes and "上报时间" in footnotes
    assert "指标" not in names  # the heading's second line is no indicator
    assert ("效益指标", "经济效益指标", "改善了农民生产生活条件", "100%") in [
        (i.level1, i.level2, i.name, i.target) for i in form.indicators
    ]


@pytest.mark.parametrize("label", L.SIGNATURES)
def test_every_signature_label_ends_the_table(label: str) -> None:
    text = (
        "项目名称 某项目\n年度资金总额 20\n年度目标 完成某项目\n"
        "一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 培训人数 ≥300人\n"
        f"{label}：张三 2021年10月26日\n"
    )
    (form,) = read_bytes(text.encode("utf-8"), "signed.txt").forms
    assert [(i.name, i.target) for i in form.indicators] == [("培训人数", "≥300人")]
    assert [n.code for n in form.notes].count("footnote") == 1


@pytest.mark.parametrize("label", L.SIGNATURES)
def test_a_signature_ends_a_table_run_on_one_line(label: str) -> None:
    text = (
        "项目名称某项目年度目标完成某项目一级指标二级指标三级指标指标值"
        f"产出指标数量指标培训人数≥300人{label}:张三2021年10月26日"
    )
    (form,) = read_bytes(text.encode("utf-8"), "signed.txt").forms
    assert [(i.name, i.target) for i in form.indicators] == [("培训人数", "≥300人")]
