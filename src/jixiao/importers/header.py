"""Reading the head of a form: its title and year, the labelled fields, the funds and the goals.

A label's value is the next cell (of the same row where rows carry meaning); goal texts may
instead stand in the row below their labels, column under column. Nothing is guessed: a label
without a value leaves the field empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao import templates
from jixiao.domain.bounds import amount_problem, check_amount
from jixiao.domain.form import FUNDS_LABELS, GoalPeriod, Note, TemplateMatch
from jixiao.i18n import Text
from jixiao.importers import labels as L
from jixiao.importers import values
from jixiao.importers.decode import TRIM, clean
from jixiao.importers.grid import NO_EMPTY_CELLS, Cell
from jixiao.importers.labels import KIND_TITLE, TITLE, cell_kind
from jixiao.templates import PERIOD_FIELD

_INLINE = re.compile(
    "(" + "|".join(re.escape(label) for label in L.INLINE_LABELS) + r")\s*[:：]\s*"
)


@dataclass(slots=True)
class Item:
    """A non-empty cell of a segment, with its row and column."""

    text: str
    line: int
    row: int
    col: int
    key: str = ""  # the folded label (`labels.label_key`), "" for a text that is no label
    suffix: str | None = None  # what the label says in brackets (a unit, a period)


@dataclass
class FormBuilder:
    seq: int
    has_rows: bool
    layout: str
    title: str | None = None
    title_line: int | None = None
    budget_year: int | None = None
    year_loose: bool = False  # the year is the title's `2022年`, not a `2022年度` of the form
    fields: dict[str, str | None] = field(default_factory=dict)
    funds: dict[str, Decimal | None] = field(default_factory=dict)
    # Where the form states the unit of its money (docs/templates.md, *Money*): the funds block's
    # label (项目资金（万元）), a line above or in the head of the form (单位：万元), and each amount's
    # own label or cell (年度资金总额（万元）, 250万, 1,125.00元): (unit, as written) by amount.
    label_unit: str | None = None
    line_unit: str | None = None
    written_units: dict[str, tuple[str, str]] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    goal_period: GoalPeriod | None = None
    goals: dict[str, str | None] = field(default_factory=dict)
    template: TemplateMatch | None = None
    # labels that mean another field in this form's template than in the union (`labels.OVERRIDES`)
    overrides: dict[str, tuple[str, str]] = field(default_factory=dict)
    field_keys: dict[str, str] = field(default_factory=dict)  # the label each field was read by

    def note(self, code: str, message: Text, line: int | None) -> None:
        self.notes.append(Note.of(code, message, line))


def clean_cell(cell: Cell, builder: FormBuilder) -> Item:
    if "[" not in cell.text and cell.text == cell.text.strip(TRIM):
        return Item(cell.text, cell.line, 0, 0)
    text, removed, odd = clean(cell.text)
    for markup in removed:
        said = Text(f"已删除文字处理软件标记 {markup}", f"word processor markup removed: {markup}")
        builder.note("markup-removed", said, cell.line)
    if odd:
        said = Text(
            f"已删除“{text[:20]}”首尾的全角空格或不可见空白字符",
            f"full-width or invisible spaces removed around “{text[:20]}”",
        )
        builder.note("whitespace-trimmed", said, cell.line)
    return Item(text, cell.line, 0, 0)


def header_items(rows: list[list[Cell]], builder: FormBuilder) -> list[Item]:
    """The non-empty cells of the rows above the indicator table, inline labels split off,
    each with its folded label: what the template is detected from and the header read from."""
    items: list[Item] = []
    for r, row in enumerate(rows):
        col = 0
        for cell in row:
            text = cell.text
            if not text:
                col += 1
                continue
            if (
                "[" not in text
                and "：" not in text
                and ":" not in text
                and text == text.strip(TRIM)
            ):
                items.append(Item(text, cell.line, r, col))  # the common case: nothing to do
                col += 1
                continue
            for piece in _split_inline(cell):
                item = clean_cell(piece, builder)
                if item.text:  # empty cells only separate; their place is kept in `col`
                    item.row, item.col = r, col
                    items.append(item)
                col += 1
    key_of = L.label_key
    for item in items:
        item.key, item.suffix = key_of(item.text)
    return _rejoin_split_labels(items, builder.has_rows)


def _rejoin_split_labels(items: list[Item], has_rows: bool) -> list[Item]:
    """A label broken over two cells where a saved page made its line break a paragraph
    (`主管部门` then `及编码`, `项目起` then `止时间`): the two cells, joined as written, are the
    label."""
    out: list[Item] = []
    known = L.ALL_LABELS
    i, n = 0, len(items)
    while i < n:
        item = items[i]
        if i + 1 < n and (item.key in known or (item.key and len(item.text) <= _LABEL_HEAD)):
            after = items[i + 1]
            if (
                len(after.text) <= _LABEL_TAIL
                and after.key not in known
                and (not has_rows or after.row == item.row)
            ):
                key, suffix = L.label_key(item.text + after.text)
                if key in known:
                    out.append(
                        Item(item.text + after.text, item.line, item.row, item.col, key, suffix)
                    )
                    i += 2
                    continue
        out.append(item)
        i += 1
    return out


_LABEL_TAIL = 4  # characters of a label's broken-off end (及编码, 及代码)
_LABEL_HEAD = 6  # characters of a label's beginning broken off its end (项目起 | 止时间)


def _split_inline(cell: Cell) -> list[Cell]:
    """`项目名称：东西部扶贫帮困项目类别：经常性项目` → label and value cells."""
    if "：" not in cell.text and ":" not in cell.text:
        return [cell]
    parts: list[Cell] = []
    last = 0
    for match in _INLINE.finditer(cell.text):
        if match.start() > last:
            parts.append(Cell(cell.text[last : match.start()], cell.line))
        parts.append(Cell(match.group(1), cell.line))
        last = match.end()
    if not parts:
        return [cell]
    rest = cell.text[last:]
    unit = _UNIT_AFTER.search(rest)
    if unit is not None and unit.start() > 0:  # 资金主管部门：某局　金额单位:万元
        parts.append(Cell(rest[: unit.start()], cell.line))
        parts.append(Cell(unit.group(1), cell.line))
    else:
        parts.append(Cell(rest, cell.line))
    return parts


# A line's last value followed, after white space, by the unit of the form's money.
_UNIT_AFTER = re.compile(
    r"[ \t\u3000]+((?:金额|资金|货币)?单位\s*[:：]\s*(?:人民币)?\s*(?:万元|千元|元))\s*$"
)


def read_header(items: list[Item], builder: FormBuilder) -> None:
    """Reads fields, funds and goals from the cells above the indicator table (`header_items`)."""
    pending_goals: list[tuple[str, Item]] = []
    i, n = 0, len(items)
    while i < n:
        item = items[i]
        key = item.key
        override = builder.overrides.get(key)
        if override is not None and override[0] == "goals":
            # 湖北's 绩效目标 is its one goal, where other templates print it over their goals;
            # over goal labels (项目总目标 | 年度总目标) it is their heading, whatever the template
            goal = override[1]
            heads = i + 1 < n and items[i + 1].key in _GOAL_LABELS
            if heads:
                value = None
            elif goal == "section":
                value = _section_goal(i, item, items, pending_goals, builder)
            else:
                value = _goal_label(i, item, goal, items, pending_goals, builder)
        elif (
            key in _FIELD_OR_FUNDS or override is not None
        ):  # the common case: a label, its value in the next cell
            value = items[i + 1] if i + 1 < n and _is_value(item, items[i + 1], builder) else None
            _set_field(key, item, value, items, builder)
        else:
            value = _read_other(item, key, item.suffix, items, i, pending_goals, builder)
        i += 1 if value is None else 2
    _finish_goals(pending_goals, builder)
    if not builder.fields.get("project_name"):
        _name_from_title(builder)


# A title that names its project: 泉州 prints no 项目名称, each form is titled 市行政中心保安服务
# 项目绩效目标表 (or 科技兴警绩效目标表). The words before (项目)绩效目标表 are the name, unless they
# name a kind of table: a template's title, a year's or a level's (2026年项目绩效目标表, 市级重点专项
# 资金绩效目标表), a department's (部门整体支出); a project's own name may begin with a level
# (市级机关保留公务用车委托管理费项目绩效目标表). A budget system's `301007_泉州市公安局晋江国际机场
# 分局_机场公安综合修缮改造` gives the unit too.
_NAMING_TITLE = re.compile(r"^(?P<name>.+?)(?P<project>项目)?绩效目标表$")
_YEAR = re.compile(r"^\d{4}年度?")
_KINDS_OF_TABLE = (
    "项目", "重点", "部门", "单位", "专项", "支出", "整体", "总体", "本级", "预算",
    "省级", "市级", "县级", "区级",
)  # fmt: skip
# words of a title without 项目 that make it a kind of table rather than a project's
_KIND_WORDS = ("重点", "整体", "总体", "专项资金", "转移支付", "项目支出", "政策和项目")
_CODED = re.compile(r"^\d{4,}_(?P<unit>[^_]+)_(?P<name>[^_]+)$")


def _name_from_title(builder: FormBuilder) -> None:
    """The project's name (and unit) from the form's title, noted, when no label gave it."""
    title = builder.title or ""
    match = _NAMING_TITLE.match(title)
    if match is None or any(title in t.titles for t in templates.templates().values()):
        return  # the title of a kind of form
    name = match.group("name").strip()
    bare = _YEAR.sub("", name)  # 2026年物业外包服务项目: the year is part of the name
    if len(bare) < 2 or bare.endswith(_KINDS_OF_TABLE):
        return
    if match.group("project") is None and any(word in bare for word in _KIND_WORDS):
        return
    coded = _CODED.match(name)
    if coded is not None:
        name = coded.group("name")
        if not builder.fields.get("implementing_unit"):
            builder.fields["implementing_unit"] = coded.group("unit")
            if builder.title_line is not None:
                builder.lines["implementing_unit"] = builder.title_line
    builder.fields["project_name"] = name
    if builder.title_line is not None:
        builder.lines["project_name"] = builder.title_line
    said = Text(
        f"表中没有“项目名称”栏：项目名称取自表题“{title}”",
        f"the form has no 项目名称: the project's name is taken from its title “{title}”",
    )
    builder.note("name-from-title", said, builder.title_line)


_FIELD_OR_FUNDS = frozenset({*L.FIELDS, *L.FUNDS})
_GOAL_LABELS = frozenset({*L.OVERALL_GOAL, *L.ANNUAL_GOAL})
_UNIT_WORDS = ("单位", "金额单位", "资金单位", "货币单位")


def _is_value(label: Item, after: Item, builder: FormBuilder) -> bool:
    """Whether the cell after a label is its value: not a label itself, and of the same row
    where rows carry meaning, or, for a label that ends its row, the first cell of the next row
    in the label's column (a value printed under its label, or a row a copy broke after the
    label: 东莞 2019's `项目 名称 |` / `镇际联网路升级改造工程一期 | …`)."""
    under = after.row == label.row + 1 and after.col == label.col
    if builder.has_rows and after.row != label.row and not under:
        return False
    return not L.is_label(after.text)


