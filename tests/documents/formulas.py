"""Texts a spreadsheet would run as formulas, a seed form full of them, and two independent
looks at a saved workbook: openpyxl's cell types, and the raw sheet XML (`<f>` is a formula)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from xml.etree import ElementTree

from openpyxl import load_workbook

from jixiao.domain.form import Form
from jixiao.importers import read_path
from jixiao.interchange import Batch

HYPERLINK = '=HYPERLINK("http://evil","x")'
# Names and targets for the seed's first indicators. `-5` and `+3.5` are plain numbers; `#N/A`
# is an error code, which openpyxl on its own turns into an error cell.
NAMES = ("=1+1", "@SUM(A1)", "-2+3", "+1", HYPERLINK, "#N/A", "=100%")
TARGETS = ("=100%", "=1+1", "-5", "+3.5", "@SUM(A1)", "-2+3", "#N/A")
FIELDS = {
    "project_name": HYPERLINK,
    "supervising_department": "+1",
    "implementing_unit": "@SUM(A1)",
    "project_category": "-2+3",
    "overall_goal": "=1+1\n-2+3",
    "annual_goal": "@SUM(A1)",
}
TEXTS = {*NAMES, *TARGETS, *FIELDS.values()}


def evil_form(seed: Form) -> Form:
    """The seed's first form with every text field and its first indicators starting with
    `=`, `+`, `-` or `@`."""
    indicators = list(seed.indicators)
    for n, (name, target) in enumerate(zip(NAMES, TARGETS, strict=True)):
        indicators[n] = replace(indicators[n], name=name, target=target)
    return seed.with_changes(indicators=tuple(indicators), **FIELDS)


def evil_batch(seed_path) -> Batch:
    seed = read_path(seed_path)
    return Batch(seed.sources, (evil_form(seed.forms[0]),))


def cells(data: bytes) -> list:
    """Every cell of every sheet, as openpyxl reads it back."""
    book = load_workbook(io.BytesIO(data))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def formula_cells(data: bytes) -> list[str]:
    """The coordinates of the cells openpyxl reads back as formulas."""
    return [cell.coordinate for cell in cells(data) if cell.data_type == "f"]


def xml_formulas(data: bytes) -> int:
    """How many `<f>` (formula) elements the sheets' XML holds, whatever the namespace prefix."""
    count = 0
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                root = ElementTree.fromstring(package.read(name))
                count += sum(1 for e in root.iter() if e.tag.rsplit("}", 1)[-1] == "f")
    return count


def text_types(data: bytes) -> dict[str, set[str]]:
    """Each text value read back with the data types of the cells holding it."""
    found: dict[str, set[str]] = {}
    for cell in cells(data):
        if isinstance(cell.value, str):
            found.setdefault(cell.value, set()).add(cell.data_type)
    return found
