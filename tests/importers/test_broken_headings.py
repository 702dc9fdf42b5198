"""A heading whose cell broke its line before 指标 (项目完成 / 指标, 社会效益 / 指标: a page's stored text
gives each line of a cell as a row) is one heading, and the table's label 绩效指标 left of a row of
headings is no cell of it (issue 15; docs/templates.md)."""

from __future__ import annotations

from jixiao.domain.taxonomy import canonical_level1
from jixiao.importers.grid import Cell
from jixiao.importers.indicators import IndicatorTable


def read(rows: list[list[str]]):
    notes: list[tuple[str, int | None]] = []
    table = IndicatorTable(True, "spaced", lambda code, said, line: notes.append((code, line)))
    grid = [[Cell(text, k) for text in row] for k, row in enumerate(rows, 1)]
    table.add_rows(grid, lambda row: row)
    found = [(i.level1, i.level2, i.name, i.target) for i in table.indicators()]
    return found, notes


def test_a_row_of_zhibiao_alone_completes_the_heading_above_it() -> None:
    found, notes = read(
        [
            ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
            ["绩效指标", "项目完成"],
            ["指标"],
            ["数量指标", "慰问人数", "32人"],
            ["项目效益"],
            ["指标"],
            ["社会效益"],
            ["指标"],
            ["群众防治意识", "明显增强"],
            ["满意度指标", "满意度指标", "群众幸福感", "明显提升"],
        ]
    )
    assert found == [
        ("项目完成指标", "数量指标", "慰问人数", "32人"),
        ("项目效益指标", "社会效益指标", "群众防治意识", "明显增强"),
        ("满意度指标", "满意度指标", "群众幸福感", "明显提升"),
    ]
    assert notes == []


def test_a_row_of_zhibiao_after_an_indicator_is_not_joined_to_it() -> None:
    found, notes = read(
        [
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "慰问人数", "32人"],
            ["指标"],
        ]
    )
    # Not the rest of a heading: read as before, a name without its value, and noted.
    assert found == [
        ("产出指标", "数量指标", "慰问人数", "32人"),
        ("产出指标", "数量指标", "指标", ""),
    ]
    assert ("missing-cell", 3) in notes


def test_the_level1_names_of_published_forms_are_level1_headings() -> None:
    assert canonical_level1("项目完成指标") == "产出指标"
    assert canonical_level1("项目完成") == "产出指标"
    assert canonical_level1("项目效益指标") == "效益指标"
    assert canonical_level1("项目") is None


def test_a_heading_cut_by_a_rule_into_two_rows_is_one_heading_over_both() -> None:
    """西安's PDF rules a line through the cell of 效益指标 that spans two rows: its text comes
    as 效益指 in the upper row and 标 in the lower. Joined, it heads both rows; cells that are
    headings already, or names, are left as written."""
    from jixiao.importers import read_bytes

    text = "\n".join(
        [
            "项目名称 | 购买中介机构审计服务 |",
            "年度目标 | 加强审计专业力量。 |",
            "一级指标 | 二级指标 | 三级指标 | 指标值 |",
            "产出指标 | 质量指标 | 审计报告合格率 | 100% |",
            "效益指 | 经济效益指标 | 避免财政资金损失浪费 | ≥1亿元 |",
            "标 | 社会效益指标 | 带动就业与人才培养 | ≥50人 |",
            "满意度指标 | 服务对象满意度指标 | 满意度 | ≥90% |",
            " |  | 聘请中介机构 | 满意 |",
        ]
    )
    (form,) = read_bytes(text.encode("utf-8"), "f.txt").forms
    assert [(i.level1, i.level2, i.name, i.target) for i in form.indicators] == [
        ("产出指标", "质量指标", "审计报告合格率", "100%"),
        ("效益指标", "经济效益指标", "避免财政资金损失浪费", "≥1亿元"),
        ("效益指标", "社会效益指标", "带动就业与人才培养", "≥50人"),
        ("满意度指标", "服务对象满意度指标", "满意度", "≥90%"),
        ("满意度指标", "服务对象满意度指标", "聘请中介机构", "满意"),
    ]
