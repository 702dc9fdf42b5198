"""Reading forms out of a grid of rows and cells.

Shared by every importer whose document is a table: the seed's flattened text, other text
flattenings, and Word tables. It finds where each form starts (its title, or a second 项目名称),
then reads the header fields by their labels, the goals, and the indicator table, filling the
headings of merged cells down and merging rows repeated word for word. It never invents a value:
what it cannot place is said in the form's notes.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from types import MappingProxyType

from jixiao import templates
from jixiao.domain.form import HEADER_FIELDS, Form, Funds, Indicator, Note
from jixiao.domain.taxonomy import CLASSIC, SCHEMES
from jixiao.errors import InputError
from jixiao.i18n import Text
from jixiao.importers import labels as L
from jixiao.importers import ledger, selfeval_labels, values
from jixiao.importers.decode import TRIM
from jixiao.importers.grid import Cell, Grid
from jixiao.importers.header import (
    FormBuilder,
    Item,
    clean_cell,
    header_items,
    read_header,
    set_table_total,
    settle_units,
)
from jixiao.importers.indicators import IndicatorTable, cut_headings_joined
from jixiao.importers.labels import KIND_NAME, KIND_TABLE, KIND_TITLE, TITLE, cell_kind

__all__ = [
    "TITLE",
    "Segment",
    "iter_forms",
    "outside_notes",
    "read_form",
    "read_forms",
    "split_forms",
]


class Segment:
    """The rows of one form, and where its indicator table starts (None: no table found); the
    layout its rows were given in when it is not the grid's (a project of a ledger)."""

    __slots__ = ("layout", "rows", "table_start")

    def __init__(self) -> None:
        self.rows: list[list[Cell]] = []
        self.table_start: int | None = None
        self.layout: str | None = None


def split_forms(grid: Grid, outside: list[Cell]) -> Iterator[Segment]:
    """The rows of each form, given as soon as the form ends. The text outside any form
    (document headings and the like) is added to `outside`."""
    current: Segment | None = None
    # 0: no name read in the current form; 1: its name, and no other label since; 2: more. A
    # name opens the next form only at 2: two names in a row (一级项目名称 | 二级项目名称, the second
    # the project's) are the labels of one form, which the header reader tells apart.
    seen_name = 0
    # Lines stating the unit of money (单位：万元) before a form or after a form's table head
    # the form that follows (docs/templates.md, *Money*), and a year alone there (`(2026年度)`):
    # held until it is known whether one does.
    held: list[list[Cell]] = []
    # A table of many projects (`importers/ledger.py`) is read by its own reader until it ends.
    table: ledger.Ledger | None = None
    rows = ledger.stacked(grid.rows)
    back: list[list[Cell]] = []  # rows a ledger held and gave back when its table ended
    while True:
        row = back.pop(0) if back else next(rows, None)
        if row is None:
            if table is None:
                break
            yield from _ledger_forms(table.close())
            back, table = table.given_back(), None
            continue
        if table is not None:
            taken = table.take(row)
            yield from _ledger_forms(table.done() if taken else table.close())
            if taken:
                continue
            back, table = [*table.given_back(), row], None
            continue
        # a ledger's head stands before any form, under a title with no project named yet, or
        # under rows that opened no form's table: 长春's budget lists its projects (类型 | 项目名称
        # | 项目单位 | 合计 …) just before its ledger. What stood over the head is the ledger's
        # title and unit where no name's label was read there, else text outside the forms.
        if len(row) > 3 and (current is None or current.table_start is None):
            head = ledger.head_of(row)
            if head is not None:
                preamble = held[:]
                held.clear()
                if current is not None and seen_name:
                    outside.extend(cell for over in current.rows for cell in over)
                elif current is not None:  # what stood over the table: its title, its unit
                    preamble.extend(current.rows)
                table, current, seen_name = ledger.Ledger(head, preamble, outside), None, 0
                continue
        for cell in row[:3]:  # titles and 项目名称 open a row; every title has 表, 项目名称 称
            if "表" in cell.text or "称" in cell.text:
                title_at, has_name = _opening(row)
                break
        else:
            title_at, has_name = None, False
        if title_at is not None or (has_name and (current is None or seen_name > 1)):
            before = row[:title_at] if title_at else []
            if current is not None:
                if before:  # no empty row: a form's last row names the line of its notes
                    current.rows.append(before)
                if _looks_like_form(current.rows):
                    yield current
            else:
                outside.extend(before)
            row = row[title_at:] if title_at else row
            current = Segment()
            current.rows.extend(held)
            held.clear()
            seen_name = 0
        elif (current is None or current.table_start is not None) and (
            _states_unit(row) or _states_year(row)
        ):
            held.append(row)
            continue
        elif held:
            _release(held, current, outside)
        if current is None:
            outside.extend(row)
            continue
        if current.table_start is None and _opens_table(row):
            current.table_start = len(current.rows)
        current.rows.append(row)
        if has_name and not seen_name:
            seen_name = 1
        elif seen_name == 1 and not has_name and _has_label(row):
            seen_name = 2
    _release(held, current, outside)
    if current is not None and _looks_like_form(current.rows):
        yield current