def _read_other(
    item: Item,
    key: str,
    suffix: str | None,
    items: list[Item],
    i: int,
    pending_goals: list[tuple[str, Item]],
    builder: FormBuilder,
) -> Item | None:
    """Reads a cell that is not a field's label; returns the next cell when it took that too."""
    if cell_kind(item.text) == KIND_TITLE and builder.title is None:
        builder.title = _title_as_written(item.text)
        builder.title_line = item.line
        if builder.budget_year is None:
            builder.budget_year = values.budget_year(item.text)
            if builder.budget_year is None:  # 鄂州市2022年…: a line （2022年度） still says
                builder.budget_year = values.title_year(item.text)
                builder.year_loose = builder.budget_year is not None
    elif key in L.FUNDS_SECTION:
        unit = values.bracket_unit(suffix)
        if unit is not None and builder.label_unit is None:
            builder.label_unit = unit
    elif key in L.OVERALL_GOAL or key in L.ANNUAL_GOAL:
        goal = "overall_goal" if key in L.OVERALL_GOAL else "annual_goal"
        return _goal_label(i, item, goal, items, pending_goals, builder)
    elif key in L.UNREAD:
        return _unread(item, items[i + 1] if i + 1 < len(items) else None, builder)
    elif key in L.GOALS_SECTION:
        return _section_goal(i, item, items, pending_goals, builder)
    elif (
        (builder.budget_year is None or builder.year_loose)
        and len(item.text) < 20
        and values.budget_year(item.text)
    ):
        builder.budget_year = values.budget_year(item.text)
        builder.year_loose = False
    elif (unit := values.bracketed_unit(item.text)) is not None:
        builder.label_unit = builder.label_unit or unit  # （万元） split off its label
    elif (unit := values.unit_line(item.text)) is not None:
        builder.line_unit = builder.line_unit or unit
        if not item.text.lstrip("（( ").startswith(_UNIT_WORDS):  # 填报单位：某局　单位：万元
            said = Text(
                f"未能归入任何栏目的内容：{item.text[:40]}", f"text in no field: {item.text[:40]}"
            )
            builder.note("unplaced-text", said, item.line)
    elif pending_goals:
        _set_goal(_pending_goal_for(item, pending_goals, builder.has_rows), item, builder)
    else:
        said = Text(
            f"未能归入任何栏目的内容：{item.text[:40]}", f"text in no field: {item.text[:40]}"
        )
        builder.note("unplaced-text", said, item.line)
    return None


