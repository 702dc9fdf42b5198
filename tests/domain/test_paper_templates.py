"""The one grid (`jixiao.domain.paper`) laid out by a template (`jixiao.templates`): its labels,
its funds in its unit, its columns and extra columns, and indicators of two periods side by side
when the template has period blocks, else as two tables."""

from __future__ import annotations

from decimal import Decimal
from types import MappingProxyType

from jixiao.domain.form import Form, Funds, Indicator, TemplateMatch
from jixiao.domain.paper import Cell, form_page, form_table, indicator_place, layout_of
from jixiao.templates import Template, from_data

BLOCKS = {
    "id": "test-periods",
    "name": "项目支出绩效目标申报表（测试）",
    "region": "测试",
    "titles": ["项目支出绩效目标申报表"],
    "fields": {
        "project_name": ["项目名称"],
        "supervising_department": ["主管部门"],
        "implementing_unit": ["实施单位"],
    },
    "funds": {
        "unit": "万元",
        "section": ["项目资金"],
        "annual_request": ["年度资金总额"],
        "annual_appropriation": ["财政拨款"],
        "other": ["其他资金"],
    },
    "goals": {"section": ["总体目标"], "overall_goal": ["中期目标"], "annual_goal": ["年度目标"]},
    "table": {
        "columns": ["一级指标", "二级指标", "三级指标", "中期指标值", "年度指标值", "绩效标准"],
        "section": ["绩效指标"],
        "level1": ["一级指标"],
        "level2": ["二级指标"],
        "name": ["三级指标"],
        "target": ["指标值"],
        "periods": [
            {"period": "midterm", "headings": ["中期指标值"]},
            {"period": "annual", "headings": ["年度指标值"]},
        ],
        "extra": {"绩效标准": ["绩效标准"]},
    },
}


def template(**changes: object) -> Template:
    data = dict(BLOCKS)
    table = dict(BLOCKS["table"])  # type: ignore[arg-type]
    table.update(changes)
    data["table"] = table
    return from_data(data, "test-periods.toml")


def indicator(period: str, level1: str, level2: str, name: str, target: str, std: str = ""):
    extra = MappingProxyType({"绩效标准": std} if std else {})
    return Indicator(level1, level2, name, target, period=period, extra=extra)


FORM = Form(
    seq=1,
    title="财政项目支出绩效目标填报表",
    budget_year=2025,
    project_name="某项目",
    supervising_department="某局",
    implementing_unit="某单位",
    funds=Funds(
        unit="元",
        annual_request=Decimal("11250000.00"),
        annual_appropriation=Decimal("12345.67"),
        annual_other=Decimal("0"),
    ),
    overall_goal="中期的目标",
    annual_goal="年度的目标",
    indicators=(
        indicator("midterm", "产出指标", "数量指标", "培训人数", "≥300人", "按计划"),
        indicator("midterm", "产出指标", "质量指标", "合格率", "≥95%"),
        indicator("midterm", "效益指标", "社会效益指标", "覆盖面", "提升"),
        indicator("annual", "产出指标", "数量指标", "培训人数", "≥100人", "按计划"),
        indicator("annual", "产出指标", "数量指标", "培训场次", "≥5场"),
    ),
    template=TemplateMatch("shanghai-district", Decimal("1.00")),
)


def texts(cells: tuple[Cell, ...]) -> list[str]:
    return [c.text for c in cells]


def test_period_blocks_stand_side_by_side_one_row_per_indicator() -> None:
    table = form_table(FORM, template())
    start = next(n for n, row in enumerate(table.rows) if row.cells[0].text == "绩效指标")
    head, *rows = table.rows[start:]
    assert texts(head.cells) == [
        *("绩效指标", "一级指标", "二级指标", "三级指标"),
        *("中期指标值", "年度指标值", "绩效标准"),
    ]
    assert head.cells[0].rows == 1 + 4
    # an indicator of both periods is one row: 中期 | 年度; the others fill their own period
    assert [texts(r.cells) for r in rows] == [
        ["产出指标", "数量指标", "培训人数", "≥300人", "≥100人", "按计划"],
        ["质量指标", "合格率", "≥95%", "", ""],
        ["效益指标", "社会效益指标", "覆盖面", "提升", "", ""],
        ["产出指标", "数量指标", "培训场次", "", "≥5场", ""],
    ]
    # every indicator is shown at one cell: the row's name, or a further period's value
    shown = {c.place: c.text for r in rows for c in r.cells if c.place}
    assert shown == {
        indicator_place(0): "培训人数",
        indicator_place(3): "≥100人",
        indicator_place(1): "合格率",
        indicator_place(2): "覆盖面",
        indicator_place(4): "培训场次",
    }
    assert [r.place for r in rows] == [indicator_place(n) for n in (0, 1, 2, 4)]
    for row in (head, rows[0]):
        assert row.cells[-1].col + row.cells[-1].span == table.columns


