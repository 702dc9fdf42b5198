"""The open data's indicator table (jixiao.exporters.indicator_table): one row per indicator,
every value of the type its schema column declares, no cell a formula, whatever the form holds."""

from __future__ import annotations

import csv
import dataclasses
import io
from decimal import Decimal

import frictionless
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.documents.strategies import forms, targets

from jixiao.exporters.indicator_table import COLUMNS, HEADER, INDICATOR_TABLE, table_schema
from jixiao.interchange import Batch
from jixiao.pieces import render

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")  # OWASP's list, spelled out apart from the code
anything = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"))
texts = st.one_of(anything, targets, st.tuples(st.sampled_from(DANGEROUS), targets).map("".join))


@st.composite
def risky_forms(draw: st.DrawFn):
    """A form whose project name and targets may be anything, formulas included."""
    form = draw(forms(1))
    rows = tuple(dataclasses.replace(i, target=draw(texts)) for i in form.indicators)
    return form.with_changes(project_name=draw(texts), indicators=rows)


def table(batch: Batch) -> list[list[str]]:
    data = b"".join(render(INDICATOR_TABLE, batch))
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def written_as(cell: str, value: str) -> bool:
    """`cell` is `value`, or `value` with the formula guard's `'` before it."""
    return cell == value or (cell == "'" + value and value.startswith(DANGEROUS))


def typed(kind: str, cell: str) -> bool:
    if cell == "":  # the schema's missing value
        return True
    if kind == "integer":
        return cell.isascii() and cell.isdigit()
    if kind == "number":
        return Decimal(cell).is_finite()
    return True


@settings(max_examples=150, deadline=None)
@given(st.lists(risky_forms(), min_size=1, max_size=3))
def test_each_indicator_is_one_row_of_its_columns_types_and_no_formula(found) -> None:
    rows = table(Batch(forms=tuple(found)))
    assert tuple(rows[0]) == HEADER
    indicators = [(f, i) for f in found for i in f.indicators]
    assert len(rows) - 1 == len(indicators)
    for row, (form, indicator) in zip(rows[1:], indicators, strict=True):
        cells = dict(zip(HEADER, row, strict=True))
        assert all(typed(c.type, cells[c.header]) for c in COLUMNS)
        assert written_as(cells["项目名称"], form.project_name)
        assert written_as(cells["指标值"], indicator.target)
        parsed = indicator.parsed_target.value
        if parsed is None:
            assert cells["数值"] == ""
        else:
            assert Decimal(cells["数值"]) == parsed
        for cell in row:  # a spreadsheet runs none of them: escaped, or a plain number
            assert not cell.startswith(DANGEROUS) or Decimal(cell).is_finite()


def test_the_schema_names_the_csv_header_and_is_a_valid_table_schema() -> None:
    schema = frictionless.Schema.from_descriptor(table_schema())
    assert tuple(schema.field_names) == HEADER
    assert {f.type for f in schema.fields} <= {"string", "integer", "number"}
    assert frictionless.Schema.validate_descriptor(table_schema()).valid
