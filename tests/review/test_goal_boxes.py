"""One goal box (docs/review.md, "One goal box"): a form read from a document that printed a box
for one of its template's two goals and none for the other is asked for that one goal only; a
box it printed and left empty is reported, and so are both goals of a form that printed neither
(or was made in the editor, with no lines read)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from jixiao.importers import read_bytes, read_path
from jixiao.review import review_form

FIXTURES = Path(__file__).parent.parent / "fixtures"
MENGCHENG = FIXTURES / "regions" / "mengcheng-2024-public-health.txt"

# Each goal of the central form: no box (its label not printed), an empty box, a filled box.
ABSENT, EMPTY, FILLED = "absent", "empty", "filled"
LABELS = {"overall_goal": "中期目标", "annual_goal": "年度目标"}
TEXTS = {
    "overall_goal": "三年内建成覆盖全区的社区卫生服务网络，居民健康档案建档率达到90%以上",
    "annual_goal": "2024年完成12个社区卫生服务站点改造，居民满意度达到90%以上",
}


def central_form(boxes: dict[str, str]) -> bytes:
    """A form of the central 2021 layout, each goal printed as `boxes` says."""
    goals = []
    for goal, state in boxes.items():
        if state != ABSENT:
            goals.append(f"{LABELS[goal]} | {TEXTS[goal] if state == FILLED else ''} |")
    text = "\n".join(
        [
            "项目支出绩效目标申报表",
            "（2024年度）",
            "项目名称 | 社区卫生服务站点改造 |",
            "主管部门及代码 | [101]某区卫生健康委员会 |",
            "实施单位 | 某区社区卫生服务中心 |",
            "项目属性 | 延续项目 | 项目起止时间 | 202401-202612 |",
            "项目资金（万元） | 中期资金总额 | 360 | 年度资金总额 | 120 |",
            " | 其中：财政拨款 | 360 | 其中：年度财政拨款 | 120 |",
            " | 其他资金 | 0 | 当年其他资金 | 0 |",
            *goals,
            "绩效指标 | 一级指标 | 二级指标（长期） | 三级指标（长期） | 指标值（长期） "
            "| 二级指标（年度） | 三级指标（年度） | 指标值（年度） |",
            " | 产出指标 | 数量指标 | 改造站点数量 | ≥36个 | 数量指标 | 改造站点数量 | ≥12个 |",
            " | 产出指标 | 质量指标 | 验收合格率 | 100% | 质量指标 | 验收合格率 | 100% |",
            " | 产出指标 | 时效指标 | 完成时间 | 2026年底前 | 时效指标 | 完成时间 | 2024年底前 |",
            " | 成本指标 | 经济成本指标 | 站点改造成本 | ≤10万元/个 "
            "| 经济成本指标 | 站点改造成本 | ≤10万元/个 |",
            " | 效益指标 | 社会效益指标 | 就近就医便利度 | 明显提高 "
            "| 社会效益指标 | 就近就医便利度 | 逐步提高 |",
            " | 满意度指标 | 服务对象满意度指标 | 居民满意度 | ≥90% "
            "| 服务对象满意度指标 | 居民满意度 | ≥90% |",
        ]
    )
    return text.encode("utf-8")


def goals_asked(form) -> set[str]:
    review = review_form(form)
    return {f.location.field for f in review.findings if f.rule == "fields.E001"} & set(LABELS)


def read(boxes: dict[str, str]):
    (form,) = read_bytes(central_form(boxes), "central.txt").forms
    assert form.template is not None and form.template.id == "mof2021"
    for goal, state in boxes.items():
        assert (getattr(form, goal) or None) == (TEXTS[goal] if state == FILLED else None)
    return form


def test_mengcheng_one_goal_box_is_not_asked_for_a_second_goal():
    (form,) = read_path(MENGCHENG).forms
    assert form.template is not None and form.template.id == "mof2021"
    assert form.overall_goal and form.overall_goal.startswith("针对当前城乡居民")
    assert form.annual_goal is None
    findings = review_form(form).findings
    assert not [f for f in findings if f.rule == "fields.E001"]


STATES = (ABSENT, EMPTY, FILLED)


@pytest.mark.parametrize("overall, annual", list(itertools.product(STATES, STATES)))
def test_a_goal_is_asked_for_unless_only_the_other_has_a_box(overall, annual):
    """Every combination of the two boxes: a goal left empty is reported when the form printed
    its box, or printed no goal box at all; never when only the other goal has a box."""
    boxes = {"overall_goal": overall, "annual_goal": annual}
    form = read(boxes)
    asked = set()
    for goal, state in boxes.items():
        other = boxes["annual_goal" if goal == "overall_goal" else "overall_goal"]
        if state == EMPTY or (state == ABSENT and other == ABSENT):
            asked.add(goal)
    assert goals_asked(form) == asked


@pytest.mark.parametrize("overall, annual", list(itertools.product(STATES, STATES)))
def test_emptying_a_goal_never_raises_the_score(overall, annual):
    """What is spared follows the boxes printed, never what is written in them: emptying a
    goal's text (as an editor would) never raises the score nor spares the goal."""
    form = read({"overall_goal": overall, "annual_goal": annual})
    for goal in ("overall_goal", "annual_goal"):
        if not getattr(form, goal):
            continue
        emptied = form.with_changes(**{goal: None})
        assert review_form(emptied).score <= review_form(form).score
        assert goal in goals_asked(emptied)


def test_a_form_with_no_lines_read_is_asked_for_both_goals():
    """A form made in the editor (or given as JSON without lines) printed nothing: both goals
    of its template are asked for."""
    form = read({"overall_goal": FILLED, "annual_goal": ABSENT})
    assert goals_asked(form) == set()
    made = form.with_changes(lines={})
    assert goals_asked(made) == {"annual_goal"}