def _ledger_forms(found: Iterator[tuple[list[list[Cell]], int]]) -> Iterator[Segment]:
    for rows, table_start in found:
        segment = Segment()
        segment.rows, segment.table_start, segment.layout = rows, table_start, ledger.LAYOUT
        yield segment


def _has_label(row: list[Cell]) -> bool:
    return any(L.is_label(c.text) for c in row if c.text)


def _states_unit(row: list[Cell]) -> bool:
    """Whether a row says the unit of the money (`单位：万元`, `金额单位：元`)."""
    return any("单位" in c.text and values.unit_line(c.text) for c in row)


def _states_year(row: list[Cell]) -> bool:
    """Whether a row is a year alone (`(2026年度)`): under a form's table it is the year of the
    form whose title follows (a PDF's page may put the year line over the title), held like a
    unit line."""
    texts = [c.text for c in row if c.text]
    return len(texts) == 1 and len(texts[0]) <= 12 and values.budget_year(texts[0]) is not None


def _release(held: list[list[Cell]], current: Segment | None, outside: list[Cell]) -> None:
    """Unit lines no form followed: they stay where they stood."""
    for row in held:
        if current is None:
            outside.extend(row)
        else:
            current.rows.append(row)
    held.clear()


def _opening(row: list[Cell]) -> tuple[int | None, bool]:
    """Where a form title stands in the first cells of a row, and whether 项目名称 does."""
    has_name = False
    for k, cell in enumerate(row[:3]):
        text = cell.text
        if text:
            kind = cell_kind(text)
            if kind == KIND_TITLE:
                return k, has_name
            has_name = has_name or kind == KIND_NAME
    return None, has_name


def _opens_table(row: list[Cell]) -> bool:
    """Whether the row is the head of an indicator table (一级指标, 三级指标, 绩效指标 ...)."""
    for cell in row:
        text = cell.text
        # every such head has 标 or 级 (一级): the test that spares the others a call
        if ("标" in text or "级" in text) and cell_kind(text) == KIND_TABLE:
            return True
    return False


_FORM_KEYS = frozenset(
    {*L.NAME_LABELS, "一级指标", "三级指标", "绩效指标", "项目资金总额", "实施单位"}
)


def _looks_like_form(rows: list[list[Cell]]) -> bool:
    return any(L.label_key(c.text)[0] in _FORM_KEYS for row in rows for c in row if c.text)


def read_forms(grid: Grid, first_seq: int = 1) -> tuple[list[Form], list[Note]]:
    """The forms of a grid, and notes on the text that stands outside every form."""
    outside: list[Cell] = []
    forms = list(iter_forms(grid, outside, first_seq))
    return forms, outside_notes(outside)


