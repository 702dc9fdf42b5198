"""Side-by-side period blocks and a template's footnotes in the indicator table (issue 15;
docs/templates.md): the blocks and the markers come from the form's template, never from a region.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from jixiao.domain.taxonomy import CLASSIC, MOF2021
from jixiao.importers import read_path
from jixiao.importers.grid import Cell
from jixiao.importers.indicators import IndicatorTable
from jixiao.templates import PeriodBlock

ANHUI = Path(__file__).resolve().parent.parent / "fixtures" / "templates" / "anhui"
BLOCKS = (PeriodBlock("midterm", ("中期指标值",)), PeriodBlock("annual", ("年度指标值",)))


def read(rows, periods=BLOCKS, footnotes=("注：",), scheme=MOF2021):
    notes: list[tuple[str, str, int | None]] = []
    table = IndicatorTable(
        True,
        "delimited",
        lambda c, m, line: notes.append((c, m.zh, line)),
        scheme=scheme,
        periods=periods,
        footnotes=footnotes,
    )
    grid = [[Cell(text, n) for text in row] for n, row in enumerate(rows, 1)]
    table.add_rows(grid, lambda row: row)
    got = [(i.level1, i.level2, i.name, i.target, i.period) for i in table.indicators()]
    return got, notes


HEAD = ["绩效指标", "一级指标", "二级指标", "三级指标", "中期指标值", "年度指标值"]


def test_a_row_of_two_period_blocks_gives_one_indicator_per_block_it_fills() -> None:
    got, notes = read(
        [
            HEAD,
            ["", "产出指标", "数量指标", "培训人次", "3000人次", "1000人次"],
            ["", "", "", "覆盖县区", "", "10个"],
            ["", "成本指标", "经济成本指标", "人均成本", "≤500元", "≤500元"],
        ]
    )
    assert got == [
        ("产出指标", "数量指标", "培训人次", "3000人次", "midterm"),
        ("产出指标", "数量指标", "培训人次", "1000人次", "annual"),
        ("产出指标", "数量指标", "覆盖县区", "10个", "annual"),
        ("成本指标", "经济成本指标", "人均成本", "≤500元", "midterm"),
        ("成本指标", "经济成本指标", "人均成本", "≤500元", "annual"),
    ]
    assert notes == []


def test_without_the_templates_blocks_the_midterm_column_is_kept_as_an_extra() -> None:
    notes: list = []
    table = IndicatorTable(True, "delimited", lambda c, m, line: notes.append(c))
    rows = [HEAD, ["", "产出指标", "数量指标", "培训人次", "3000人次", "1000人次"]]
    table.add_rows([[Cell(t, n) for t in row] for n, row in enumerate(rows, 1)], lambda r: r)
    (only,) = table.indicators()
    assert (only.target, only.period, dict(only.extra)) == (
        "1000人次",
        None,
        {"中期指标值": "3000人次"},
    )


def test_a_row_that_fills_no_block_is_kept_once_and_noted() -> None:
    got, notes = read(
        [
            HEAD,
            ["", "产出指标", "数量指标", "培训人次", "", ""],
            ["", "", "", "覆盖县区", "20个", "10个"],
        ]
    )
    assert got == [
        ("产出指标", "数量指标", "培训人次", "", "annual"),
        ("产出指标", "数量指标", "覆盖县区", "20个", "midterm"),
        ("产出指标", "数量指标", "覆盖县区", "10个", "annual"),
    ]
    assert [(code, line) for code, _, line in notes] == [("missing-cell", 2)]


BLOCK_HEAD = ["一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"]
HEADINGS = (PeriodBlock("midterm", ("中期指标",)), PeriodBlock("annual", ("年度指标",)))


def test_blocks_with_their_own_columns_give_one_indicator_per_block_under_its_own_level2() -> None:
    got, notes = read(
        [
            BLOCK_HEAD,
            ["产出指标", "数量指标", "培训人次", "3000人次", "数量指标", "培训人次", "1000人次"],
            ["", "", "覆盖县区", "30个", "", "新增县区", "10个"],
            ["", "质量指标", "合格率", "≥95%", "", "", ""],
            ["效益指标", "", "", "", "社会效益指标", "知晓率", "≥90%"],
        ],
        periods=HEADINGS,
    )
    assert got == [
        ("产出指标", "数量指标", "培训人次", "3000人次", "midterm"),
        ("产出指标", "数量指标", "培训人次", "1000人次", "annual"),
        ("产出指标", "数量指标", "覆盖县区", "30个", "midterm"),
        ("产出指标", "数量指标", "新增县区", "10个", "annual"),
        ("产出指标", "质量指标", "合格率", "≥95%", "midterm"),
        ("效益指标", "社会效益指标", "知晓率", "≥90%", "annual"),
    ]
    assert notes == []


def test_a_row_of_block_headings_above_the_head_says_which_block_is_which() -> None:
    rows = [
        ["", "年度指标", "", "", "中期指标", "", ""],
        BLOCK_HEAD,
        ["产出指标", "数量指标", "培训人次", "1000人次", "数量指标", "培训人次", "3000人次"],
    ]
    got, _ = read(rows, periods=HEADINGS)
    assert [(target, period) for *_, target, period in got] == [
        ("1000人次", "annual"),
        ("3000人次", "midterm"),
    ]


def test_footnotes_and_every_row_after_them_are_notes_never_indicators() -> None:
    got, notes = read(
        [
            HEAD,
            ["", "满意度指标", "服务对象满意度指标", "满意度", "≥90%", "≥90%"],
            ["注：1.“其他资金”是指与财政拨款共同用于同一项目的单位自有资金、社会资金等。"],
            ["2.各单位可根据项目特点自行增加或减少二级指标", "", "", "", "", ""],
        ]
    )
    assert [name for _, _, name, _, _ in got] == ["满意度", "满意度"]
    assert [(code, line) for code, _, line in notes] == [("footnote", 3), ("footnote", 4)]


def test_a_footnote_run_on_into_the_last_cell_is_cut_off_it() -> None:
    got, notes = read(
        [
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["满意度指标", "服务对象满意度指标", "满意度", "≥90%\n注：1.其他资金……"],
        ],
        periods=(),
        scheme=CLASSIC,
    )
    assert got == [("满意度指标", "服务对象满意度指标", "满意度", "≥90%", None)]
    assert [code for code, _, _ in notes] == ["footnote"]


def test_a_name_that_begins_like_a_marker_is_still_an_indicator() -> None:
    got, _ = read(
        [
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "注册企业数", "10家"],
        ],
        periods=(),
        scheme=CLASSIC,
    )
    assert got == [("产出指标", "数量指标", "注册企业数", "10家", None)]


def test_the_classic_scheme_files_cost_under_output_the_2021_one_as_its_own_heading() -> None:
    rows = [["一级指标", "二级指标", "三级指标", "指标值"], ["成本指标", "项目总成本", "≤10万元"]]
    assert read(rows, periods=(), scheme=CLASSIC)[0] == [
        ("产出指标", "成本指标", "项目总成本", "≤10万元", None)
    ]
    assert read(rows, periods=(), scheme=MOF2021)[0] == [
        ("成本指标", None, "项目总成本", "≤10万元", None)
    ]


def test_the_published_anhui_footnotes_are_noted_by_the_detected_template() -> None:
    for name in ("jinzhai-2021-property.txt", "jinzhai-2021-property-html.html"):
        (form,) = read_path(ANHUI / name).forms
        assert form.template.id == "anhui"
        footnotes = [n for n in form.notes if n.code == "footnote"]
        assert [n.message.split("：", 1)[1][:8] for n in footnotes] == [
            "注: 1.“其他",
            "2.各单位可根据",
        ]
        assert not any("其他资金" in (i.name + i.target) for i in form.indicators)


MOF = ANHUI.parent / "mof2021"


def test_the_published_form_of_side_by_side_blocks_keeps_its_head_and_its_annual_block() -> None:
    """Wuhan Qingshan's form of the central layout, saved one cell per paragraph: 主管部门 | 及编码
    is one label broken over two cells, the empty 中期 block's cells (a lone space) keep every
    row's width, and its indicators are the 年度 block's."""
    (form,) = read_path(MOF / "qingshan-2020-infrastructure.txt").forms
    assert form.template.id == "mof2021"
    assert form.supervising_department == "[015001]武汉市青山区教育局"
    assert form.overall_goal.startswith("优化教育布局")
    assert form.annual_goal == "按工作计划完成教育局重点项目建设经费预算安排"
    assert {i.period for i in form.indicators} == {"annual"}
    assert not [n for n in form.notes if n.code in ("missing-cell", "extra-cells")]


def test_a_template_with_the_years_funds_only_files_its_other_funds_on_the_annual_side() -> None:
    """Anhui's funds block is the year's (年度资金总额, 其中：财政拨款, 其他资金): its 其他资金 is the
    year's other funds; the central form's first 其他资金 is the project's, 当年其他资金 the year's."""
    (anhui,) = read_path(ANHUI / "ja-2025-tennis.txt").forms
    assert (anhui.funds.project_other, anhui.funds.annual_other) == (None, Decimal("0.00"))
    (central,) = read_path(MOF / "qingshan-2020-infrastructure.txt").forms
    assert central.funds.project_fiscal == central.funds.annual_appropriation == Decimal("10000")