def _unread(label: Item, after: Item | None, builder: FormBuilder) -> Item | None:
    """A label of what no field holds (`Template.unread`, 项目负责人及电话). Where rows carry
    meaning, the cell after it in its row is its value: noted as not kept, and taken. Elsewhere
    what follows may be another field's (年度总体目标完成情况 over the goal's text): it is left
    to be read, and noted as text in no field if nothing takes it."""
    if after is None or not builder.has_rows or not _is_value(label, after, builder):
        return None
    said = Text(
        f"“{label.text[:20]}”没有对应的栏目，未导入：{after.text[:40]}",
        f"“{label.text[:20]}” has no field here; not imported: {after.text[:40]}",
    )
    builder.note("unread-field", said, after.line)
    return after


def _title_as_written(text: str) -> str:
    first_line = text.strip().split("\n")[0].strip()
    match = TITLE.match(first_line.replace(" ", ""))
    if match:
        return match.group("title")
    return first_line


def _set_field(
    key: str, label: Item, value: Item | None, items: list[Item], builder: FormBuilder
) -> None:
    line = value.line if value is not None else label.line
    text = value.text if value is not None and value.text else None
    part, name = builder.overrides.get(key) or (
        ("fields", L.FIELDS[key]) if key in L.FIELDS else ("funds", L.FUNDS[key])
    )
    if part == "fields" and name == PERIOD_FIELD:
        _set_period(key, label, text, line, builder)
        return
    if part == "fields":
        earlier = builder.field_keys.get(name)
        if text and name in builder.fields and builder.fields[name] == text and earlier == key:
            return  # the same field with the same value again (a page's head and a ledger's row)
        if name in builder.fields and not _displaces(builder, name, key, earlier):
            said = Text(
                f"栏目“{key}”出现多次，保留第一次的值",
                f"the field “{key}” appears more than once: the first value is kept",
            )
            builder.note("repeated-field", said, label.line)
            return
        if name in builder.fields:
            said = Text(
                f"“{earlier}”与“{key}”是同一栏目：按本表样保留“{key}”的值，"
                f"“{earlier}”的值未导入：{(builder.fields[name] or '')[:30]}",
                f"“{earlier}” and “{key}” are the same field: “{key}”, this template's label, "
                f"is kept; the value of “{earlier}” is not imported: "
                f"{(builder.fields[name] or '')[:30]}",
            )
            builder.note("repeated-field", said, label.line)
        builder.fields[name] = text
        builder.lines[name] = line
        builder.field_keys[name] = key
        return
    if name == "other":
        name = _which_other(label, items, builder)
    if name in builder.funds:
        said = Text(
            f"资金栏目“{key}”出现多次，保留第一次的值",
            f"the funds field “{key}” appears more than once: the first value is kept",
        )
        builder.note("repeated-field", said, label.line)
        return
    builder.funds[name] = _money(text, line, key, name, builder, values.bracket_unit(label.suffix))
    builder.lines[name] = line