def iter_forms(grid: Grid, outside: list[Cell], first_seq: int = 1) -> Iterator[Form]:
    """The forms of a grid, each as soon as its rows are in; the text outside every form is
    added to `outside` (complete at the end, for `outside_notes`)."""
    seq = first_seq
    # Forms left blank, held until a form with something in it shows the document a budget
    # that prints its empty tables (重庆's 重点专项资金绩效目标表 "故此表无数据"): theirs is then
    # text outside the forms. A document of blank forms alone (templates) gives them.
    blank: list[tuple[Form, Segment]] = []
    filled = False
    for segment in split_forms(grid, outside):
        refuse_selfeval(segment)
        form = read_form(segment, seq, grid)
        if _no_form(form, segment):
            outside.extend(cell for row in segment.rows for cell in row)
            continue
        if _blank(form):
            if filled:
                outside.extend(cell for row in segment.rows for cell in row)
            else:
                blank.append((form, segment))
            continue
        filled = True
        for _, held in blank:
            outside.extend(cell for row in held.rows for cell in row)
        blank = []
        yield form
        seq += 1
    for k, (form, _) in enumerate(blank):
        yield form.with_changes(seq=first_seq + k)


def _blank(form: Form) -> bool:
    """Nothing filled in: no name, field, amount, goal or indicator (its labels alone)."""
    return (
        form.project_name is None
        and _nothing_beside_the_name(form)
        and not any(value for _, value in form.funds.items())
        and not any(i.name or i.target for i in form.indicators)
    )


_NOT_PLACED = frozenset({"unplaced-text", "bad-amount"})


def _no_form(form: Form, segment: Segment) -> bool:
    """A table that opened like a form and holds none: no indicator table, no project's name,
    amount, goal or indicator read from it, and text the reader could place in no field (a
    budget document's 项目支出表, headed 项目名称 | 项目类别 | 合计 | 财政拨款, its rows the
    projects' amounts). Its text is outside every form. A blank form is a form: its labels
    are its fields, left empty, and nothing stands where no field is. A department's table of
    its goals as a whole (部门整体绩效目标表, no project named) is no project's form either, nor is
    a list of projects whose head gave the name (`_name_in_a_head`), whatever text it gave a goal."""
    if form.project_name is None and form.title and "部门整体" in form.title:
        return True  # 部门整体绩效目标表: the department's goals as a whole, no project's form
    if (
        segment.table_start is not None
        or not any(note.code in _NOT_PLACED for note in form.notes)
        or form.indicators
    ):
        return False
    if form.project_name is None:
        # nothing names a project, no goal, no table of indicators: what amounts were read are
        # a budget's tables' (西安's 收支总表 under a list of its tables, 表14 | 部门专项业务经费绩效
        # 目标表, whose title opened a "form"), no project's funds; a list whose head has the
        # label (`_name_in_a_head`) is none either, whatever text it gave a goal
        no_goal = form.overall_goal is None and form.annual_goal is None
        return no_goal or _name_in_a_head(form, segment)
    if any(value for _, value in form.funds.items()):
        return False
    if _name_in_a_head(form, segment):
        # a list of projects (杭州's 项目支出表, then its 单位名称 | 项目名称 | 金额 | 绩效目标):
        # what was read beside its head's labels is its rows' text, not a form's goal
        return True
    # nothing read but a name (北京's fee schedule, 项目名称：城市道路挖掘修复费, amid a budget's
    # prose): a form is more than a line that names a project
    return _nothing_beside_the_name(form)


# What a form states besides its name, its funds and its indicators.
_BESIDE_THE_NAME = (*HEADER_FIELDS[1:], "overall_goal", "annual_goal")


def _nothing_beside_the_name(form: Form) -> bool:
    return all(getattr(form, name) is None for name in _BESIDE_THE_NAME)


