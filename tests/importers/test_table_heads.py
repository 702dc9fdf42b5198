"""The head of an indicator table is never an indicator, and a table that holds no indicators
(a cost breakdown with its 测算依据, named by the template's `table.other_tables`) is skipped with a
note (issue 15; docs/templates.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import region_toml

from jixiao.importers import read_bytes
from jixiao.importers.grid import Cell
from jixiao.importers.indicators import IndicatorTable


def read(rows: list[list[str]], has_rows: bool = True, other_tables=frozenset()):
    notes: list[tuple[str, int | None]] = []
    table = IndicatorTable(
        has_rows,
        "delimited",
        lambda code, said, line: notes.append((code, line)),
        other_tables=other_tables,
    )
    grid = [[Cell(text, k) for text in row] for k, row in enumerate(rows, 1)]
    table.add_rows(grid, lambda row: row)
    found = [(i.level1, i.level2, i.name, i.target, dict(i.extra)) for i in table.indicators()]
    return found, notes


def test_a_head_with_a_column_the_reader_does_not_know_is_a_head_not_an_indicator() -> None:
    found, notes = read(
        [
            ["序号", "一级指标", "二级指标", "三级指标", "指标值", "测算依据"],
            ["1", "产出指标", "数量指标", "养护里程", "≥300公里", "全县农村公路总里程"],
            ["2", "", "时效指标", "完成时间", "≤12个月", ""],
        ]
    )
    # The first cell is no column name: the head is still told by the names beside it.
    assert found == [
        ("产出指标", "数量指标", "养护里程", "≥300公里", {}),
        ("产出指标", "时效指标", "完成时间", "≤12个月", {}),
    ]
    assert notes == [("unplaced-column", 1), ("unplaced-column", 1)]  # 序号, 测算依据


def test_the_unknown_column_of_a_head_is_noted_and_its_cells_kept_out_of_the_values() -> None:
    found, notes = read(
        [
            ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "测算依据"],
            ["产出指标", "数量指标", "养护里程", "≥", "300", "公里", "全县农村公路总里程"],
            ["效益指标", "社会效益指标", "群众出行条件", "定性", "明显改善", "", "往年情况"],
        ]
    )
    assert found == [
        ("产出指标", "数量指标", "养护里程", "300", {"指标性质": "≥", "度量单位": "公里"}),
        ("效益指标", "社会效益指标", "群众出行条件", "明显改善", {"指标性质": "定性"}),
    ]
    assert notes == [("unplaced-column", 1)]


def test_a_row_short_of_its_merged_headings_leaves_the_unknown_column_out_too() -> None:
    found, _ = read(
        [
            ["一级指标", "二级指标", "三级指标", "指标值", "测算依据"],
            ["产出指标", "数量指标", "养护里程", "≥300公里", "全县农村公路总里程"],
            ["质量指标", "验收合格率", "=100%", "合同约定"],
            ["桥涵维护座数", "≥6座", "上年台账"],
        ]
    )
    assert found == [
        ("产出指标", "数量指标", "养护里程", "≥300公里", {}),
        ("产出指标", "质量指标", "验收合格率", "=100%", {}),
        ("产出指标", "质量指标", "桥涵维护座数", "≥6座", {}),
    ]


def test_a_row_of_one_column_name_among_values_is_no_head() -> None:
    found, _ = read(
        [
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "指标值", "≥3项"],
        ]
    )
    assert found == [("产出指标", "数量指标", "指标值", "≥3项", {})]


def test_the_rows_of_a_table_named_by_the_template_as_no_indicator_table_are_skipped() -> None:
    found, notes = read(
        [
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "养护里程", "≥300公里"],
            ["项目预算成本构成", "成本项目", "测算依据", "金额"],
            ["", "路面修补", "300公里×0.3万元/公里", "90"],
            ["", "桥涵维护", "6座×5万元/座", "30"],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%"],
        ],
        other_tables=frozenset({"项目预算成本构成"}),
    )
    assert [row[2] for row in found] == ["养护里程", "沿线群众满意度"]
    assert notes == [("other-table-skipped", 3)]


def test_one_cell_a_line_the_heading_in_the_table_head_is_a_column_of_it() -> None:
    cells = ["一级指标", "二级指标", "三级指标", "指标值", "测算依据"]
    cells += ["产出指标", "数量指标", "养护里程", "≥300公里", "全县农村公路总里程"]
    cells += ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", "往年调查"]
    found, notes = read([[c] for c in cells], False, frozenset({"测算依据"}))
    assert found == [
        ("产出指标", "数量指标", "养护里程", "≥300公里", {}),
        ("满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", {}),
    ]
    assert notes == []


def test_without_the_template_naming_it_a_cost_table_is_read_as_written() -> None:
    found, _ = read(
        [
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "养护里程", "≥300公里"],
            ["项目预算成本构成", "成本项目", "测算依据", "金额"],
        ]
    )
    assert len(found) == 2  # nothing is skipped that the template does not name


REGION = region_toml("cost-region", tail='other_tables = ["项目预算成本构成"]\n')

FORM = """某省项目支出绩效目标表
项目支出名称 | 乡村道路养护
承担单位 | 某县交通运输局
资金安排 | 本年度预算 | 120
项目预算成本构成 | 成本项目 | 测算依据 | 金额
 | 路面修补 | 300公里×0.3万元/公里 | 90
 | 桥涵维护 | 6座×5万元/座 | 30
