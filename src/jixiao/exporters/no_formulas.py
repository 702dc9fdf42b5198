"""Cells that stay what they are: text jixiao writes never becomes a formula (docs/exports.md).

A spreadsheet runs a cell as a formula when its text starts with `=`, and when it opens a CSV
file also with `+`, `-` or `@` (a tab or a carriage return first can hide such a start). A
project name `=HYPERLINK("http://x","y")` or a target `=100%` read from a document must stay
that text. Two rules, one per kind of file, used by every workbook and CSV jixiao writes:

- Workbook: every `str` is a text cell (openpyxl data type `s`, saved as an inline string),
  whatever it starts with. openpyxl on its own makes a `str` starting with `=` a formula (`f`)
  and `#N/A` and the other error codes an error (`e`), in normal and in write-only mode.
  Numbers (`Decimal`, `int`, `float`) stay numeric cells; `None` stays an empty cell. Text that
  a worksheet cannot hold (control characters) still raises openpyxl's `IllegalCharacterError`.
- CSV: a text starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`
  (the OWASP advice on CSV injection), unless it is a plain number such as `-5` or `+3.5`, which
  a spreadsheet reads as that number; every other value is written as is. Removing one leading
  `'` from an escaped text gives the original.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:  # openpyxl is imported where a workbook is written: CSV does without it
    from openpyxl.cell.cell import Cell
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet
    from openpyxl.worksheet.worksheet import Worksheet

    Sheet: TypeAlias = Worksheet | WriteOnlyWorksheet

Number = Decimal | int | float
Value = str | Number | None

TEXT = "s"  # openpyxl's data type of a text cell
CSV_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
CSV_ESCAPE = "'"
_FIRST = frozenset(CSV_DANGEROUS)  # each is one character
PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")  # ASCII digits: what a spreadsheet reads


def set_cell(cell: Cell, value: Value) -> None:
    """Put `value` in `cell`: a text as a text cell, whatever it starts with."""
    cell.value = value  # checks the text (IllegalCharacterError) and may guess a formula
    if isinstance(value, str):
        cell.data_type = TEXT


def row_cells(sheet: Sheet, values: Iterable[Value]) -> list[Cell | Number | None]:
    """`values` ready for `sheet.append`, each text a text cell. `sheet` is a worksheet in
    normal or write-only mode: openpyxl's `append` takes a cell as it is in both."""
    return [_text_cell(sheet, value) if isinstance(value, str) else value for value in values]


def append_row(sheet: Sheet, values: Iterable[Value]) -> None:
    """Append `values` as one row of `sheet` (normal or write-only), text as text cells."""
    sheet.append(row_cells(sheet, values))


def _text_cell(sheet: Sheet, text: str) -> Cell:
    from openpyxl.cell.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet)
    set_cell(cell, text)
    return cell


def csv_value(value: Value) -> Value:
    """`value` for a CSV field: a text a spreadsheet would run as a formula gets a leading `'`."""
    if isinstance(value, str) and value.startswith(CSV_DANGEROUS) and not _number(value):
        return CSV_ESCAPE + value
    return value


def _number(text: str) -> bool:
    return PLAIN_NUMBER.fullmatch(text) is not None


def csv_rows(rows: Iterable[Iterable[Value]]) -> Iterator[list[Value]]:
    """Every field of `rows` through `csv_value`, for `csv.writer(...).writerows`."""
    for row in rows:
        # Most fields start with none of CSV_DANGEROUS: only those that do go to `csv_value`
        # (a CSV of 6,000 forms has three million fields).
        yield [csv_value(v) if isinstance(v, str) and v[:1] in _FIRST else v for v in row]