MIN_HEAD_CELLS = 5  # headings in a row that make it a list's head (项目名称 | 预算批复 | …)


def _name_in_a_head(form: Form, segment: Segment) -> bool:
    """Whether the project's name was read from the head of a list of projects, or where none
    was read, its label stands in one: a row of at least MIN_HEAD_CELLS headings without a
    figure (a budget's 项目支出情况表: 序号 | 项目名称 | 预算批复 | 预算到位 | 实际执行 | 执行率 …;
    杭州's 单位名称 | 项目名称 | 总计 | 财政拨款收入 | …), not a project's name."""
    line = form.lines.get("project_name")
    for row in segment.rows:
        if not any(c.line == line for c in row):
            continue
        texts = [c.text.strip() for c in row if c.text.strip()]
        if form.project_name is not None and form.project_name not in texts:
            continue
        return len(texts) >= MIN_HEAD_CELLS and not any(
            ch.isdigit() for text in texts for ch in text
        )
    return False


def refuse_selfeval(segment: Segment) -> None:
    """A self-evaluation table (全年执行数, 实际完成值 in its header or table head) is no goal form:
    refused, naming the command that reads it, rather than read as a goal form missing half its
    fields (docs/evaluation.md, *Reading self-evaluation tables*)."""
    end = len(segment.rows) if segment.table_start is None else segment.table_start + 1
    found = selfeval_labels.marker(segment.rows[:end])
    if found is not None:
        label = selfeval_labels.key(found.text)
        raise InputError(
            Text(
                f"这是绩效自评表（有“{label}”栏），不是绩效目标表：请用 jixiao selfeval 读取",
                f"this is a self-evaluation table (it has “{label}”), not a performance-goal "
                "form: read it with jixiao selfeval",
            ),
            line=found.line,
        )


def _outside(text: str) -> Text:
    return Text(f"表单之外的文字未导入：{text}", f"text outside the form not imported: {text}")


SAID_PER_RUN = 3  # cells of a run outside every form each said in a note; the rest counted


def outside_notes(outside: list[Cell]) -> list[Note]:
    """A note for each text outside every form: for a run of them on lines that follow one
    another (a budget document's other tables before its forms), the first few, then how many
    more and on which lines."""
    notes: list[Note] = []
    run: list[Cell] = []
    for cell in (c for c in outside if c.text.strip()):
        if run and cell.line > run[-1].line + 1:
            notes.extend(_run_notes(run))
            run = []
        run.append(cell)
    notes.extend(_run_notes(run))
    return notes


def _run_notes(run: list[Cell]) -> list[Note]:
    notes = [
        Note.of("outside-form", _outside(c.text.strip()[:40]), c.line) for c in run[:SAID_PER_RUN]
    ]
    rest = run[SAID_PER_RUN:]
    if rest:
        first, last = rest[0].line, rest[-1].line
        said = Text(
            f"第 {first}–{last} 行另有 {len(rest)} 处表单之外的文字未导入",
            f"{len(rest)} more texts outside the forms on lines {first}–{last} not imported",
        )
        notes.append(Note.of("outside-form", said, first))
    return notes


# One form ------------------------------------------------------------------------------------


def read_form(segment: Segment, seq: int, grid: Grid) -> Form:
    layout = segment.layout or grid.layout
    builder = FormBuilder(seq=seq, has_rows=grid.has_rows, layout=layout)
    rows, table_start = segment.rows, segment.table_start
    items = header_items(rows[:table_start], builder)
    match = _detect(_labels_seen(items, segment), _title_of(segment), layout)
    builder.template = match
    builder.overrides = L.OVERRIDES.get(match.id, {})
    other_tables = _other_tables(match.id)
    total = None
    if other_tables:
        items, total = _without_other_tables(items, other_tables, builder)
    read_header(items, builder)
    if total is not None:
        set_table_total(templates.get(match.id).funds_table_total, *total, builder)
    if table_start is None:
        missing = Text("未找到绩效指标表", "no table of indicators found")
        builder.note("no-indicator-table", missing, rows[-1][0].line if rows else None)
        return _build(builder, ())
    template = templates.get(match.id)
    table = IndicatorTable(
        grid.has_rows,
        layout,
        builder.note,
        scheme=SCHEMES.get(template.scheme, CLASSIC),
        periods=template.periods,
        footnotes=(*template.footnotes, *L.TABLE_ENDS),
        other_tables=other_tables,
    )
    body = rows[table_start:]
    if grid.has_rows:
        body = cut_headings_joined(body)
    table.add_rows(body, lambda row: [_clean_table_cell(c, builder) for c in row])
    return _build(builder, table.indicators())


