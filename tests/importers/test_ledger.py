"""Many projects in one table (四川's 部门预算项目绩效目标申报表 as the budget system exports it,
`importers/ledger.py`): each project is a form with its unit, amount and goal, each indicator a
row of it, however the table's merged cells were kept (issue 15; docs/templates.md, *Inputs*)."""

from __future__ import annotations

import io
from dataclasses import replace
from decimal import Decimal
from html import escape

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from jixiao.domain.paper import SOURCE, pages
from jixiao.errors import InputError
from jixiao.exporters import render
from jixiao.importers import read_bytes
from jixiao.templates import from_data

HEAD = [
    "单位名称", "项目名称", "预算数", "年度目标",
    "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重", "指标方向性",
]  # fmt: skip
LEVELS = {
    "产出指标": ["数量指标", "质量指标", "时效指标", "成本指标"],
    "效益指标": ["社会效益指标", "经济效益指标", "可持续影响指标"],
    "满意度指标": ["服务对象满意度指标"],
}
WORDS = st.text(alphabet="村组干部报酬发放按时保障运转活动经费群众满意度", min_size=3, max_size=9)
SIGNS = st.sampled_from(["≥", "≤", "=", "定性"])
UNITS = st.sampled_from(["%", "个", "人/年", "年", ""])


@st.composite
def ledgers(draw):
    """Units, each with its projects: (name, amount, goal, [indicator cells after the goal])."""
    names = iter(draw(st.lists(WORDS, min_size=60, max_size=60, unique=True)))
    units = []
    for u in range(draw(st.integers(1, 2))):
        projects = []
        for _ in range(draw(st.integers(1, 3))):
            rows = []
            for _ in range(draw(st.integers(1, 4))):
                level1 = draw(st.sampled_from(list(LEVELS)))
                rows.append(
                    [
                        level1,
                        draw(st.sampled_from(LEVELS[level1])),
                        next(names),
                        draw(SIGNS),
                        str(draw(st.integers(1, 100))),
                        draw(UNITS),
                        str(draw(st.integers(5, 30))),
                        "正向指标",
                    ]
                )
            amount = f"{draw(st.integers(1000, 9_999_999)):,}.00"
            projects.append((next(names), amount, next(names) + "，按时完成", rows))
        units.append((f"82000{u + 1}-某镇某单位{u + 1}", projects))
    return units


def _over() -> list[str]:
    return ["部门预算项目绩效目标申报表(2023年度)", "金额单位:元"]


def piped_copy(units: list) -> str:
    """The table as a copy of the page keeps it: a row's empty cells before its first text are
    dropped (merged cells), and every row is padded to the head's width at its end."""
    width = len(HEAD) + 1

    def line(cells: list[str]) -> str:
        cells = cells + [""] * (width - len(cells))
        return "| " + " | ".join(cells) + " |"

    lines = [line([_over()[0]]), line([_over()[1]]), line(HEAD), line(["820-某镇部门", "1.00"])]
    for unit, projects in units:
        for p, (name, amount, goal, rows) in enumerate(projects):
            lead = [unit] if p == 0 else []
            lines.append(line([*lead, name, amount, goal, *rows[0]]))
            lines += [line(row) for row in rows[1:]]
    return "\n".join(lines) + "\n"


def repeated(units: list) -> str:
    """Every row with its project's cells, as a spreadsheet export repeats them."""
    lines = [*_over(), " | ".join(HEAD), " | ".join(["820-某镇部门", "", "1.00"] + [""] * 9)]
    for unit, projects in units:
        for name, amount, goal, rows in projects:
            lines += [" | ".join([unit, name, amount, goal, *row]) for row in rows]
    return "\n".join(lines) + "\n"