def set_table_total(
    name: str | None, label: Item, value: Item, unit: str | None, builder: FormBuilder
) -> None:
    """The total of the form's cost breakdown (合计, `value` under its 金额 column, in `unit`
    where the column's label states one) as the amount `name` its template reads it as
    (`Template.funds_table_total`); an amount the form also gives by its label is kept."""
    if name is None:
        return
    if builder.funds.get(name) is not None:
        said = Text(
            f"成本构成的“{label.text}”未作为资金导入：该金额已由栏目给出",
            f"the cost breakdown's “{label.text}” is not read as an amount: its field gives it",
        )
        builder.note("repeated-field", said, label.line)
        return
    builder.funds[name] = _money(value.text, value.line, label.text, name, builder, unit)
    builder.lines[name] = value.line


def _displaces(builder: FormBuilder, name: str, key: str, earlier: str | None) -> bool:
    """Whether a field read again by `key` takes the place of the value read by `earlier`:
    when `key` is the label the form's template prints for it and `earlier` another region's
    (the 二级项目名称 of a Gansu form after a 项目名称 its copy's `一*级` left bare)."""
    if builder.template is None or earlier is None:
        return False
    own = {L.label_key(t)[0] for t in templates.get(builder.template.id).fields.get(name, ())}
    return key in own and earlier not in own