# The template of each set of labels seen (and title), while a document is read: its forms are
# mostly of one layout, and scoring every template costs more than the rest of a form's head.
_DETECTED: dict[tuple[frozenset[str], str | None, str], templates.TemplateMatch] = L.memo_store()


def _detect(seen: set[str], title: str | None, layout: str) -> templates.TemplateMatch:
    if title is not None:  # the title itself, without its number (1、) and year: what is weighed
        match = TITLE.match(L.fold(title.strip().split("\n")[0]))
        title = match.group("title") if match else title
    key = (frozenset(seen), title, layout)
    found = _DETECTED.get(key)
    if found is None:
        if len(_DETECTED) >= L.MEMO_SIZE:
            _DETECTED.clear()
        found = _DETECTED[key] = templates.detect(key[0], title, layout)
    return found


_OTHER_TABLES: dict[str, frozenset[str]] = {}


def _other_tables(template_id: str) -> frozenset[str]:
    """The folded headings of the template's tables that hold no indicators (`table.
    other_tables`, docs/templates.md)."""
    found = _OTHER_TABLES.get(template_id)
    if found is None:
        labels = templates.get(template_id).table.get("other_tables", ())
        found = _OTHER_TABLES[template_id] = frozenset(L.fold_label(x) for x in labels)
    return found


_TOTALS = frozenset({"合计", "总计"})
_AMOUNT = "金额"


def _without_other_tables(
    items: list[Item], other_tables: frozenset[str], builder: FormBuilder
) -> tuple[list[Item], tuple[Item, Item, str | None] | None]:
    """The head of the form without the rows of a table that holds no indicators (项目预算成本构成
    and its 测算依据): from the row its heading opens to the next row with a label of the form,
    noted once; the header never reads its cells as fields. Also the table's total, for the
    template that reads it as an amount (`Template.funds_table_total`): the 合计 cell, the cell
    of its row under the 金额 column (the next cell where rows carry no meaning), and the unit
    the column's label gives (金额（万元）), or None."""
    kept: list[Item] = []
    skipping: tuple[Item, set[int]] | None = None
    amount: Item | None = None  # the 金额 column's label
    total: tuple[Item, Item, str | None] | None = None
    after_total: Item | None = None
    for item in items:
        text = item.text
        if len(text) <= L.LONGEST_LABEL and L.bare_label(text)[0] in other_tables:
            _note_skipped(skipping, builder)
            skipping = (item, {item.row})
            amount = None
            continue
        if skipping is not None:
            opens, skipped = skipping
            if item.row in skipped or not (item.key in L.ALL_LABELS and item.row > opens.row):
                skipped.add(item.row)
                folded = "".join(text.split())
                if after_total and not total and _under(item, after_total, amount, builder):
                    unit = values.bracket_unit(L.label_key(amount.text)[1]) if amount else None
                    total = (after_total, item, unit)
                if amount is None and folded.startswith(_AMOUNT):
                    amount = item
                elif folded in _TOTALS and total is None:
                    after_total = item
                continue
            _note_skipped(skipping, builder)
            skipping = None
        kept.append(item)
    _note_skipped(skipping, builder)
    return kept, total