本年度绩效目标 | 养护农村公路 300 公里
一级指标 | 二级指标 | 三级指标 | 指标值
产出指标 | 数量指标 | 养护里程 | ≥300公里
项目预算成本构成 | 成本项目 | 测算依据 | 金额
 | 路面修补 | 300公里×0.3万元/公里 | 90
"""


def test_a_cost_table_in_the_head_and_after_the_indicators_is_skipped_with_a_note(
    tmp_path,
) -> None:
    """A template that names its cost table (`table.other_tables`): the table's rows are read
    neither as fields of the form nor as indicators, and each table is noted once."""
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "region.toml").write_text(REGION, encoding="utf-8")
    document = tmp_path / "form.txt"
    document.write_text(FORM, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "jixiao.cli.main", "import", str(document)],
        capture_output=True,
        text=True,
        env={**os.environ, "JIXIAO_TEMPLATES": str(folder)},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    form = json.loads(result.stdout)["forms"][0]
    assert form["template"]["id"] == "cost-region"
    assert (form["project_name"], form["implementing_unit"]) == ("乡村道路养护", "某县交通运输局")
    assert form["funds"]["annual_request"] == "120"
    assert form["annual_goal"] == "养护农村公路 300 公里"
    assert [(i["name"], i["target"]) for i in form["indicators"]] == [("养护里程", "≥300公里")]
    notes = [(n["code"], n["line"]) for n in form["notes"]]
    assert notes == [("other-table-skipped", 5), ("other-table-skipped", 11)]


def test_a_flat_list_is_headed_by_its_names_column_called_indicator() -> None:
    # 重庆's 一般性项目绩效目标表: no levels; 指标 heads the names only in a head with no name or
    # level column, its sign and unit in columns of their own
    found, notes = read(
        [
            ["绩效指标", "指标", "指标权重", "计量单位", "指标性质", "指标值"],
            ["", "发放人数", "20", "人数", "≥", "80"],
            ["", "促进社会和谐", "20", "", "定性", ""],
        ]
    )
    assert found == [
        (None, None, "发放人数", "80", {"分值": "20", "度量单位": "人数", "指标性质": "≥"}),
        (None, None, "促进社会和谐", "", {"分值": "20", "指标性质": "定性"}),
    ]
    assert notes == []


def test_beside_a_names_column_indicator_is_no_column() -> None:
    found, notes = read(
        [
            ["一级指标", "二级指标", "三级指标", "指标", "指标值"],
            ["产出指标", "数量指标", "养护里程", "", "≥300公里"],
        ]
    )
    assert found == [("产出指标", "数量指标", "养护里程", "≥300公里", {})]
    assert notes == [("unplaced-column", 1)]


# Property: rows whose empty first cells (headings merged into the rows above) or empty last cell
# (备注 left empty) a text copy dropped as the table's border read as the whole rows do.

NAME = st.text(alphabet="培训人数合格率及时完成覆盖户", min_size=2, max_size=6)
VALUE = st.sampled_from(["≥300人", "≥95%", "100%", "=12个月", "≤5天"])


HEADINGS2 = {"产出指标": ["数量指标", "质量指标", "时效指标"], "效益指标": ["社会效益指标"]}


@st.composite
def bordered_tables(draw):
    names = iter(draw(st.lists(NAME, min_size=12, max_size=12, unique=True)))
    rows = []
    for level1 in draw(
        st.lists(st.sampled_from(list(HEADINGS2)), min_size=1, max_size=2, unique=True)
    ):
        for j, level2 in enumerate(
            draw(st.lists(st.sampled_from(HEADINGS2[level1]), min_size=1, max_size=2, unique=True))
        ):
            for k in range(draw(st.integers(1, 3))):
                first = j == 0 and k == 0
                rows.append(
                    (level1 if first else "", level2 if k == 0 else "", next(names), draw(VALUE))
                )
    return rows


@settings(max_examples=100, deadline=None)
@given(bordered_tables())
def test_a_row_whose_empty_ends_a_copy_dropped_reads_as_the_whole_row(rows) -> None:
    head = "绩效指标 | 一级指标 | 二级指标 | 三级指标 | 指标值 | 备注\n"
    whole = "".join(f"| | {a} | {b} | {n} | {v} | |\n" for a, b, n, v in rows)
    # the copy: a row's empty cells before its first text and after its last are gone
    lossy = "".join(
        (
            " | ".join(c for c in (a, b, n, v) if c)
            if a
            else " | " + " | ".join(c for c in (b, n, v) if c)
        )
        + "\n"
        for a, b, n, v in rows
    )
    read = []
    for body in (whole, lossy):
        text = "项目名称 | 某项目\n年度资金总额 | 20\n年度目标 | 完成某项目\n" + head + body
        (form,) = read_bytes(text.encode("utf-8"), "rows.txt").forms
        read.append([(i.level1, i.level2, i.name, i.target) for i in form.indicators])
    level1 = level2 = None
    want = []
    for a, b, n, v in rows:
        level1, level2 = a or level1, b or level2
        want.append((level1, level2, n, v))
    assert read == [want, want]