def html_page(units: list) -> str:
    """The page as published: the unit's cell spans its projects' rows, a project's cells its
    indicators' rows."""

    def td(text: str, span: int = 1) -> str:
        return (
            f'<td rowspan="{span}">{escape(text)}</td>' if span > 1 else f"<td>{escape(text)}</td>"
        )

    out = [f"<p>{_over()[0]}</p><p>{_over()[1]}</p><table>"]
    out.append("<tr>" + "".join(td(h) for h in HEAD) + "</tr>")
    out.append(
        "<tr>"
        + td("820-某镇部门")
        + td("")
        + td("1.00")
        + "".join(td("") for _ in HEAD[3:])
        + "</tr>"
    )
    for unit, projects in units:
        for p, (name, amount, goal, rows) in enumerate(projects):
            span = len(rows)
            first = td(unit, sum(len(r) for _, _, _, r in projects)) if p == 0 else ""
            cells = first + td(name, span) + td(amount, span) + td(goal, span)
            out.append("<tr>" + cells + "".join(td(c) for c in rows[0]) + "</tr>")
            out += ["<tr>" + "".join(td(c) for c in row) + "</tr>" for row in rows[1:]]
    out.append("</table>")
    return "<html><body>" + "".join(out) + "</body></html>"


def workbook(units: list) -> bytes:
    """The table as a spreadsheet the system exports: a merged range for the unit over its
    projects, and for each project's cells over its indicators."""
    book = Workbook()
    sheet = book.active
    sheet.append([_over()[0]])
    sheet.append([_over()[1]])
    sheet.append(HEAD)
    sheet.append(["820-某镇部门", None, "1.00"])
    for unit, projects in units:
        top = sheet.max_row + 1
        for name, amount, goal, rows in projects:
            first = sheet.max_row + 1
            for k, row in enumerate(rows):
                lead = [unit, name, amount, goal] if k == 0 else [None] * 4
                sheet.append([*lead, *row])
            for column in (2, 3, 4):
                if len(rows) > 1:
                    sheet.merge_cells(
                        start_row=first,
                        end_row=sheet.max_row,
                        start_column=column,
                        end_column=column,
                    )
        if sheet.max_row > top:
            sheet.merge_cells(start_row=top, end_row=sheet.max_row, start_column=1, end_column=1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _read(units: list, batch) -> None:
    want = [(unit, p) for unit, projects in units for p in projects]
    assert [f.project_name for f in batch.forms] == [p[0] for _, p in want]
    for form, (unit, (_, amount, goal, rows)) in zip(batch.forms, want, strict=True):
        assert form.template.id == "sichuan-ledger"
        assert form.budget_year == 2023
        assert form.implementing_unit == unit
        assert form.supervising_department == "820-某镇部门"  # its code begins the unit's
        assert form.funds.in_yuan("annual_request") == Decimal(amount.replace(",", ""))
        assert form.annual_goal == goal
        got = [
            [i.level1, i.level2, i.name, i.extra.get("指标性质", ""), i.target]
            + [i.extra.get(k, "") for k in ("度量单位", "分值", "指标方向性")]
            for i in form.indicators
        ]
        assert got == rows


@settings(max_examples=40, deadline=None)
@given(ledgers())
def test_every_project_of_a_ledger_is_a_form_however_its_merged_cells_were_kept(units) -> None:
    # a copy of the page, an export repeating the project's cells, the page, the spreadsheet
    _read(units, read_bytes(piped_copy(units).encode("utf-8"), "copy.txt"))
    _read(units, read_bytes(repeated(units).encode("utf-8"), "export.txt"))
    _read(units, read_bytes(html_page(units).encode("utf-8"), "page.html"))
    _read(units, read_bytes(workbook(units), "export.xlsx"))


def test_the_departments_total_is_kept_outside_every_form() -> None:
    units = [("820001-某镇人民政府", [("村组干部报酬", "3,309,840.00", "按时发放", [
        ["产出指标", "数量指标", "发放人数", "≥", "230", "个", "10", "正向指标"]])])]  # fmt: skip
    batch = read_bytes(piped_copy(units).encode("utf-8"), "copy.txt")
    said = [n.message for n in batch.notes if n.code == "outside-form"]
    assert any("820-某镇部门" in text for text in said)
    assert any("1.00" in text for text in said)


def test_a_department_whose_code_does_not_hold_the_unit_is_not_its_department() -> None:
    units = [("930001-某局", [("某项目", "10.00", "某目标", [
        ["产出指标", "数量指标", "培训人数", "≥", "300", "人", "10", "正向指标"]])])]  # fmt: skip
    (form,) = read_bytes(piped_copy(units).encode("utf-8"), "copy.txt").forms
    assert form.implementing_unit == "930001-某局"
    assert form.supervising_department is None


def test_the_ledger_ends_where_its_rows_end_and_a_form_below_it_is_read() -> None:
    units = [("820001-某镇人民政府", [("村组干部报酬", "100.00", "按时发放", [
        ["产出指标", "数量指标", "发放人数", "≥", "230", "个", "10", "正向指标"]])])]  # fmt: skip
    form_below = (
        "项目支出绩效目标表(2023年度)\n项目名称 | 某培训项目\n实施单位 | 某局\n"
        "一级指标 | 二级指标 | 三级指标 | 指标值\n产出指标 | 数量指标 | 培训人数 | ≥300人\n"
    )
    text = piped_copy(units) + "| 注：本表由系统导出 |\n" + form_below
    batch = read_bytes(text.encode("utf-8"), "two.txt")
    assert [f.project_name for f in batch.forms] == ["村组干部报酬", "某培训项目"]
    ledger, form = batch.forms
    assert [i.name for i in ledger.indicators] == ["发放人数"]
    assert form.template.id != "sichuan-ledger"
    assert [(i.name, i.target) for i in form.indicators] == [("培训人数", "≥300人")]


def test_a_form_with_the_same_labels_printed_as_a_form_is_not_the_ledgers() -> None:
    # the ledger's template has generic labels (单位名称, 预算数): it is weighed for ledgers only
    text = (
        "部门预算项目绩效目标申报表(2023年度)\n单位名称 | 某局\n项目名称 | 某项目\n预算数 | 100\n"
        "一级指标 | 二级指标 | 三级指标 | 指标值\n产出指标 | 数量指标 | 培训人数 | ≥300人\n"
    )
    (form,) = read_bytes(text.encode("utf-8"), "form.txt").forms
    assert form.template.id != "sichuan-ledger"
    assert form.template.runner_up != "sichuan-ledger"


def test_a_units_own_total_leaves_the_department_over_it() -> None:
    head = " | ".join(HEAD)
    text = "\n".join(
        [
            "部门预算项目绩效目标申报表(2023年度)",
            "金额单位:元",
            head,
            "820-某镇部门 | | 600.00",
            "820001-某镇人民政府 | | 500.00",
            "820001-某镇人民政府 | 某项目 | 500.00 | 某目标 | 产出指标 | 数量指标 | 培训人数 | ≥ | 300 "
            "| 人 | 10 | 正向指标",
        ]
    )
    (form,) = read_bytes(text.encode("utf-8"), "export.txt").forms
    assert (form.implementing_unit, form.supervising_department) == (
        "820001-某镇人民政府",
        "820-某镇部门",
    )


def _forms_of(batch) -> list[tuple]:
    return [
        (
            f.template.id,
            f.budget_year,
            f.implementing_unit,
            f.supervising_department,
            f.project_name,
            f.funds.in_yuan("annual_request"),
            f.annual_goal,
            [(i.level1, i.level2, i.name, i.target, dict(i.extra)) for i in f.indicators],
        )
        for f in batch.forms
    ]


@settings(max_examples=12, deadline=None)
@given(ledgers())
def test_a_ledger_written_back_in_its_template_is_one_table_that_reads_the_same(units) -> None:
    # written in the template it came from, the forms of a ledger are its one table again
    read = read_bytes(piped_copy(units).encode("utf-8"), "copy.txt")
    for fmt in ("xlsx", "docx", "html"):
        _, _, data = render(read, fmt, SOURCE)
        again = read_bytes(data, f"written.{fmt}")
        assert _forms_of(again) == _forms_of(read), fmt


def test_a_ledgers_forms_among_others_are_written_as_their_table_in_their_place() -> None:
    units = [("820001-某镇人民政府", [("村组干部报酬", "100.00", "按时发放", [
        ["产出指标", "数量指标", "发放人数", "≥", "230", "个", "10", "正向指标"]])])]  # fmt: skip
    ledger = read_bytes(piped_copy(units).encode("utf-8"), "copy.txt").forms
    other = read_bytes(
        (
            "项目支出绩效目标表(2023年度)\n项目名称 | 某培训项目\n实施单位 | 某局\n"
            "一级指标 | 二级指标 | 三级指标 | 指标值\n产出指标 | 数量指标 | 培训人数 | ≥300人\n"
        ).encode(),
        "form.txt",
    ).forms
    later = replace(ledger[0], budget_year=2024)  # another year is another table
    drawn = list(pages([*ledger, *other, *ledger, later], SOURCE))
    assert [p.across for p in drawn] == [True, False, True, True]
    assert [p.title for p in drawn if p.across] == [
        "部门预算项目绩效目标申报表(2023年度)",
        "部门预算项目绩效目标申报表(2023年度)",
        "部门预算项目绩效目标申报表(2024年度)",
    ]
    assert drawn[0].subtitle == "金额单位:元"


def test_a_templates_ledger_columns_must_be_its_labels_and_its_layout_a_ledgers() -> None:
    base = {"id": "x", "name": "x", "region": "x", "fields": {"project_name": ["项目名称"]}}
    good = from_data({**base, "layout": "ledger", "ledger_columns": ["项目名称"]}, "x.toml")
    assert good.ledger_columns == (("项目名称", "project_name"),)
    with pytest.raises(InputError, match="ledger_columns"):
        from_data({**base, "ledger_columns": ["项目名称"]}, "x.toml")
    with pytest.raises(InputError, match="ledger_columns"):
        from_data({**base, "layout": "ledger", "ledger_columns": ["预算数"]}, "x.toml")


def test_a_ledger_under_a_list_of_projects_is_read_without_the_list() -> None:
    """长春's budget prints its 项目支出表 (a list headed 类型 | 项目名称 | 项目单位 | 合计, which opens
    no form's table) just before its ledger: the ledger's projects are read, each without the
    list's rows, which are text outside the forms."""
    rows = [
        "项目支出表(预算表9)",
        "类型 | 项目名称 | 项目单位 | 合计 | 本年财政拨款 |",
        "部门特定目标类项目 |  |  | 474.56 | 474.56 |",
        " | 2026信访专项经费 | 长春市信访局 | 30.00 | 30.00 |",
        " | 2026驻京经费 | 长春市信访局 | 312.00 | 312.00 |",
        "长春市信访局2026年项目支出绩效目标表预算表（预算表11）",
        "单位名称 | 项目名称 | 年度资金总额(万元) | 年度绩效目标 | 一级指标 | 二级指标 | "
        "三级指标 | 指标解释 | 指标值 | 权重 |",
        "105001长春市信访局 | 2026年信访专项经费 | 30.00 | 维护社会稳定。 | 产出指标 | 数量指标 | "
        "专家评审 | 聘请评审专家 | >=2次 | 40 |",
        " |  |  |  | 成本指标 | 经济成本指标 | 信访信息系统运维成本 | 运维成本 | <=17万元 | 20 |",
        " | 2026年驻京经费 | 312.00 | 降低进京上访量。 | 产出指标 | 数量指标 | 驻京工作人员人数 | "
        "驻京工作人员人数 | <=18人 | 40 |",
    ]
    batch = read_bytes("\n".join(rows).encode("utf-8"), "budget.txt")
    assert [(f.project_name, f.implementing_unit) for f in batch.forms] == [
        ("2026年信访专项经费", "105001长春市信访局"),
        ("2026年驻京经费", "105001长春市信访局"),
    ]
    assert [f.funds.in_yuan("annual_request") for f in batch.forms] == [300000, 3120000]
    assert [[(i.name, i.target, dict(i.extra)) for i in f.indicators] for f in batch.forms] == [
        [
            ("专家评审", ">=2次", {"指标解释": "聘请评审专家", "分值": "40"}),
            ("信访信息系统运维成本", "<=17万元", {"指标解释": "运维成本", "分值": "20"}),
        ],
        [("驻京工作人员人数", "<=18人", {"指标解释": "驻京工作人员人数", "分值": "40"})],
    ]
    assert {f.template.id for f in batch.forms if f.template} == {"jilin-ledger"}
    assert not [n for f in batch.forms for n in f.notes]
