"""Many projects in one table: the goals of a unit's projects as a budget system prints them, one
table for all (四川's 部门预算项目绩效目标申报表; docs/templates.md, *Inputs*).

    单位名称 | 项目名称 | 预算数 | 年度目标 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | …
    820-马踏镇部门 | 8,827,620.53                                    (a department's total)
    820001-…人民政府 | 村组干部报酬 | 3,309,840.00 | 按时发放… | 效益指标 | 社会效益指标 | 维护社会稳定 | ≥ | …
                                                       | 产出指标 | 时效指标 | 维持时效 | ≥ | …

A head names the project's columns (项目名称 among them) and, after them, the columns of an
indicator table. A project's row gives its cells and its first indicator; the rows under it its
other indicators, their project cells merged: empty, or dropped by a copy that keeps no empty
cell at a row's start, in which case the row is placed by what it says (its level-1 heading under
一级指标, else its level-2 heading under 二级指标, else its first cell under the names' column).
Columns before the names' column (the unit) may be merged over several projects: a project that
leaves them empty has the last project's. Each project becomes a form of its own, given to the
form reader as the rows of any form: what stood over the table (its title with the year, the unit
of its amounts), each project column's head as a label with the project's value, the table's
head, a row per indicator. Every text is kept as written.

A row with no project name and no indicator (a department's `820-马踏镇部门 | 8,827,620.53`) is no
project: it stays outside every form, and is the 主管部门 of the projects of the units whose code
begins with its own (820 → 820001).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from jixiao.domain.columns import holds, system_code
from jixiao.domain.taxonomy import canonical_level1, canonical_level2
from jixiao.importers import labels as L
from jixiao.importers import listed, values
from jixiao.importers.grid import Cell

LAYOUT = "ledger"
MAX_PROJECT_COLUMNS = 8  # 序号 | 单位编码 | 单位名称 | 项目编码 | 项目名称 | 预算数 | 年度目标 …
DEPARTMENT = "主管部门"  # the label the department's row is given in its projects' forms
UNIT = "单位名称"  # the label a unit's own row is given in its projects' forms
MAX_HELD = 4  # lines between a page's title and the head printed again (部门名称：…, 单位：万元)


class Head:
    """The head of a ledger: where its project columns end and its indicator columns lie."""

    __slots__ = ("cells", "first", "level1", "level2", "listed", "name", "names", "width")

    def __init__(self, cells: list[Cell], name: int, first: int, listed: bool = False) -> None:
        self.cells = cells  # the head's cells, up to its last with text
        self.name = name  # the project's name column
        self.first = first  # the first indicator column
        # one column of indicators listed in a cell (广州's 绩效指标: `importers/listed.py`)
        self.listed = listed
        self.width = len(cells)
        roles = [_role(c.text) for c in cells[first:]]
        self.level1 = _index(roles, "level1", first)
        self.level2 = _index(roles, "level2", first)
        # where a row that keeps neither heading starts: the indicator's name
        self.names = _index(roles, "name", first)


def _role(text: str) -> str | None:
    key = L.fold(text)
    return L.LEVEL_COLUMNS.get(key) or L.VALUE_COLUMNS.get(key)


def _index(roles: list[str | None], role: str, offset: int) -> int | None:
    return roles.index(role) + offset if role in roles else None


def head_of(row: list[Cell]) -> Head | None:
    """The ledger head this row is, if it is one: a project-name column (项目名称) and after it an
    indicator table's columns, a target's among them."""
    name = first = None
    for k, cell in enumerate(row):
        text = cell.text
        if name is None:
            if "称" in text and L.cell_kind(text.strip()) == L.KIND_NAME:
                name = k
        elif ("标" in text or "级" in text) and L.cell_kind(text.strip()) == L.KIND_TABLE:
            first = k
            break
    if name is None or first is None or first > MAX_PROJECT_COLUMNS:
        return None
    cells = _trimmed(row)  # the head's first indicator column has text: it stays
    if len(cells) == first + 1 and L.fold(cells[first].text) in L.INDICATOR_SECTION:
        # the project's columns, then one headed 绩效指标: its cells list the indicators
        return Head(cells, name, first, listed=True) if first > name + 1 else None
    roles = {_role(c.text) for c in cells[first:]}
    if "target" not in roles or not roles & {"name", "level1", "level2"}:
        return None
    return Head(cells, name, first)


def stacked(rows: Iterable[list[Cell]]) -> Iterator[list[Cell]]:
    """The rows, a ledger's head printed on two rows made one: the upper row names the project's
    columns and a heading over the indicator columns (湖南's 绩效指标), the lower row, empty under
    the project's columns, names the indicator columns (一级指标 … 指标值). Each column has the
    lower row's text, else the upper's."""
    upper: list[Cell] | None = None
    for row in rows:
        if upper is not None:
            merged = _stack(upper, row)
            if merged is not None:
                yield merged
                upper = None
                continue
            yield upper
            upper = None
        if len(row) > 3 and _over_a_head(row):
            upper = row
            continue
        yield row
    if upper is not None:
        yield upper


def _over_a_head(row: list[Cell]) -> bool:
    """Whether the row names a project's column and then a section of indicators, without the
    indicators' own columns: the upper row of a head on two rows."""
    if not any("称" in c.text for c in row[: MAX_PROJECT_COLUMNS + 1]):
        return False
    head = head_of(row)  # 绩效指标 over the columns below, or listing the indicators (广州)
    return (head is None or head.listed) and any(
        L.cell_kind(c.text.strip()) == L.KIND_NAME for c in row[: MAX_PROJECT_COLUMNS + 1]
    )


def _stack(upper: list[Cell], lower: list[Cell]) -> list[Cell] | None:
    """The two rows as one head, or None when they are not one."""
    name = next(
        k
        for k, c in enumerate(upper)
        if "称" in c.text and L.cell_kind(c.text.strip()) == L.KIND_NAME
    )
    if any(c.text.strip() for c in lower[: name + 1]) or head_of(lower) is not None:
        return None
    width = max(len(upper), len(lower))
    line = lower[0].line if lower else upper[0].line
    cells = [
        lower[k]
        if k < len(lower) and lower[k].text.strip()
        else upper[k]
        if k < len(upper)
        else Cell("", line)
        for k in range(width)
    ]
    return cells if head_of(cells) is not None else None


def _amount(text: str) -> bool:
    return values.money(text.strip())[0] is not None


def _is_level1(cells: list[Cell], k: int, paired: bool) -> bool:
    """A level-1 heading at k: one, followed by a level 2 where the head puts 二级指标 next
    (`paired`: a project named 满意度 is no heading), else not a level 2 itself unless a level 2
    follows it (成本指标 is both, by scheme)."""
    text = cells[k].text.strip()
    if canonical_level1(text) is None:
        return False
    after = k + 1 < len(cells) and canonical_level2(cells[k + 1].text.strip()) is not None
    return after if paired or canonical_level2(text) is not None else True


class Ledger:
    """Reads the rows under a head into one segment of rows a project (`take`, then `close`)."""

    def __init__(self, head: Head, preamble: list[list[Cell]], outside: list[Cell]) -> None:
        self.head = head
        self.preamble = preamble  # rows over the table: each project's form has them
        self.outside = outside  # text of no project (a department's total row)
        self.rows: list[list[Cell]] | None = None  # the current project's form
        self.project: tuple[str, ...] = ()  # its project cells (name and those before it)
        self.merged: list[Cell] = []  # its cells before the name column, for merged projects
        self.groups: dict[str, Cell] = {}  # the totals' rows by their code (820: 820-马踏镇部门)
        self.start = 0  # where its table's head is
        self.finished: list[tuple[list[list[Cell]], int]] = []
        # a title and the lines under it, held until the head under them shows the page's title
        # and head printed again over the table going on (湖南's 2026 budgets), or gives them back
        self.held: list[list[Cell]] | None = None
        # the rows of a unit itself (its name in the names' column, no goal, no indicator), by
        # the cells before its name: the unit of the projects that have the same (湖南's 单位编码)
        self.units: dict[tuple[str, ...], Cell] = {}
        self.name: Cell | None = None  # the current project's name
        # the amounts beside its name where its row has nothing else beside it, else None
        self.beside: list[Cell] | None = None

    # Rows ------------------------------------------------------------------------------------

    def take(self, row: list[Cell]) -> bool:
        """Reads a row of the table; False when the row is not the table's (the table ended)."""
        cells = _trimmed(row)
        if not cells:
            return True
        if self.held is not None:
            if [c.text.strip() for c in cells] == [c.text.strip() for c in self.head.cells]:
                self.held = None  # the page's title and head printed again: the table goes on
                return True
            if len(self.held) < MAX_HELD and _over_a_table(cells):
                self.held.append(row)
                return True
            return False
        placed = self._place(cells)
        if placed is None:
            first = next(c.text.strip() for c in cells if c.text.strip())
            if L.cell_kind(first) == L.KIND_TITLE:
                self.held = [row]  # the table's end, or a page's title over the rest of it
                return True
            return False
        head = self.head
        project, indicator = placed[: head.first], placed[head.first : head.width]
        name = project[head.name]
        if name is not None and name.text.strip() and not _amount(name.text) and not _total(name):
            self._open(project, name)
        elif any(c is not None and c.text.strip() for c in project):
            if not any(c is not None and c.text.strip() for c in indicator):
                self._group(project)
                return True
            # project cells without a name beside an indicator: theirs is no project's field
            self.outside.extend(c for c in project if c is not None and c.text.strip())
        if any(c is not None and c.text.strip() for c in indicator):
            line = cells[0].line
            if self.rows is None:  # an indicator before any project: no form to hold it
                self.outside.extend(c for c in indicator if c is not None and c.text.strip())
            elif head.listed:
                self.rows += _listed_rows(indicator[0] or Cell("", line))
            else:
                self.rows.append([c if c is not None else Cell("", line) for c in indicator])
        return True

    def given_back(self) -> list[list[Cell]]:
        """The rows held when the table ended (the next form's title and what stood under it)."""
        held, self.held = self.held or [], None
        return held

    def _place(self, cells: list[Cell]) -> list[Cell | None] | None:
        """The row's cells at the head's columns (None where it gives none), or None when it is
        no row of the table (a title, a note, another form's label)."""
        head = self.head
        filled = [k for k, c in enumerate(cells) if c.text.strip()]
        first_text = cells[filled[0]].text.strip()
        if L.cell_kind(first_text) == L.KIND_TITLE or head_of(cells) is not None:
            return None
        shift = self._anchored(cells, filled)
        if shift is None and len(cells) == head.width:
            shift = 0  # as wide as the head: no cell dropped (a flat list has no heading to anchor)
        if shift is None:
            alone = len(filled) == 1 and system_code(first_text) is None  # 820-某部门 is a row
            if alone and (len(cells) < head.first or L.is_label(first_text)):
                return None  # a line of its own (注：…, a signature, the next form's label)
            if filled[0] >= head.first:
                shift = 0  # merged cells kept empty: the row is where it stands
            elif all(k < head.first for k in filled):
                shift = 0  # project cells alone: a project without indicators, or a total
            else:  # headings merged and dropped too: the first cell is the indicator's name
                shift = (head.names if head.names is not None else head.first) - filled[0]
        if shift < 0 or filled[-1] + shift >= head.width:
            return None
        placed: list[Cell | None] = [None] * head.width
        for k, cell in enumerate(cells):
            if 0 <= k + shift < head.width:
                placed[k + shift] = cell
        return placed

    def _anchored(self, cells: list[Cell], filled: list[int]) -> int | None:
        """How far right the row's cells go for its level-1 heading to stand under 一级指标, else
        its level-2 heading under 二级指标: the first heading that puts the row in the table
        (a project may be named like a heading, 满意度)."""
        head = self.head
        paired = head.level2 is not None and head.level2 == (head.level1 or 0) + 1
        for column, test in (
            (head.level1, lambda k: _is_level1(cells, k, paired)),
            (head.level2, lambda k: canonical_level2(cells[k].text.strip()) is not None),
        ):
            if column is None:
                continue
            for k in filled:
                if k > column:
                    break
                if test(k) and filled[-1] + column - k < head.width:
                    return column - k
        return None

    def _open(self, project: list[Cell | None], name: Cell) -> None:
        head, line = self.head, name.line
        before = [
            c
            if c is not None and c.text.strip()
            else (self.merged[k] if k < len(self.merged) else None)
            for k, c in enumerate(project[: head.name])
        ]
        key = tuple(c.text.strip() if c is not None else "" for c in [*before, name])
        if key == self.project and self.rows is not None:
            return  # the project's cells repeated on each of its rows
        self._finish()
        self.project, self.merged = key, [c or Cell("", line) for c in before]
        self.name = name
        beside = [c for c in project[head.name + 1 :] if c is not None and c.text.strip()]
        self.beside = beside if all(_amount(c.text) for c in beside) else None
        rows = [list(r) for r in self.preamble]
        department = self._department_of(before)
        if department is not None:
            rows.append([Cell(DEPARTMENT, department.line), department])
        # a unit's own row holds for the projects under it: those with the same cells before
        # their name (湖南's 单位编码), or all, up to the next unit, where no column stands
        # before the name (广州's 项目名称（资金使用单位）)
        unit = self.units.get(key[:-1]) if any(key[:-1]) or head.name == 0 else None
        if unit is not None:
            rows.append([Cell(UNIT, unit.line), unit])
        for k, title in enumerate(self.head.cells[: head.first]):
            if not title.text.strip():
                continue
            value = before[k] if k < head.name else project[k]
            rows.append([Cell(title.text.strip(), title.line), value or Cell("", line)])
        self.start = len(rows)
        if head.listed:
            rows.append([Cell(text, line) for text in listed.HEAD])
        else:
            rows.append([Cell(c.text.strip(), c.line) for c in self.head.cells[head.first :]])
        self.rows = rows

    def _department_of(self, before: list[Cell | None]) -> Cell | None:
        """The total's row whose code is the shortest to begin a unit's code of the project:
        the department over its unit (820 over 820001; a unit's own total, 820001, is not)."""
        for c in before:
            unit = system_code(c.text) if c is not None else None
            if unit is not None:
                over = [code for code in self.groups if holds(code, unit)]
                if over:
                    return self.groups[min(over, key=len)]
        return None

    def _group(self, project: list[Cell | None]) -> None:
        """A row of project cells without a name: a department's or unit's total."""
        self._finish()
        self.rows, self.project = None, ()
        texts = [c for c in project if c is not None and c.text.strip()]
        self.outside.extend(texts)
        for cell in texts:
            code = system_code(cell.text)
            if code is not None and not _amount(cell.text):
                self.groups[code] = cell
                return

    def _finish(self) -> None:
        rows, name = self.rows, self.name
        beside = self.beside
        if (
            rows is not None
            and name is not None
            and len(rows) == self.start + 1
            and beside is not None
        ):
            # no indicator, nothing but amounts beside the name: the row of a unit (长沙市信访局 |
            # 417.41), the unit of the projects after it with the same cells before their name;
            # its totals are no project's (said outside the forms), its name is theirs
            self.units[self.project[:-1]] = name
            self.outside.extend(beside)
        elif rows is not None:
            self.finished.append((rows, self.start))
        self.rows = None

    # Forms -----------------------------------------------------------------------------------

    def done(self) -> Iterator[tuple[list[list[Cell]], int]]:
        """The forms finished so far, each its rows and where its table's head is."""
        yield from self.finished
        self.finished.clear()

    def close(self) -> Iterator[tuple[list[list[Cell]], int]]:
        self._finish()
        yield from self.done()


_TOTALS = frozenset({"合计", "总计", "小计"})


def _total(name: Cell) -> bool:
    """Whether the names' column says the row is a total (广州's 合计： over its units)."""
    return name.text.strip().rstrip("：:").replace(" ", "") in _TOTALS


def _listed_rows(cell: Cell) -> list[list[Cell]]:
    """A cell listing indicators (`listed`) as rows under `listed.HEAD`; a text that lists none
    as one row naming it, for the review to say what it lacks."""
    found = listed.items(cell.text) or [("", "", cell.text.strip(), "", "")]
    return [[Cell(text, cell.line) for text in item] for item in found]


def _over_a_table(cells: list[Cell]) -> bool:
    """A line that stands between a title and its table: a year, the unit of the amounts, a
    labelled field of the page (部门名称：长沙市信访局), a few cells at most."""
    texts = [c.text.strip() for c in cells if c.text.strip()]
    return 0 < len(texts) <= 3 and all(len(t) <= 60 for t in texts)


def _trimmed(row: list[Cell]) -> list[Cell]:
    end = len(row)
    while end and not row[end - 1].text.strip():
        end -= 1
    return row[:end]