def _set_period(key: str, label: Item, text: str | None, line: int, builder: FormBuilder) -> None:
    """项目起止时间 `2023.07-2024.01`: the planned start and end, the first and the last day of what
    it names (noted when a month or a year stood for its days); noted when it is no period."""
    if "planned_start" in builder.fields or "planned_end" in builder.fields:
        said = Text(
            f"栏目“{key}”与计划开始、完成日期重复，保留先出现的值",
            f"the field “{key}” repeats the planned start and end: the first values are kept",
        )
        builder.note("repeated-field", said, label.line)
        return
    found = values.period_dates(text) if text else None
    if text and found is None:
        said = Text(
            f"“{key}”无法识别为起止日期：{text[:30]}",
            f"“{key}” is not a period of dates: {text[:30]}",
        )
        builder.note("bad-date", said, line)
    start, end, exact = found if found else (None, None, True)
    for name, day in (("planned_start", start), ("planned_end", end)):
        builder.fields[name] = day.isoformat() if day else None
        builder.lines[name] = line
    if found and not exact:
        said = Text(
            f"“{key}”“{text}”读作 {start} 至 {end}",
            f"“{key}” “{text}” read as {start} to {end}",
        )
        builder.note("period-read", said, line)


def _which_other(label: Item, items: list[Item], builder: FormBuilder) -> str:
    """Two cells are called 其他资金: the project side's (left, first) and the annual side's."""
    if "project_other" in builder.funds or not _has_project_side(builder):
        return "annual_other"
    if builder.has_rows:
        same_row = [it for it in items if it.row == label.row and it.text]
        others = [it for it in same_row if L.label_key(it.text)[0] == "其他资金"]
        annual_labels = {"当年财政拨款", "上年结转资金", "年度资金申请总额", "上年结转"}
        if len(others) == 1 and any(L.label_key(it.text)[0] in annual_labels for it in same_row):
            return "annual_other"
    return "project_other"


def _has_project_side(builder: FormBuilder) -> bool:
    """Whether the form's template prints the project's amounts beside the year's (a template
    with the year's amounts only has its 其他资金 on the year's side)."""
    if builder.template is None:
        return True
    funds = templates.get(builder.template.id).funds
    return any(name in funds for name in ("project_total", "project_fiscal", "project_other"))


_NONE_WRITTEN = frozenset({"-", "--", "—", "——", "－", "–"})


