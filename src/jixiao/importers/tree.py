"""Forms printed as an indented tree (宁夏's 项目绩效目标批复表; docs/templates.md, *Inputs*).

Under a head of three columns, 项目 | 指标值 | 绩效金额, each line of the 项目 column is indented by
its depth, and a line that is not indented gives the value of the line above it:

     石嘴山市疾病预防控制中心                      (the unit)
      狂犬、乙肝、流感等疫苗及美沙酮药物          (a project)
    3000000                                      (its amount, in the table's 单位)
       产出指标                                  (a level-1 heading)
        成本指标(必填硬性指标)                   (a level-2 heading)
         按照物价部门定价标准采购                (an indicator)
    100%                                         (its target)

No label names what a depth holds: the grid gives each project the rows of a form read as any
other (项目名称, 实施单位, and 绩效金额 as the tree's head names the amount's column, the table's
head and a row per indicator), every text as written. The depths are the distinct indents of the tree, in order; a tree whose indents do not
give five depths is not read so.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from jixiao.importers.grid import Cell, Grid

LAYOUT = "tree"
HEAD = ("项目", "指标值", "绩效金额")
DEPTHS = 5  # unit, project, level 1, level 2, indicator
_ROWS_HEAD = ("一级指标", "二级指标", "三级指标", "指标值")


def looks_tree(lines: list[str]) -> bool:
    """Whether the document has the tree's head (项目, 指标值, 绩效金额 on lines in turn) and
    indented lines under it."""
    content = [line for line in lines if line.strip()]
    start = _head_at(content)
    if start is None:
        return False
    return len({_indent(line) for line in content[start + 3 :] if _indent(line)}) >= DEPTHS


def _head_at(content: list[str]) -> int | None:
    """Where the tree's head begins among the lines with text."""
    for k, line in enumerate(content):
        if line.strip() == HEAD[0] and tuple(x.strip() for x in content[k : k + 3]) == HEAD:
            return k
    return None


def tree(lines: Iterable[str]) -> Grid:
    return Grid(_rows(list(lines)), LAYOUT)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \u3000\u00a0"))


def _rows(lines: list[str]) -> Iterator[list[Cell]]:
    numbered = [(n, line) for n, line in enumerate(lines, 1) if line.strip()]
    start = _head_at([line for _, line in numbered]) or 0  # found by `looks_tree`
    for number, line in numbered[:start]:
        yield [Cell(line.strip(), number)]  # the title, the unit of the amounts
    body = numbered[start + 3 :]
    indents = sorted({_indent(line) for _, line in body if _indent(line)})
    depth_of = {indent: k for k, indent in enumerate(indents[:DEPTHS])}
    unit: Cell | None = None
    headings: list[str | None] = [None, None]
    pending: tuple[int, Cell] | None = None  # a line waiting for its value
    for number, line in body:
        text = line.strip()
        indent = _indent(line)
        if not indent:  # the value of the line above
            if pending is None:
                yield [Cell(text, number)]  # text under the tree: read as any other
                continue
            depth, cell = pending
            pending = None
            yield from _valued(depth, cell, Cell(text, number), unit, headings)
            continue
        if pending is not None:
            depth, cell = pending
            yield from _valued(depth, cell, Cell("", cell.line), unit, headings)
            pending = None
        depth = depth_of.get(indent, DEPTHS - 1)
        cell = Cell(text, number)
        if depth == 0:
            unit = cell
        elif depth == 2:
            headings = [text, None]
        elif depth == 3:
            headings[1] = text
        else:
            pending = (depth, cell)
    if pending is not None:
        depth, cell = pending
        yield from _valued(depth, cell, Cell("", cell.line), unit, headings)


def _valued(
    depth: int, cell: Cell, value: Cell, unit: Cell | None, headings: list[str | None]
) -> Iterator[list[Cell]]:
    """The rows of a line of the tree that has its value: a project's (the head of its form and
    of its table) or an indicator's."""
    line = cell.line
    if depth == 1:
        headings[:] = [None, None]
        yield [Cell("项目名称", line), cell]
        if unit is not None:
            yield [Cell("实施单位", unit.line), unit]
        yield [Cell(HEAD[2], value.line), value]  # 绩效金额: the amount's own column
        yield [Cell(text, line) for text in _ROWS_HEAD]
        return
    level1, level2 = headings
    yield [Cell(level1 or "", line), Cell(level2 or "", line), cell, value]
