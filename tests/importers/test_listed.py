"""Indicators listed in one cell (广州's 项目支出绩效目标表, `importers/listed.py`): each item's
headings, name, value over the term and value for the year, as written, however the list is
numbered and punctuated; a table of projects whose 绩效指标 cells list them is a ledger of forms
(docs/templates.md, *Inputs*). The published table is read exactly in tests/templates."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.importers import listed, read_bytes

LEVELS = {
    ("1", "产出指标"): [("11", "数量指标"), ("12", "质量指标"), ("13", "时效指标")],
    ("2", "效益指标"): [("21", "经济效益"), ("22", "社会效益"), ("23", "生态效益")],
    ("3", "满意度指标"): [("31", "服务对象满意度")],
    ("4", "成本指标"): [("41", "经济成本指标")],
}
WORDS = st.text(
    alphabet="环保监督检查员数量应急事件响应率（是/否）", min_size=2, max_size=14
).filter(lambda t: t.strip() == t and not t[0].isdigit())
VALUES = st.sampled_from(
    [
        "100%",
        "≥90%",
        "≦核定人数",
        "是",
        "0起",
        "≤25微克/立方米",
        "考察是否符合规范，合规得满分，不合规不得分",
    ]
)


@st.composite
def lists(draw):
    out = []
    for _ in range(draw(st.integers(1, 8))):
        level1 = draw(st.sampled_from(list(LEVELS)))
        level2 = draw(st.sampled_from(LEVELS[level1]))
        out.append((level1, level2, draw(WORDS), draw(VALUES), draw(VALUES)))
    return out


def written(items: list, data) -> str:
    """The list as 广州 prints it: items numbered from 1 (restarting at times), `.` after the
    first number, `、` after the others, each ended by `；` or `;`, the term's value ended by `，`
    or by `。` where it ends in a sentence."""
    text, number = "", 0
    for k, ((code1, level1), (code2, level2), name, term, year) in enumerate(items):
        number = 1 if k and data.draw(st.booleans()) and k % 3 == 0 else number + 1
        mark = "." if k == 0 else "、"
        after_term = "。" if term.endswith("分") else "，"
        end = data.draw(st.sampled_from(["；", ";"]))
        text += f"{number}{mark}{code1}－{level1}，{code2}－{level2}，{name}；"
        text += f"实施周期指标值：{term}{after_term}年度指标值：{year}{end}"
    return text


@settings(max_examples=300, deadline=None)
@given(lists(), st.data())
def test_every_item_of_a_list_is_read_as_written(items, data) -> None:
    text = written(items, data)
    assert listed.is_list(text)
    want = [(l1, l2, name, term, year) for (_, l1), (_, l2), name, term, year in items]
    assert listed.items(text) == want


def test_an_item_whose_values_cannot_be_told_apart_keeps_its_text_as_its_name() -> None:
    """The PDF put PM2.5's subscript inside 实施周期指标值: the values are not guessed."""
    text = "1.2－效益指标，23－生态效益，PM年均浓度；实2.5\n施周期指标值：≤25微克/立方米，年度指标值：≤25微克/立方米"
    ((level1, level2, name, term, year),) = listed.items(text)
    assert (level1, level2, term, year) == ("效益指标", "生态效益", "", "")
    assert name.startswith("PM年均浓度；实2.5")


def test_a_value_after_its_label_without_a_colon_is_kept_as_written() -> None:
    text = "1.1－产出指标，12－质量指标，合同进度执行率；实施周期指标值》90%，年度指标值》90%"
    assert listed.items(text) == [("产出指标", "质量指标", "合同进度执行率", "》90%", "》90%")]


def test_text_that_lists_nothing_is_no_list() -> None:
    assert not listed.is_list("通过开展广州市建立镇（街）园区环境保护监督检查员队伍")
    assert listed.items("2026年完成1、2项工作") == []


HEAD = "| 项目名称（资金使用单位） | 总计： | 财政拨款 | 财政专户拨款 | 其他资金 | 绩效目标 | 绩效指标 |"


def test_a_table_of_projects_listing_their_indicators_is_a_ledger_of_forms() -> None:
    """Under the department's 合计 and each unit's own row, a project a form: its unit the
    unit's row above it, its amounts in 万元, its goal, a row per item with its term's value."""
    lines = [
        "广州市生态环境局2026年项目支出绩效目标表（含转移支付项目）",
        "部门名称：广州市生态环境局 | 单位：万元",
        HEAD,
        "| 合计： | 37,367.86 | 35,790.09 |  | 1,577.77 |  |  |",
        "| 广州市生态环境局南沙分局 | 885.50 | 193.94 |  | 691.56 |  |  |",
        "| 机构运行辅助经费 | 193.94 | 193.94 |  |  | 保障编外人员工资。 | "
        "1.2－效益指标，22－社会效益，人员工作完成率；实施周期指标值：100%，年度指标值：100%;"
        "2、1－产出指标，12－质量指标，持证上岗率；实施周期指标值：≥95%，年度指标值：≥90%； |",
        "| 区财政安排经费项目 | 691.56 | 0.00 |  | 691.56 | 落实试点建设。 | "
        "1.4－成本指标，41－经济成本指标，不超过预算（万元）；实施周期指标值：是，年度指标值：是； |",
    ]
    batch = read_bytes("\n".join(lines).encode("utf-8"), "goals.txt")
    first, second = batch.forms
    assert first.template.id == second.template.id == "guangzhou-ledger"
    assert (first.project_name, first.implementing_unit) == (
        "机构运行辅助经费",
        "广州市生态环境局南沙分局",
    )
    assert first.supervising_department == "广州市生态环境局"
    assert first.funds.in_yuan("annual_request") == 1939400
    assert second.funds.in_yuan("annual_request") == 6915600
    assert first.annual_goal == "保障编外人员工资。"
    rows = [(i.level1, i.level2, i.name, i.target, dict(i.extra)) for i in first.indicators]
    assert rows == [
        ("效益指标", "社会效益", "人员工作完成率", "100%", {"中期指标值": "100%"}),
        ("产出指标", "质量指标", "持证上岗率", "≥90%", {"中期指标值": "≥95%"}),
    ]
    said = " ".join(str(n.message) for n in batch.notes)
    assert "合计：" in said  # the department's total is outside every form