def test_blocks_take_the_value_columns_place_where_the_columns_print_none() -> None:
    layout = layout_of(template(columns=["一级指标", "二级指标", "三级指标", "指标值", "绩效标准"]))
    assert [c.heading for c in layout.columns] == [
        *("一级指标", "二级指标", "三级指标"),
        *("中期指标值", "年度指标值", "绩效标准"),
    ]
    assert layout.periods == ("midterm", "annual")


def test_without_blocks_two_periods_are_two_tables_headed_by_their_period() -> None:
    columns = ["一级指标", "二级指标", "三级指标", "指标值", "绩效标准"]
    table = form_table(FORM, template(periods=[], columns=columns))
    heads = [r for r in table.rows if r.cells[0].kind == "label" and r.cells[0].rows > 1]
    sections = [(r.cells[0].text, r.cells[0].rows) for r in heads if "指标" in r.cells[0].text]
    # the template's one section label names no period: each table is headed as the standard
    # layout heads it, so that each reads back in its period (test_periods_written.py)
    assert sections == [("长期绩效指标", 4), ("年度绩效指标", 3)]
    standard = form_table(FORM)
    labels = [r.cells[0].text for r in standard.rows if r.cells[0].text.endswith("绩效指标")]
    assert labels == ["长期绩效指标", "年度绩效指标"]
    values = [c.text for r in standard.rows for c in r.cells if c.text.endswith("指标值")]
    assert values == ["长期指标值", "年度指标值"]


def test_amounts_are_written_in_the_templates_unit_exactly() -> None:
    table = form_table(FORM, template())
    by = {c.place: c.text for r in table.rows for c in r.cells if c.place}
    assert by["funds"] == "项目资金\n（万元）"
    assert by["annual_request"] == "1125.00"
    assert by["annual_appropriation"] == "1.234567"  # 12345.67 元, nothing rounded
    assert Decimal(by["annual_appropriation"]) * 10000 == Decimal("12345.67")
    assert "project_total" not in by  # the template has no project side
    # the standard layout keeps the amounts as written, in the form's unit
    standard = {c.place: c.text for r in form_table(FORM).rows for c in r.cells if c.place}
    assert (standard["funds"], standard["annual_request"]) == ("项目资金\n（元）", "11250000.00")


def test_a_form_whose_unit_is_unknown_keeps_its_amounts_as_written() -> None:
    form = FORM.with_changes(funds=Funds(unit=None, annual_request=Decimal("1125")))
    by = {c.place: c.text for r in form_table(form, template()).rows for c in r.cells if c.place}
    assert by["annual_request"] == "1125"
    assert by["funds"] == "项目资金\n（单位不明）"  # never 元 for a unit nobody could tell


def test_the_templates_labels_and_title_are_printed() -> None:
    page = form_page(FORM, template=template())
    assert page.title == "1、项目支出绩效目标申报表"  # another template's form: the printed title
    labels = [c.text for r in page.table.rows for c in r.cells if c.kind == "label"]
    assert labels[:3] == ["项目名称", "主管部门", "实施单位"]
    assert "项目类别" not in labels and "计划开始日期" not in labels
    assert labels[labels.index("总体目标") :][:3] == ["总体目标", "中期目标", "年度目标"]
    own = FORM.with_changes(title="项目支出绩效目标表", template=TemplateMatch("test-periods", 1))
    assert form_page(own, template=template()).title == "1、项目支出绩效目标表"  # as written
    assert form_page(FORM).title == "1、财政项目支出绩效目标填报表"


def test_blocks_with_columns_of_their_own_pair_the_indicators_under_each_level1() -> None:
    """一级指标 | 二级 三级 指标值 (中期) | 二级 三级 指标值 (年度): a row of the blocks' headings over
    their columns, and under each 一级指标 the k-th indicator of each period on the k-th row."""
    columns = ["一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"]
    periods = [
        {"period": "midterm", "headings": ["中期指标"]},
        {"period": "annual", "headings": ["年度指标"]},
    ]
    table = form_table(FORM, template(columns=columns, periods=periods, extra={}))
    start = next(n for n, row in enumerate(table.rows) if row.cells[0].text == "绩效指标")
    top, head, *rows = table.rows[start:]
    assert texts(top.cells) == ["绩效指标", "", "中期指标", "年度指标"]
    # the rows' further column (绩效标准, not one the template prints) after each block's own
    assert texts(head.cells) == ["一级指标", *("二级指标", "三级指标", "指标值", "绩效标准") * 2]
    assert [texts(r.cells) for r in rows] == [
        [
            *("产出指标", "数量指标", "培训人数", "≥300人", "按计划"),
            *("数量指标", "培训人数", "≥100人", "按计划"),
        ],
        ["质量指标", "合格率", "≥95%", "", "培训场次", "≥5场", ""],
        [
            *("效益指标", "社会效益指标", "覆盖面", "提升", ""),
            *("", "", "", ""),
        ],
    ]
    # 数量指标 of the year's block spans its two rows; every indicator is named at its place
    annual_level2 = next(c for c in rows[0].cells if c.text == "数量指标" and c.col > 6)
    assert annual_level2.rows == 2
    named = {c.place: c.text for r in rows for c in r.cells if c.place}
    assert named == {indicator_place(n): i.name for n, i in enumerate(FORM.indicators)}
