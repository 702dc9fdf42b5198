"""Pages stored one cell a line with the bar between cells on a line of its own (`项目名称` / `|` /
`国家基本公共卫生服务项目` / `|`), as the stored copy of 蒙城 2024 has them: read as the layout
whose cells each end with a bar (`grid.cells`, docs/templates.md *Inputs*), the lines before the
first bar split where a form's title stands among them; and a goals heading followed by its text
(总体目标 | 针对……) gives that text as the form's goal."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.importers import read_bytes, read_path
from jixiao.importers.grid import detect

MENGCHENG = (
    Path(__file__).resolve().parent.parent / "fixtures/regions/mengcheng-2024-public-health.txt"
)


def test_the_published_copy_with_bars_on_lines_of_their_own_is_read() -> None:
    (form,) = read_path(MENGCHENG).forms
    assert (form.title, form.budget_year) == ("项目支出绩效目标申报表", 2024)
    assert form.project_name == "国家基本公共卫生服务项目"
    assert form.supervising_department is None  # 主管部门及代码 | (empty) | 实施单位
    assert (form.implementing_unit, form.project_category) == ("卫健委", "滚动项目")
    assert form.funds.unit == "万元"
    assert form.funds.in_yuan("annual_request") == Decimal("22790480")
    assert form.overall_goal.startswith("针对当前城乡居民存在的主要健康问题")
    assert form.overall_goal.endswith("促进基本公共卫生服务均等化。")
    assert [(i.level1, i.level2, i.name, i.target) for i in form.indicators] == [
        ("产出 指标", "数量指标", "适龄儿童国家免疫规划疫苗接种率", "≧90%"),
        ("产出 指标", "数量指标", "7 岁以下儿童健康管理率", "≧85%"),
        ("产出 指标", "数量指标", "0-6 岁儿童眼保健和视力检查覆盖率", "≧"),
    ]
    # what stood over the form (the project's description) is no cell of it
    unplaced = [n.message for n in form.notes if n.code == "unplaced-text"]
    assert not any("项目立项依据" in m or "实施主体" in m for m in unplaced)
    # the store's typo 其中:财政投款 is no label: said, never guessed
    assert any("财政投款" in m for m in unplaced)


def test_a_cell_of_several_lines_stays_one_cell() -> None:
    lines = [
        "项目名称",
        "|",
        "某项目",
        "|",
        "一级",
        "指标",
        "|",
        "二级指标",
        "|",
        "|",
        "三级指标",
        "|",
    ]
    grid = detect(lines)
    assert grid.layout == "cells"
    assert [row[0].text for row in grid.rows] == [
        "项目名称",
        "某项目",
        "一级\n指标",
        "二级指标",
        "",
        "三级指标",
    ]


def test_the_lines_of_a_title_before_the_first_bar_are_cells_of_their_own() -> None:
    lines = ["说明文字。", "项目支出绩效目标申报表", "(2024 年度)", "项目名称", "|", "某项目", "|"]
    grid = detect(lines + ["实施单位", "|", "某局", "|"] * 3)
    texts = [(row[0].text, row[0].line) for row in grid.rows][:5]
    assert texts == [
        ("说明文字。", 1),
        ("项目支出绩效目标申报表", 2),
        ("(2024 年度)", 3),
        ("项目名称", 4),
        ("某项目", 6),
    ]


def test_a_cell_whose_line_names_a_form_and_goes_on_stays_one_cell() -> None:
    lines = ["项目名称", "|", "某项目", "|", "立项依据", "|", "详见项目支出绩效目标表", "附后", "|"]
    grid = detect(lines * 3)
    assert [row[0].text for row in grid.rows][:4] == [
        "项目名称",
        "某项目",
        "立项依据",
        "详见项目支出绩效目标表\n附后",
    ]


WORDS = "保障服务设施建设改造维修培训人员村镇道路学校卫生医疗养老环境治理水利农业"
LEVEL2 = ("数量指标", "质量指标", "时效指标", "成本指标")


@st.composite
def forms(draw):
    name = draw(st.text(WORDS, min_size=4, max_size=16))
    unit = draw(st.text(WORDS, min_size=2, max_size=8)) + "局"
    amount = draw(st.decimals(min_value=1, max_value=99999, places=2))
    goal = draw(st.text(WORDS, min_size=26, max_size=60)) + "。"
    rows = draw(
        st.lists(
            st.tuples(
                st.sampled_from(LEVEL2),
                st.text(WORDS, min_size=3, max_size=14),
                st.integers(1, 100).map(lambda n: f"≥{n}%"),
            ),
            min_size=1,
            max_size=6,
            unique_by=lambda r: r[1],
        )
    )
    return name, unit, amount, goal, rows


def cells_of(name, unit, amount, goal, rows) -> list[str]:
    head = ["项目名称", name, "主管部门", "", "实施单位", unit, "项目资金(万元)"]
    head += ["年度资金总额", f"{amount}", "其中:财政拨款", f"{amount}", "其他资金", ""]
    head += ["总体目标", goal, "绩效指标", "一级指标", "二级指标", "三级指标", "指标值"]
    for level2, row_name, target in rows:
        head += ["产出指标", level2, row_name, target]
    return head


def bar_after(cells: list[str]) -> str:
    return "".join(f"{c} |\n" if c else "|\n" for c in cells)


def bar_between(cells: list[str]) -> str:
    return "".join(f"{c}\n|\n" if c else "|\n" for c in cells)


TITLE = ["项目支出绩效目标申报表", "(2024 年度)"]


@settings(max_examples=60, deadline=None)
@given(forms(), st.booleans())
def test_bars_on_lines_of_their_own_read_as_bars_ending_cells(form, preamble) -> None:
    """The same form, its cells ended by a bar (`text |`) or with the bar on the next line,
    a paragraph over the title or none: the same form is read, and it is the form written."""
    name, unit, amount, goal, rows = form
    over = ["(1)项目概况:某项目的说明。"] if preamble else []
    ended = "\n".join(over + [f"{t} |" for t in TITLE]) + "\n" + bar_after(cells_of(*form))
    between = "\n".join(over + TITLE) + "\n" + bar_between(cells_of(*form))
    read = []
    for text in (ended, between):
        (got,) = read_bytes(text.encode("utf-8"), "form.txt").forms
        read.append(
            (
                got.budget_year,
                got.project_name,
                got.implementing_unit,
                got.funds.in_yuan("annual_request"),
                got.overall_goal or got.annual_goal,
                [(i.level2, i.name, i.target) for i in got.indicators],
            )
        )
    want = (2024, name, unit, amount * 10000, goal, rows)
    assert read[0] == want
    assert read[1] == want


def _piped(*rows: str) -> bytes:
    return "\n".join(rows).encode("utf-8")


HEAD = (
    "项目支出绩效目标申报表 |",
    "项目名称 | 乡村道路养护 | 实施单位 | 某区交通局 |",
    "项目资金(万元) | 年度资金总额 | 120 |",
)
TABLE = (
    "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 |",
    "| 产出指标 | 数量指标 | 养护道路里程 | ≥30公里 |",
    "| 满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥90% |",
)
GOAL = "完成全区30公里乡村道路日常养护，路况优良率达到90%以上。"


def test_a_goals_heading_with_its_text_beside_it_gives_the_form_its_goal() -> None:
    (form,) = read_bytes(_piped(*HEAD, f"总体目标 | {GOAL} |", *TABLE), "f.txt").forms
    assert GOAL in (form.overall_goal, form.annual_goal)
    assert not any(GOAL[:20] in n.message for n in form.notes)


def test_goal_columns_under_a_goals_heading_keep_their_texts_by_column() -> None:
    """东莞 2019 prints 总体目标 | 中期滚动目标（2019年--2021年） | 年度目标 over the two texts: each
    text is its column's goal, and no heading is a goal."""
    midterm = "三年内完成全区乡村道路提档升级，群众出行条件明显改善。"
    rows = ("总体目标 | 中期滚动目标(2024年--2026年) | 年度目标 |", f"| {midterm} | {GOAL} |")
    (form,) = read_bytes(_piped(*HEAD, *rows, *TABLE), "f.txt").forms
    assert (form.overall_goal, form.annual_goal) == (midterm, GOAL)


def test_a_goals_heading_takes_no_heading_of_a_column_as_its_goal() -> None:
    rows = ("总体目标 | 三年规划目标 | 年度目标 |", f"| | {GOAL} |")
    (form,) = read_bytes(_piped(*HEAD, *rows, *TABLE), "f.txt").forms
    assert "三年规划目标" not in f"{form.overall_goal}{form.annual_goal}"
    assert form.annual_goal == GOAL
