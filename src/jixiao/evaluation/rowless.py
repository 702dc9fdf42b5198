"""The rows of a self-evaluation table read one cell at a time (one cell per paragraph, the
layout of tables copied from web pages): empty cells are lost there, so rows are rebuilt from
what the cells say (docs/evaluation.md, *Reading self-evaluation tables*).

Above the indicator table a label starts a row, with the values after it; labels of one head
(the funds' columns, the goals', the indicators') stay together. Below it a row is: its level-1
and level-2 headings if it has them (the taxonomy knows them), a name, the target, the actual
value, then the weight and the score, two plain numbers; then the deviation reason when the
next cell does not start a row. Template placeholders (指标2, ……) are no rows.
"""

from __future__ import annotations

import re

from jixiao.domain.taxonomy import canonical_level1, canonical_level2, level1_of_level2
from jixiao.importers import selfeval_labels as S
from jixiao.importers.grid import Cell
from jixiao.importers.labels import bare_label

Row = list[Cell]
HEAD = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分")
REASON = "偏差原因分析及改进措施"
_PLAIN = re.compile(r"^\d+(?:\.\d+)?$")
_PLACEHOLDER = re.compile(r"^(?:指标\d+|[…。.·]+)$")
_GROUPS = (S.FUNDS_COLUMNS, S.GOALS, S.ROW_COLUMNS)


def regroup(cells: list[Cell]) -> list[Row]:
    """The rows of one table whose cells come one after another."""
    cells = [c for c in cells if c.text.strip()]
    start = next((k for k, c in enumerate(cells) if _opens_head(c)), len(cells))
    end = start
    while end < len(cells) and S.label(cells[end].text) in S.ROW_COLUMNS:
        end += 1
    above = _label_rows(cells[:start])
    if start == len(cells):
        return above
    line = cells[start].line
    head = [Cell(text, line) for text in (*HEAD, REASON)]
    return [*above, head, *_indicator_rows(cells[end:])]


def _opens_head(cell: Cell) -> bool:
    return S.label(cell.text) in ("一级指标", "三级指标", "绩效指标")


def _label_rows(cells: list[Cell]) -> list[Row]:
    rows: list[Row] = []
    previous = ""
    for cell in cells:
        label = S.label(cell.text)
        same_head = any(label in g and previous in g for g in _GROUPS)
        if not rows or (label and not same_head):
            rows.append([])
        rows[-1].append(cell)
        previous = label
    return rows


def _indicator_rows(cells: list[Cell]) -> list[Row]:
    rows: list[Row] = []
    level1 = level2 = None
    group: str | None = None  # the level-1 heading the rows are under
    k = 0
    while k < len(cells):
        cell = cells[k]
        if S.label(cell.text) in S.TOTAL:
            return [*rows, cells[k:]]
        kind = _heading(cell.text, group, level1 is not None and level2 is None)
        if kind == 1:
            level1, level2, group = cell, None, canonical_level1(_bare(cell.text))
            k += 1
        elif kind == 2:
            level2 = cell
            k += 1
        elif _row_at(cells, k):
            k = _add(cells, k, (level1, level2), rows)
            level1 = level2 = None
        else:
            rows.append([Cell("", cell.line), Cell("", cell.line), cell])  # noted: no values
            k += 1
    return rows


def _bare(text: str) -> str:
    return bare_label(text)[0] if len(text) <= S.LONGEST else ""


def _heading(text: str, group: str | None, after_level1: bool) -> int:
    """1 for a level-1 heading, 2 for a level-2 one, 0 for neither. A name that is both (成本指标,
    满意度指标) is a level-2 heading right after a level-1 one or under its own level-1 heading."""
    bare = _bare(text)
    level2 = canonical_level2(bare)
    if not canonical_level1(bare):
        return 2 if level2 else 0
    if level2 and (after_level1 or (group and level1_of_level2(bare) == group)):
        return 2
    return 1


def _row_at(cells: list[Cell], k: int) -> bool:
    """Whether a row starts at `k`: a name, two values, then the weight and score."""
    if k + 4 >= len(cells) or _PLACEHOLDER.match(cells[k].text.strip()):
        return False
    middle = cells[k + 1 : k + 3]
    if any(_heading(c.text, None, False) or S.label(c.text) in S.TOTAL for c in middle):
        return False
    return all(_PLAIN.match(c.text.strip()) for c in cells[k + 3 : k + 5])


def _add(
    cells: list[Cell], k: int, levels: tuple[Cell | None, Cell | None], rows: list[Row]
) -> int:
    line = cells[k].line
    heads = [c or Cell("", line) for c in levels]
    row = [*heads, *cells[k : k + 5]]
    k += 5
    if k < len(cells) and _is_reason(cells, k):
        row.append(cells[k])
        k += 1
    rows.append(row)
    return k


def _is_reason(cells: list[Cell], k: int) -> bool:
    text = cells[k].text
    starts = S.label(text) in S.TOTAL or _heading(text, None, False) or _row_at(cells, k)
    return not starts and not _PLACEHOLDER.match(text.strip())