def _under(item: Item, total: Item, amount: Item | None, builder: FormBuilder) -> bool:
    """Whether `item` is the cost breakdown's total amount: in the 合计 row under the 金额
    column; where rows carry no meaning, the cell right after 合计."""
    if not builder.has_rows:
        return True
    return amount is not None and item.row == total.row and item.col == amount.col


def _note_skipped(skipping: tuple[Item, set[int]] | None, builder: FormBuilder) -> None:
    if skipping is None:
        return
    opens, rows = skipping
    said = Text(
        f"“{opens.text[:20]}”不是绩效指标表：其 {len(rows)} 行未读作表单的栏目",
        f"“{opens.text[:20]}” is not a table of indicators: its {len(rows)} rows were not "
        "read as fields of the form",
    )
    builder.note("other-table-skipped", said, opens.line)


_TABLE_HEAD_ROWS = 3  # rows of an indicator table's head (a period row, the column names)


def _labels_seen(items: list[Item], segment: Segment) -> set[str]:
    """The folded labels of the form's head (`items`) and its table's head: what
    `templates.detect` weighs."""
    known = L.ALL_LABELS
    seen = {item.key for item in items if item.key in known}
    if segment.table_start is not None:
        key_of, longest = L.label_key, L.LONGEST_LABEL
        start = segment.table_start
        for row in segment.rows[start : start + _TABLE_HEAD_ROWS]:
            for cell in row:
                text = cell.text
                if text and len(text) <= longest:
                    key = key_of(text)[0]
                    if key in known:
                        seen.add(key)
    return seen


def _title_of(segment: Segment) -> str | None:
    """The form's title as written, if one of its first rows has it."""
    for row in segment.rows[:3]:
        for cell in row[:3]:
            if cell.text and cell_kind(cell.text) == KIND_TITLE:
                return cell.text
    return None


def _clean_table_cell(cell: Cell, builder: FormBuilder) -> Cell:
    text = cell.text
    if "[" not in text and text == text.strip(TRIM):
        return cell  # the common case: nothing to clean
    return Cell(clean_cell(cell, builder).text, cell.line)


def _build(builder: FormBuilder, indicators: tuple[Indicator, ...]) -> Form:
    template = templates.get(builder.template.id if builder.template else None)
    unit = settle_units(builder, template.funds_unit)
    said_why = any(n.code == "funds-unit-unsupported" for n in builder.notes)
    if unit is None and not said_why and any(v is not None for v in builder.funds.values()):
        said = Text(
            "未能确定资金单位（元或万元）：金额按原样保留，不作换算和比较",
            "the unit of the funds (元 or 万元) could not be determined: amounts kept as "
            "written, neither converted nor compared",
        )
        builder.note("funds-unit-unknown", said, builder.lines.get("project_total"))
    funds = Funds(unit=unit, **builder.funds)
    planned_start = _date_field("planned_start", builder)
    planned_end = _date_field("planned_end", builder)
    f = builder.fields
    return Form(
        seq=builder.seq,
        title=builder.title,
        budget_year=builder.budget_year,
        project_name=f.get("project_name"),
        project_category=f.get("project_category"),
        supervising_department=f.get("supervising_department"),
        implementing_unit=f.get("implementing_unit"),
        planned_start=planned_start,
        planned_end=planned_end,
        funds=funds,
        overall_goal=builder.goals.get("overall_goal"),
        annual_goal=builder.goals.get("annual_goal"),
        indicators=indicators,
        notes=tuple(builder.notes),
        goal_period=builder.goal_period,
        lines=MappingProxyType(dict(builder.lines)),
        template=builder.template,
    )


def _date_field(name: str, builder: FormBuilder) -> date | None:
    text = builder.fields.get(name)
    if not text:
        return None
    parsed = values.day(text)
    if parsed is None:
        said = Text(f"日期无法识别：{text[:30]}", f"date not recognised: {text[:30]}")
        builder.note("bad-date", said, builder.lines.get(name))
    return parsed
