"""A ledger printed over many pages (湖南's 项目支出绩效目标表 as the budget system prints a
department's budget, `importers/ledger.py`): a head on two rows, the title, the department and
the unit printed again over each page, a project going on with its cells printed again beside
its rows, a unit's own row (code, name, total) over its projects. However the pages fall, each
project is one form with all its rows (issue 15; docs/templates.md, *Inputs*)."""

from __future__ import annotations

from decimal import Decimal
from html import escape

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.importers import read_bytes

UPPER = ["单位编码", "单位（项目）名称", "资金总额", "绩效目标", "绩效指标"]
LOWER = [
    "", "", "", "", "一级指标", "二级指标", "三级指标", "指标值", "指标值内容", "评（扣）分标准", "度量单位",
    "指标值类型", "备注",
]  # fmt: skip
WIDTH = len(LOWER)
LEVELS = {
    "成本指标": ["经济成本指标", "社会成本指标"],
    "产出指标": ["数量指标", "质量指标", "时效指标"],
    "效益指标": ["社会效益指标", "可持续影响指标"],
    "满意度指标": ["服务对象满意度指标"],
}
WORDS = st.text(
    alphabet="信访接待中心经费调拨按时保障运转群众来访事项办结", min_size=4, max_size=10
)
DEPARTMENT = "长沙市某某局"


@st.composite
def ledgers(draw):
    """Units (code, name, projects); a project: (name, amount in 万元, goal, rows), a row the
    nine indicator cells as the document means them (every heading given)."""
    names = iter(draw(st.lists(WORDS, min_size=80, max_size=80, unique=True)))
    units = []
    for u in range(draw(st.integers(1, 2))):
        projects = []
        for _ in range(draw(st.integers(1, 3))):
            rows = []
            for level1 in sorted(
                draw(st.sets(st.sampled_from(list(LEVELS)), min_size=1, max_size=3)),
                key=list(LEVELS).index,
            ):
                for level2 in draw(st.lists(st.sampled_from(LEVELS[level1]), min_size=1, max_size=2, unique=True)):  # fmt: skip
                    for _ in range(draw(st.integers(1, 2))):
                        name = next(names)
                        rows.append(
                            [
                                level1,
                                level2,
                                name,
                                str(draw(st.integers(1, 100))),
                                name + "达标",
                                "完成得满分，否则不得分",
                                draw(st.sampled_from(["%", "次", "人次", ""])),
                                draw(st.sampled_from(["≥", "≤", "=", "定性"])),
                                str(draw(st.integers(1, 20))),
                            ]
                        )
            amount = f"{draw(st.integers(1, 99_999))}.{draw(st.integers(10, 99))}"
            projects.append((next(names) + "专项", amount, next(names) + "，按时完成。", rows))
        units.append((f"12600{u + 1}", f"长沙市某某中心{u + 1}", projects))
    # where each page ends: after so many rows of the table (at least one row a page)
    breaks = draw(st.lists(st.integers(1, 9), min_size=30, max_size=30))
    return units, breaks


def _table_rows(units: list) -> list[tuple[list[str], list[str] | None]]:
    """The table's rows as printed, each with the cells a page going on prints again before it
    (the project's cells and its headings), None for a row no page repeats."""
    out: list[tuple[list[str], list[str] | None]] = []
    total = sum(Decimal(a) for _, _, projects in units for _, a, _, _ in projects)
    out.append((["合计", "", f"{total}"] + [""] * (WIDTH - 3), None))
    for code, unit, projects in units:
        own = sum(Decimal(a) for _, a, _, _ in projects)
        out.append(([code, unit, f"{own}"] + [""] * (WIDTH - 3), None))
        for p, (name, amount, goal, rows) in enumerate(projects):
            lead = [code if p == 0 else "", name, amount, goal]
            before: list[str] = ["", ""]
            for k, row in enumerate(rows):
                # the headings printed where they change (merged down over their rows)
                if row[:2] == before:
                    shown = ["", ""]
                elif row[0] == before[0]:
                    shown = ["", row[1]]
                else:
                    shown = [row[0], row[1]]
                cells = (lead if k == 0 else [""] * 4) + shown + row[2:]
                again = [code, name, amount, goal, *row]
                out.append((cells, again))
                before = row[:2]
    return out


