"""The cells of the first html table in a page, as (tag, colspan, rowspan, text): what a reader
sees of the grid, whichever writer drew it. Only a cell's own text counts (a line break as
"\\n"); what a writer adds inside a cell (findings, marks) is left out."""

from __future__ import annotations

from html.parser import HTMLParser

Cell = tuple[str, int, int, str]
# elements without an end tag (a form's `<input>` in a cell, as the web page's comment form has)
VOID = frozenset({"area", "base", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"})


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[Cell]] = []
        self.cell: list | None = None  # [tag, colspan, rowspan, text]
        self.depth = 0  # elements open inside the cell
        self.tables = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables += 1
        if self.tables != 1:
            return
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th") and self.cell is None:
            a = dict(attrs)
            self.cell = [tag, int(a.get("colspan") or 1), int(a.get("rowspan") or 1), ""]
        elif self.cell is not None and tag == "br" and not self.depth:
            self.cell[3] += "\n"
        elif self.cell is not None and tag != "br" and tag not in VOID:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if self.tables != 1 or self.cell is None:
            return
        if tag in ("td", "th") and not self.depth:
            self.rows[-1].append((self.cell[0], self.cell[1], self.cell[2], self.cell[3].strip()))
            self.cell = None
        elif tag != "br" and tag not in VOID:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.cell is not None and not self.depth:
            self.cell[3] += data


def table_cells(page: str) -> list[list[Cell]]:
    """The rows of the first table of the page (in a page with a summary table first, pass the
    part from the form's table on)."""
    parser = _Cells()
    parser.feed(page)
    return [row for row in parser.rows if row]
