"""Rows and cells: what every flattened table comes down to before forms are read from it.

A Word table turned into text loses its grid in one of several ways. Each layout function here
rebuilds a list of rows of cells, every cell knowing the line it started on:

- tabbed (the seed's layout): a blank line starts a row, a line that starts with TAB starts a
  cell, any other line continues the cell before it;
- delimited: one table row per line, cells separated by `|`;
- spaced: one table row per line, cells separated by white space;
- paragraphs: one cell per paragraph (blank lines between cells), no row structure at all;
- cells: one cell per line, each ending with `|` (a web page's table cells stored as text), or
  with the `|` on a line of its own after it, a line without it continuing the cell; no row
  structure at all;
- tree (`importers/tree.py`): 宁夏's 批复表, its rows indented by depth under 项目 | 指标值 | 绩效金额.

`has_rows` tells the form reader whether row boundaries carry meaning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import NamedTuple

from jixiao.i18n import Text
from jixiao.importers.labels import KIND_TITLE, cell_kind, is_label

# Layouts in which an empty cell leaves no trace (white space between cells, or nothing): a
# reader cannot tell by its place which label a cell belongs to.
NO_EMPTY_CELLS = frozenset({"spaced", "glued"})


class Cell(NamedTuple):
    text: str
    line: int


@dataclass(frozen=True)
class Grid:
    """The rows of a document. `rows` may be a stream, read once: the form reader takes each
    form as soon as its rows are in, so a large document never holds all its cells at once."""

    rows: Iterable[list[Cell]]
    layout: str
    has_rows: bool = True
    # What the layout was unsure of where it cut a row (`glued`), by line: filled as the rows
    # are read, and given to the form whose row it is.
    doubts: dict[int, list[Text]] = field(default_factory=dict)


def tabbed(lines: Iterable[str]) -> Grid:
    """The seed layout. Lines are 1-based in the cells."""
    return Grid(_tabbed_rows(lines), "tabbed")


def _tabbed_rows(lines: Iterable[str]) -> Iterator[list[Cell]]:
    # A million lines in a large document: the common line (a cell, TAB first) is tested
    # first, and cells are made with tuple.__new__, as `Cell._make` does, without the Python
    # frame of the named tuple's __new__ (a quarter of this loop's time).
    row: list[Cell] = []
    new = tuple.__new__
    for number, line in enumerate(lines, 1):
        if line[:1] == "\t":
            row.append(new(Cell, (line[1:], number)))
        elif not line.strip(" "):
            if row:
                yield row
                row = []
        elif not row:
            row.append(new(Cell, (line, number)))
        else:
            last = row[-1]
            row[-1] = new(Cell, (last.text + "\n" + line, last.line))
    if row:
        yield row


_PIPE_RULE = re.compile(r"^[\s|:+\-=]+$")


def delimited(lines: Iterable[str]) -> Grid:
    """One row per line, `|` between cells (Markdown-style tables included)."""
    rows: list[list[Cell]] = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or _PIPE_RULE.match(line):
            continue
        body = line.strip()
        if "|" not in body:
            rows.append([Cell(body, number)])
            continue
        if body.startswith("|"):
            body = body[1:]
        if body.endswith("|"):
            body = body[:-1]
        rows.append([Cell(part, number) for part in body.split("|")])
    return Grid(rows, "delimited")


_SPACES = re.compile(r"[ \t\u3000]+")


def _rejoin_brackets(parts: list[str]) -> list[str]:
    """Pieces split at a space inside brackets, `（2022 年- 2022年）`, joined back as written."""
    out: list[str] = []
    depth = 0
    for part in parts:
        if depth > 0 and out:
            out[-1] += " " + part
        else:
            out.append(part)
        depth += sum(part.count(c) for c in "（(") - sum(part.count(c) for c in "）)")
        depth = max(depth, 0)
    return out


def spaced(lines: Iterable[str]) -> Grid:
    """One row per line, white space between cells."""
    rows = []
    for number, line in enumerate(lines, 1):
        parts = _rejoin_brackets([p for p in _SPACES.split(line.strip(" \t\u3000")) if p])
        if parts:
            rows.append([Cell(p, number) for p in parts])
    return Grid(rows, "spaced")


def run_together(lines: Iterable[str]) -> Grid:
    """Whole forms run together on a line: every piece between spaces is a cell, read in turn."""
    cells = [c for row in spaced(lines).rows for c in row]  # spaced rows are a list
    return Grid([[c] for c in cells], "run-together", has_rows=False)


def paragraphs(lines: Iterable[str]) -> Grid:
    """One cell per paragraph; a paragraph's lines are joined with line breaks. A paragraph of
    white space only (a saved page's empty cell, `&nbsp;`) is an empty cell."""
    cells: list[Cell] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(lines, 1):
        if line.strip(" \t"):
            if not current:
                start = number
            current.append(line.strip("\t"))
        elif current:
            cells.append(Cell("\n".join(current), start))
            current = []
        elif line:
            cells.append(Cell("", number))
    if current:
        cells.append(Cell("\n".join(current), start))
    return Grid([[c] for c in cells], "paragraphs", has_rows=False)


def cells(lines: Iterable[str]) -> Grid:
    """One cell per line ending with `|`; a line without it continues the cell, joined with a
    line break; a line that is only `|` is an empty cell, and a line of n `|` alone (`||||`, a run
    of empty cells as some pages are stored) is n empty cells."""
    found: list[Cell] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(lines, 1):
        body = line.strip()
        if not body and not current:
            continue
        if not current:
            start = number
        if not current and _bars(body):
            found.extend(Cell("", number) for _ in body)
        elif body.endswith("|"):
            current.append(body[:-1].rstrip())
            found.extend(_closed(current, start))
            current = []
        else:
            current.append(body)
    if current:
        found.extend(_closed(current, start))
    return Grid([[c] for c in found], "cells", has_rows=False)


def _closed(lines: list[str], start: int) -> list[Cell]:
    """The cell of the lines before a bar: one cell whose lines are its line breaks (`一级` /
    `指标`), unless one of them before the last is a form's title and the last is a label or a
    title. No cell of a table holds a title over its first label, so these lines stood outside
    the table, each on its own: what the page printed over the form (its year, its unit) and
    the first label. (A cell's line that only names a form, `详见项目支出绩效目标表`, and goes
    on, keeps its cell.)"""
    if len(lines) == 1:  # the common cell: `text |`
        return [Cell(lines[0].strip(), start)]
    texts = [Cell(line.strip(), start + k) for k, line in enumerate(lines) if line.strip()]
    if (
        len(texts) > 1
        and (is_label(texts[-1].text) or cell_kind(texts[-1].text) == KIND_TITLE)
        and any(cell_kind(c.text) == KIND_TITLE for c in texts[:-1])
    ):
        return texts
    return [Cell("\n".join(lines).strip(), start)]


def _cell_line(line: str) -> bool:
    """A line that ends a cell of the `cells` layout: `text |`, `|` alone, or a run of empty
    cells `|||`."""
    body = line.rstrip()
    return body.endswith("|") and (body.count("|") == 1 or _bars(body))


def _bars(body: str) -> bool:
    """A line of `|` alone (no text, no white space between): empty cells, not a row."""
    return bool(body) and body.strip("|") == ""


_FIELD_LABELS = re.compile(
    r"(项目名称|项目类别|主管部门|实施单位|计划开始日期|计划完成日期|项目资金总额)"
)


def _label_count(line: str) -> int:
    return len(set(_FIELD_LABELS.findall(line)))


def detect(lines: Iterable[str]) -> Grid:
    """The layout that explains the lines best. `lines` may be a stream, read once."""
    rest = iter(lines)
    sample = list(islice(rest, 4000))  # the layout shows in the first pages: not all is scanned
    content = [line for line in sample if line.strip()]
    if not content:
        sample += rest
        content = [line for line in sample if line.strip()]
    if not content:
        return Grid([], "empty")
    lines = chain(sample, rest)
    total = len(content)
    tab_led = sum(1 for line in content if line.startswith("\t"))
    if tab_led >= total * 0.3:
        return tabbed(lines)
    piped = sum(1 for line in content if line.count("|") >= 2 and not _bars(line.strip()))
    if piped >= total * 0.3:
        return delimited(lines)
    if (
        sum(1 for line in content if _cell_line(line)) >= total * 0.5
        or sum(1 for line in content if _bars(line.strip())) >= total * 0.35
    ):
        return cells(lines)  # a bar ending each cell, or on a line of its own after it
    from jixiao.importers.glued import glued, looks_glued, runs_on  # it reads labels

    if runs_on(content):
        return glued(lines, run_on=True)
    if looks_glued(content):
        return glued(lines)
    if any(_label_count(line) >= 4 for line in content):
        return run_together(lines)
    from jixiao.importers.tree import looks_tree, tree

    if looks_tree(content):
        return tree(lines)
    blank_between = sum(1 for line in sample if not line.strip())
    if blank_between >= total * 0.6 and total > 1:
        return paragraphs(lines)
    return spaced(lines)
