"""Whole forms run on one line with nothing between anything (issue 15: "forms flattened to one
line with no separators are read as far as labels allow, and what is uncertain is noted, never
guessed silently"; docs/templates.md, *Inputs*)."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.importers import read_bytes
from jixiao.importers.grid import detect

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
QINGSHAN = FIXTURES / "templates/wuhan-district/qingshan-2021-rural-schools"
NANYUE = FIXTURES / "templates/hunan-county/nanyue-2018-tourism"
SPACE = re.compile(r"[\s|]+")


def expected(stem: Path) -> dict:
    return json.loads(stem.with_name(stem.name + ".expected.json").read_text("utf-8"))["forms"][0]


def rows(form) -> list[tuple]:
    return [(i.level1, i.level2, i.name, i.target) for i in form.indicators]


def wanted_rows(wanted: dict) -> list[tuple]:
    return [tuple(SPACE.sub("", c) for c in row[:4]) for row in wanted["indicators"]]


def test_a_published_form_joined_on_one_line_reads_as_it_did_a_row_a_line() -> None:
    # The Wuhan page keeps a row a line with nothing between its cells; the same text with its
    # form's lines joined (title to last row) is one line holding everything.
    lines = QINGSHAN.with_suffix(".txt").read_text("utf-8").split("\n")
    last = next(k for k, line in enumerate(lines) if line.startswith("学校满意度"))
    first = max(k for k, line in enumerate(lines[:last]) if line.strip() == "绩效目标表")
    joined = "".join(line.strip() for line in lines[first : last + 1])
    text = "\n".join([*lines[:first], joined, *lines[last + 1 :]])
    assert detect(text.split("\n")).layout == "glued"
    (form,) = read_bytes(text.encode("utf-8"), "one-line.txt").forms
    wanted = expected(QINGSHAN)
    assert form.template is not None and form.template.id == "wuhan-district"
    assert form.project_name == wanted["project_name"]
    assert form.supervising_department == "青山区教育局"
    assert form.implementing_unit == "化工区学校"
    assert {n: form.funds.in_yuan(n) for n, v in form.funds.items() if v} == {
        k: Decimal(v) for k, v in wanted["funds_yuan"].items()
    }
    assert form.annual_goal == wanted["annual_goal"]
    assert rows(form) == wanted_rows(wanted)
    doubts = [n.message for n in form.notes if n.code == "cut-uncertain"]
    assert any("稳步提高" in d for d in doubts)  # the trend cut from its name, said
    assert any("附件" in d and "未作为指标导入" in d for d in doubts)  # page text, left out


def test_a_published_form_with_every_separator_dropped_keeps_its_rows() -> None:
    # The Nanyue page with every space and line break of its form removed: names with the
    # template's placeholder in brackets (`(≥**个)`), a percentage in a name right before the
    # target (`达标率100%>=98%`), units per unit (`元/亩`).
    lines = NANYUE.with_suffix(".txt").read_text("utf-8").split("\n")
    text = lines[0] + "\n" + "".join(SPACE.sub("", line) for line in lines[1:])
    (form,) = read_bytes(text.encode("utf-8"), "flat.txt").forms
    wanted = expected(NANYUE)
    assert form.project_name == SPACE.sub("", wanted["project_name"])
    assert {n: form.funds.in_yuan(n) for n, v in form.funds.items() if v} == {
        k: Decimal(v) for k, v in wanted["funds_yuan"].items()
    }
    assert rows(form) == wanted_rows(wanted)
    assert ("产出指标", "成本指标", "流转土地补助标准", "<=475元/亩") in rows(form)


# Property: rows whose targets end where the text says (a comparison with its figure, a
# percentage), joined with nothing between them, read back as the same rows.

NAMES = st.sampled_from(
    ["培训人数", "群众满意度", "资金到位率", "宣传活动场次", "验收合格率", "受益人口", "设备完好率"]
)
TARGETS = st.sampled_from(["≥90%", "=300天", "100%", "≤475元/亩", "≥3所", ">=60000人", "95%"])
GROUPS = [
    ("产出指标", "数量指标"),
    ("产出指标", "质量指标"),
    ("效益指标", "社会效益指标"),
    ("满意度指标", "服务对象满意度指标"),
]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        # a row repeated whole is merged and noted (duplicate-row-merged): names differ in a group
        st.lists(st.tuples(NAMES, TARGETS), min_size=1, max_size=4, unique_by=lambda r: r[0]),
        min_size=1,
        max_size=len(GROUPS),
    )
)
def test_rows_run_on_one_line_read_back_the_same(groups: list[list[tuple[str, str]]]) -> None:
    want = []
    text = "绩效目标表项目名称某项目年度资金总额:20年度目标完成某项目一级指标二级指标三级指标指标值"
    last_level1 = None
    for (level1, level2), group in zip(GROUPS, groups, strict=False):
        text += ("" if level1 == last_level1 else level1) + level2
        last_level1 = level1
        for name, target in group:
            text += name + target
            want.append((level1, level2, name, target))
    (form,) = read_bytes(text.encode("utf-8"), "run-on.txt").forms
    assert form.project_name == "某项目"
    assert form.annual_goal == "完成某项目"
    assert rows(form) == want
