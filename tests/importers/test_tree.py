"""Forms printed as an indented tree (宁夏's 项目绩效目标批复表, `importers/tree.py`): each project is a
form, each indicator a row under the headings above it, its value the line under it (issue 15;
docs/templates.md, *Inputs*)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.errors import InputError
from jixiao.importers import read_bytes
from jixiao.templates import from_data

LEVELS = {
    "产出指标": ["数量指标", "质量指标(必填)", "时效指标", "成本指标(必填硬性指标)"],
    "效益指标": ["社会效益指标(必填)", "可持续影响指标"],
    "满意度指标": ["服务对象满意度指标(必填)"],
}
WORDS = st.text(
    alphabet="疫苗使用率治疗需求服务对象满意度采购标准覆盖人群", min_size=3, max_size=10
)
TARGETS = st.sampled_from(["100%", "≥95%", "40%", "3000人", "12月底前"])


def tree_text(unit: str, projects: list) -> str:
    lines = [
        "某市某中心2020年项目绩效目标批复表",
        "单位:元",
        "项目",
        "指标值",
        "绩效金额",
        " " + unit,
    ]
    for name, amount, groups in projects:
        lines += ["  " + name, amount]
        for level1, level2s in groups:
            lines.append("   " + level1)
            for level2, rows in level2s:
                lines.append("    " + level2)
                for row, target in rows:
                    lines += ["     " + row, target]
    return "\n\n".join(lines) + "\n"


@st.composite
def projects(draw):
    names = iter(draw(st.lists(WORDS, min_size=40, max_size=40, unique=True)))
    out = []
    for p in range(draw(st.integers(1, 3))):
        groups = []
        for level1 in draw(
            st.lists(st.sampled_from(list(LEVELS)), min_size=1, max_size=3, unique=True)
        ):
            level2s = []
            for level2 in draw(
                st.lists(st.sampled_from(LEVELS[level1]), min_size=1, max_size=2, unique=True)
            ):
                rows = [(next(names), draw(TARGETS)) for _ in range(draw(st.integers(1, 3)))]
                level2s.append((level2, rows))
            groups.append((level1, level2s))
        out.append((f"项目{p + 1}{next(names)}", str(draw(st.integers(1000, 9_999_999))), groups))
    return out


@settings(max_examples=60, deadline=None)
@given(projects())
def test_every_project_of_a_tree_is_a_form_with_its_amount_and_rows(tree) -> None:
    batch = read_bytes(tree_text("某市某中心", tree).encode("utf-8"), "tree.txt")
    assert [f.project_name for f in batch.forms] == [name for name, _, _ in tree]
    for form, (_, amount, groups) in zip(batch.forms, tree, strict=True):
        assert form.implementing_unit == "某市某中心"
        assert form.funds.in_yuan("annual_request") == Decimal(amount)  # 单位:元
        want = [
            (level1, level2, row, target)
            for level1, level2s in groups
            for level2, rows in level2s
            for row, target in rows
        ]
        assert [(i.level1, i.level2, i.name, i.target) for i in form.indicators] == want


def test_a_tree_needs_its_depths() -> None:
    # the head with lines of fewer indents than a tree's five: no tree, and no form either
    text = "项目\n\n指标值\n\n绩效金额\n\n 某中心\n\n  某项目\n\n100\n"
    with pytest.raises(InputError, match="未找到绩效目标表"):
        read_bytes(text.encode("utf-8"), "flat.txt")


def test_only_a_tree_is_read_as_ningxias_and_a_tree_only_so() -> None:
    # the tree's template has the few labels the tree is given: a form of the same few labels
    # printed as a table is weighed against the other templates, never against it
    table = (
        "项目名称 | 某项目\n实施单位 | 某局\n绩效金额 | 20\n"
        "一级指标 | 二级指标 | 三级指标 | 指标值\n产出指标 | 数量指标 | 培训人数 | ≥300人\n"
    )
    (form,) = read_bytes(table.encode("utf-8"), "table.txt").forms
    assert form.template.id != "ningxia" and form.template.runner_up != "ningxia"
    tree = tree_text(
        "某中心", [("某项目", "20", [("产出指标", [("数量指标", [("培训人数", "100%")])])])]
    )
    (form,) = read_bytes(tree.encode("utf-8"), "tree.txt").forms
    assert (form.template.id, form.template.runner_up) == ("ningxia", None)


def test_a_template_of_an_unknown_layout_is_refused() -> None:
    data = {"id": "x", "name": "x", "region": "x", "layout": "spiral"}
    with pytest.raises(InputError, match="layout"):
        from_data(data, "x.toml")