def pages(units: list, breaks: list[int]) -> list[list[list[str]]]:
    """The table cut into pages, each page's first row printed in full where it goes on."""
    rows = _table_rows(units)
    out: list[list[list[str]]] = []
    at, k = 0, 0
    while at < len(rows):
        size = breaks[k % len(breaks)]
        chunk = rows[at : at + size]
        first, again = chunk[0]
        page = [again if (out and again is not None) else first]
        page += [cells for cells, _ in chunk[1:]]
        out.append(page)
        at, k = at + size, k + 1
    return out


def text_copy(units: list, breaks: list[int]) -> str:
    """The pages as a copy of the document keeps them: the table's rows with their bars."""

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(cells) + " |"

    lines = []
    for page in pages(units, breaks):
        lines += ["2026年项目支出绩效目标表", f"部门名称：{DEPARTMENT} | 单位：万元"]
        lines += [line(UPPER + [""] * (WIDTH - len(UPPER))), line(LOWER)]
        lines += [line(row) for row in page]
    return "\n".join(lines) + "\n"


def html_copy(units: list, breaks: list[int]) -> str:
    def tr(cells: list[str]) -> str:
        return "<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>"

    out = []
    for page in pages(units, breaks):
        out.append("<p>2026年项目支出绩效目标表</p>")
        out.append(f"<p>部门名称：{DEPARTMENT}</p><p>单位：万元</p><table>")
        out.append(
            "<tr><td>单位编码</td><td>单位（项目）名称</td><td>资金总额</td><td>绩效目标</td>"
        )
        out.append(f'<td colspan="{WIDTH - 4}">绩效指标</td></tr>')
        out.append(tr(LOWER))
        out += [tr(row) for row in page]
        out.append("</table>")
    return "<html><body>" + "".join(out) + "</body></html>"


def _read(units: list, batch) -> None:
    want = [(unit, p) for _, unit, projects in units for p in projects]
    assert [f.project_name for f in batch.forms] == [p[0] for _, p in want]
    for form, (unit, (_, amount, goal, rows)) in zip(batch.forms, want, strict=True):
        assert form.template.id == "hunan-ledger"
        assert form.budget_year == 2026
        assert form.implementing_unit == unit  # the unit's own row over its projects
        assert form.supervising_department == DEPARTMENT
        assert form.funds.in_yuan("annual_request") == Decimal(amount) * 10000
        assert form.annual_goal == goal
        got = [
            [i.level1, i.level2, i.name, i.target]
            + [
                i.extra.get(k, "")
                for k in ("指标值内容", "评分标准", "度量单位", "指标性质", "备注")
            ]
            for i in form.indicators
        ]
        assert got == rows


@settings(max_examples=40, deadline=None)
@given(ledgers())
def test_every_project_of_a_ledger_over_pages_is_one_form_however_the_pages_fall(drawn) -> None:
    units, breaks = drawn
    _read(units, read_bytes(text_copy(units, breaks).encode("utf-8"), "budget.txt"))
    _read(units, read_bytes(html_copy(units, breaks).encode("utf-8"), "budget.html"))


def test_a_page_of_the_ledger_without_its_head_again_ends_it() -> None:
    """A title over something else than the head printed again is the table's end: what follows
    (another table of the budget) is not read into the last project."""
    units = [("126001", "长沙市某某中心1", [("甲专项", "10.50", "按时完成。", [
        ["产出指标", "数量指标", "接待人次", "100", "接待", "完成得满分", "人次", "≥", "10"],
    ])])]  # fmt: skip
    text = text_copy(units, [9])
    text += "2026年部门整体支出绩效目标表\n部门名称：长沙市某某局 | 单位：万元\n"
    text += "年度主要任务 | 任务名称 | 主要内容\n 办公 | 运转 | 保障正常运转\n"
    batch = read_bytes(text.encode("utf-8"), "budget.txt")
    _read(units, batch)


def test_a_units_row_gives_its_name_to_its_projects_and_its_total_to_the_notes() -> None:
    row = ["产出指标", "数量指标", "接待人次", "100", "接待", "完成得满分", "人次", "≥", "10"]
    units = [
        ("126001", "长沙市某某中心1", [("甲专项", "10.50", "按时完成。", [row])]),
        ("126002", "长沙市某某中心2", [("乙专项", "2.25", "按时完成。", [row])]),
    ]
    batch = read_bytes(text_copy(units, [9]).encode("utf-8"), "budget.txt")
    _read(units, batch)
    said = [str(n.message) for n in batch.notes if n.code == "outside-form"]
    # the department's total (12.75) and each unit's, in no form
    assert {"表单之外的文字未导入：10.50", "表单之外的文字未导入：2.25"} <= set(said)
    assert not any("某某中心" in s for s in said)  # a unit's name is its projects' 单位名称