def _money(
    text: str | None,
    line: int,
    key: str,
    name: str,
    builder: FormBuilder,
    label_unit: str | None = None,
) -> Decimal | None:
    """A funds cell: None and a note when it is no number; `InputError` when it is a number out
    of bounds (`jixiao.domain.bounds`): storing it would break every page that shows it. A unit
    the cell (`250万`) or its own label (`资金总额（万元）`) states is kept for `settle_units`.
    A dash alone (`-`, `—`) is how budget tables write that there is none: no amount, no note."""
    if text is None or text.strip() in _NONE_WRITTEN:
        return None
    amount, unit = values.money(text)
    if amount is None:
        amount, unit, remark, doubled = values.money_remark(text)
        written = f"{amount}{unit or ''}"
        if amount is not None and doubled:
            said = Text(
                f"“{key}”的金额写了两遍：{text[:30]}，读作 {written}",
                f"the amount of “{key}” is written twice: {text[:30]}; read as {written}",
            )
            builder.note("amount-doubled", said, line)
        if amount is not None and remark:
            said = Text(
                f"“{key}”读作 {written}，金额后的说明未导入：{remark[:40]}",
                f"“{key}” read as {written}; the remark after the amount is not imported: "
                f"{remark[:40]}",
            )
            builder.note("amount-remark", said, line)
    if amount is None:
        said = Text(
            f"“{key}”的金额无法识别：{text[:30]}",
            f"the amount of “{key}” is not a number: {text[:30]}",
        )
        builder.note("bad-amount", said, line)
        return None
    check_amount(amount, field=FUNDS_LABELS[name], written=text, line=line)
    own = unit or label_unit
    if own is not None:
        builder.written_units[name] = (own, text)
    return amount


def settle_units(builder: FormBuilder, printed: str | None) -> str | None:
    """The unit of the form's funds, every amount made exact in it (docs/templates.md, *Money*).

    The funds block's label states it (`项目资金（万元）`), else a line `单位：万元`, else the amounts'
    own units when they agree, else the unit the template prints (`printed`); None when none
    of these says (the caller notes it). An amount written in another unit than the form's
    (`1,125.00元` in a form in 万元) is converted exactly (0.112500 万元: nothing rounded) and
    noted; should that need more places than a figure may have, the form is kept in 元."""
    block = builder.label_unit or builder.line_unit
    if builder.label_unit and builder.line_unit and builder.label_unit != builder.line_unit:
        said = Text(
            f"资金栏目标注单位“{builder.label_unit}”，表头写“单位：{builder.line_unit}”："
            f"按栏目标注的“{builder.label_unit}”读取",
            f"the funds block says {builder.label_unit}, a line above says "
            f"{builder.line_unit}: read in the block's {builder.label_unit}",
        )
        builder.note("unit-conflict", said, builder.lines.get("project_total"))
    stated = {name: unit for name, (unit, _) in builder.written_units.items()}
    other = next((u for u in (block, *stated.values()) if u and u not in values.UNITS), None)
    if other is not None:  # 千元: no figure is kept in it
        said = Text(
            f"资金单位“{other}”无法换算为元：金额按原样保留，不作换算和比较",
            f"the funds are in {other}, which is not converted to 元: amounts kept as written, "
            "neither converted nor compared",
        )
        builder.note("funds-unit-unsupported", said, builder.lines.get("project_total"))
        return None
    amounts = {name: v for name, v in builder.funds.items() if v is not None}
    unit = block
    if unit is None:
        own = list(dict.fromkeys(stated[n] for n in amounts if n in stated))
        if len(own) == 1:
            unit = own[0]
        elif printed is not None:
            unit = printed
        elif own and all(n in stated for n in amounts):
            unit = own[0]
    if unit is None:
        return None
    base = block or (printed if len(set(stated.values())) > 1 else unit)
    written = {n: stated.get(n, base) for n in amounts}
    if unit == "万元" and any(
        amount_problem(values.convert(v, written[n], unit)) for n, v in amounts.items()
    ):
        unit = "元"  # a figure in 元 to the li has no exact 万元 of six places
    for name, value in amounts.items():
        if written[name] == unit:
            continue
        converted = values.convert(value, written[name], unit)
        builder.funds[name] = converted
        shown = builder.written_units.get(name, (None, str(value)))[1]
        label = FUNDS_LABELS[name]
        said = Text(
            f"“{label}”写作“{shown}”（{written[name]}），与本表资金单位“{unit}”不同："
            f"按 {converted} {unit} 计，金额不变",
            f"“{label}” is written “{shown}” ({written[name]}), not in the form's unit {unit}: "
            f"kept as {converted} {unit}, the same amount",
        )
        builder.note("unit-mixed", said, builder.lines.get(name))
    return unit


