"""The grid of the standard table (`jixiao.domain.paper`) drawn with box-drawing characters for
a terminal: column widths in proportion to the grid's, text wrapped in its cell (a Chinese
character takes two columns), a cell spanning rows has its text flow down those rows."""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.cli.textlayout import pad, wrap
from jixiao.domain.paper import Cell, Slot, Table, slots

# (up, down, left, right) -> the character where lines meet
_JOINS = {
    (True, True, True, True): "┼",
    (True, True, True, False): "┤",
    (True, True, False, True): "├",
    (True, True, False, False): "│",
    (False, True, True, True): "┬",
    (True, False, True, True): "┴",
    (False, True, False, True): "┌",
    (False, True, True, False): "┐",
    (True, False, False, True): "└",
    (True, False, True, False): "┘",
}


def column_sizes(table: Table, total: int) -> list[int]:
    """Inner widths of the columns, so that a row with its borders is `total` columns wide."""
    inner = total - table.columns - 1
    # at least room for one Chinese character between the cell's margins
    sizes = [max(4, int(inner * w / sum(table.widths))) for w in table.widths]
    sizes[-1] += max(0, inner - sum(sizes))
    return sizes


@dataclass
class _Drawing:
    sizes: list[int]
    # the lines of each cell not drawn yet, by the cell's identity (equal cells are distinct)
    lines: dict[int, list[str]]

    def inner(self, cell: Cell) -> int:
        return sum(self.sizes[cell.col : cell.col + cell.span]) + cell.span - 1

    def start(self, cell: Cell) -> None:
        self.lines[id(cell)] = wrap(cell.text, self.inner(cell) - 2)

    def height(self, line: list[Slot], ends: set[int]) -> int:
        """A row is as high as its one-row cells, and as the rest of a cell ending in it."""
        tall = [len(self.lines[id(s.cell)]) for s in line if s.cell.rows == 1 or id(s.cell) in ends]
        return max([1, *tall])

    def text(self, line: list[Slot], height: int) -> list[str]:
        out = []
        for _ in range(height):
            parts = []
            for slot in line:
                left = self.lines[id(slot.cell)]
                parts.append(
                    " " + pad(left.pop(0) if left else "", self.inner(slot.cell) - 2) + " "
                )
            out.append("│" + "│".join(parts) + "│")
        return out


def _bounds(line: list[Slot] | None, columns: int) -> set[int]:
    """The grid positions (0..columns) where a row has a vertical line."""
    if line is None:
        return set()
    return {s.cell.col for s in line} | {columns}


def _rule(sizes: list[int], above: list[Slot] | None, below: list[Slot] | None) -> str:
    """The line between two rows (None: the top or the bottom of the table). It is left out
    over a cell that spans both rows."""
    columns = len(sizes)
    through = {
        c for s in below or [] if s.continued for c in range(s.cell.col, s.cell.col + s.cell.span)
    }
    up, down = _bounds(above, columns), _bounds(below, columns)
    out = []
    for x in range(columns + 1):
        left = x > 0 and x - 1 not in through
        right = x < columns and x not in through
        out.append(_JOINS.get((x in up, x in down, left, right), "─" if left or right else " "))
        if x < columns:
            out.append(("─" if right else " ") * sizes[x])
    return "".join(out)


def draw(table: Table, total: int) -> list[str]:
    """The table as lines of `total` columns."""
    drawing = _Drawing(column_sizes(table, total), {})
    rows = slots(table.rows)
    out = [_rule(drawing.sizes, None, rows[0] if rows else None)]
    for n, line in enumerate(rows):
        for slot in line:
            if not slot.continued:
                drawing.start(slot.cell)
        below = rows[n + 1] if n + 1 < len(rows) else None
        going_on = {id(s.cell) for s in below or [] if s.continued}
        ends = {id(s.cell) for s in line} - going_on
        out += drawing.text(line, drawing.height(line, ends))
        out.append(_rule(drawing.sizes, line, below))
    return out