def _goal_label(
    i: int,
    item: Item,
    goal: str,
    items: list[Item],
    pending_goals: list[tuple[str, Item]],
    builder: FormBuilder,
) -> Item | None:
    """The label of `goal`: its value is the next cell of the same row, else a cell still to
    come (the row below, column under column). Returns the value when it is the next cell.
    Where rows carry meaning, a value beside its label is the label's even while the goal of
    an earlier row waits for its own (`中期目标 |` left empty, then `年度目标 | 2024年…`); after
    a goal label of its own row (`长期目标 | 年度目标 | …`, headings over their texts) it is not."""
    if goal == "overall_goal" and builder.goal_period is None:
        found = values.period(item.text)
        if found:
            builder.goal_period = GoalPeriod(*found)
    after = items[i + 1] if i + 1 < len(items) else None
    beside = (
        builder.has_rows
        and builder.layout not in NO_EMPTY_CELLS  # there an empty cell leaves no trace
        and after is not None
        and after.row == item.row
        and all(lab.row != item.row for _, lab in pending_goals)  # not a row of goal headings
    )
    if (beside or not pending_goals) and after is not None and _is_value(item, after, builder):
        _set_goal(goal, after, builder)
        return after
    pending_goals.append((goal, item))
    return None


def _section_goal(
    i: int,
    item: Item,
    items: list[Item],
    pending_goals: list[tuple[str, Item]],
    builder: FormBuilder,
) -> Item | None:
    """The heading over a form's goals (总体目标, 绩效目标). Over goal labels (中期目标 | 年度目标),
    or over a row of column headings that a goal label follows, it takes nothing; a text right
    after it (its row's next cell, where rows carry meaning) is the form's goal itself, as forms
    with one goal print it (总体目标 | 针对……): the overall goal, or the year's where the form's
    template has no other. Returns that text if taken."""
    after = items[i + 1] if i + 1 < len(items) else None
    if pending_goals or after is None or not after.text or not _is_value(item, after, builder):
        return None
    if i + 2 < len(items) and items[i + 2].key in _GOAL_LABELS:
        return None  # the heading row of goals in columns: their texts are in the row below
    goal = "overall_goal"
    if builder.template is not None:
        printed = templates.get(builder.template.id).goals
        if printed and "overall_goal" not in printed:
            goal = "annual_goal"
    if goal in builder.goals:
        return None
    _set_goal(goal, after, builder)
    return after


def _pending_goal_for(item: Item, pending: list[tuple[str, Item]], has_rows: bool) -> str:
    """The goal a value cell belongs to: the one whose label stands in its column, else the
    first still waiting."""
    index = 0
    if has_rows:
        index = next((k for k, (_, lab) in enumerate(pending) if lab.col == item.col), 0)
    return pending.pop(index)[0]


def _set_goal(goal: str, value: Item, builder: FormBuilder) -> None:
    if goal in builder.goals:
        said = Text(
            f"目标内容多于目标栏目：{value.text[:40]}",
            f"more goal texts than goal fields: {value.text[:40]}",
        )
        builder.note("unplaced-text", said, value.line)
        return
    builder.goals[goal] = value.text or None
    builder.lines[goal] = value.line


def _finish_goals(pending: list[tuple[str, Item]], builder: FormBuilder) -> None:
    """Goal labels whose values never came: the goals are empty. Where an empty cell leaves no
    trace (`grid.NO_EMPTY_CELLS`), the text another goal took may hold this one's too
    (`长期目标年度目标` and one text after them): said."""
    read = next((g for g in ("overall_goal", "annual_goal") if builder.goals.get(g)), None)
    for goal, label in pending:
        builder.goals.setdefault(goal, None)
        builder.lines.setdefault(goal, label.line)
        if read is not None and builder.layout in NO_EMPTY_CELLS:
            said = Text(
                f"“{label.text}”没有读到内容：单元格之间没有分隔，"
                f"另一目标的内容“{builder.goals[read][:20]}…”可能也包含它，请核对",
                f"nothing was read for “{label.text}”: with nothing between the cells, the text "
                f"of the other goal, “{builder.goals[read][:20]}…”, may hold it too; please check",
            )
            builder.note("cut-uncertain", said, label.line)
    pending.clear()
