"""No formula injection: text starting with `=`, `+`, `-` or `@` is written as text in every
workbook jixiao writes and escaped with a leading `'` in every CSV (docs/exports.md)."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import IllegalCharacterError
from tests.conftest import SEED
from tests.documents.builder import comparable
from tests.documents.formulas import (
    HYPERLINK,
    TEXTS,
    evil_batch,
    formula_cells,
    text_types,
    xml_formulas,
)

from jixiao.cli.main import main
from jixiao.exporters import render
from jixiao.exporters.csv_export import render_csv
from jixiao.exporters.no_formulas import append_row, csv_value, set_cell
from jixiao.exporters.review_xlsx import render_xlsx
from jixiao.importers import read_bytes
from jixiao.interchange import dumps
from jixiao.review import review_batch

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")  # OWASP's list, spelled out apart from the code


@pytest.fixture(scope="module")
def batch():
    return evil_batch(SEED)


@pytest.mark.parametrize("fmt", ["xlsx", "xlsx-long"])
def test_the_form_workbooks_hold_every_text_as_text_and_read_it_back(batch, fmt) -> None:
    name, _, data = render(batch, fmt)
    assert formula_cells(data) == [] and xml_formulas(data) == 0
    found = text_types(data)
    assert {text: found.get(text) for text in TEXTS} == {text: {"s"} for text in TEXTS}
    assert comparable(read_bytes(data, name)) == comparable(batch)


def test_the_review_workbook_holds_every_text_as_text_and_numbers_as_numbers(batch) -> None:
    data = render_xlsx(review_batch(batch))
    assert formula_cells(data) == [] and xml_formulas(data) == 0
    assert text_types(data)[HYPERLINK] == {"s"}
    scores = load_workbook(io.BytesIO(data))["各表得分"]
    row = [cell for cell in scores[2]]
    assert row[1].value == HYPERLINK and row[1].data_type == "s"
    assert (row[2].value, row[2].data_type) == (278000, "n")  # 年度申请（元）
    assert row[3].data_type == "n" and row[3].value > 0  # 得分


def csv_table(data: bytes) -> list[dict[str, str]]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_the_csv_escapes_formulas_and_keeps_numbers_and_other_text(batch) -> None:
    table = csv_table(render_csv(batch))
    first = table[0]
    assert [first[k] for k in ("项目名称", "主管部门", "实施单位", "项目类别")] == [
        "'" + HYPERLINK,
        "+1",  # a plain number
        "'@SUM(A1)",
        "'-2+3",
    ]
    assert (first["项目总目标"], first["年度总目标"]) == ("'=1+1\n-2+3", "'@SUM(A1)")
    assert (first["指标值"], first["运算符"], first["数值"]) == ("'=100%", "'=", "100")
    assert [(r["三级指标"], r["指标值"]) for r in table[1:6]] == [
        ("'@SUM(A1)", "'=1+1"),
        ("'-2+3", "-5"),
        ("+1", "+3.5"),
        ("'" + HYPERLINK, "'@SUM(A1)"),
        ("#N/A", "'-2+3"),
    ]
    assert (table[2]["数值"], first["项目资金总额"], first["一级指标"]) == (
        "-5",
        "278000.00",
        "产出指标",
    )


def test_jixiao_import_format_csv_escapes_formulas(batch, tmp_path) -> None:
    source = tmp_path / "evil.json"
    source.write_text(dumps(batch), encoding="utf-8")
    out = tmp_path / "evil.csv"
    assert main(["import", str(source), "--format", "csv", "-o", str(out)]) == 0
    first = csv_table(out.read_bytes())[0]
    assert (first["项目名称"], first["指标值"]) == ("'" + HYPERLINK, "'=100%")


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("+1+1", "'+1+1"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("-", "'-"),
        ("-5", "-5"),
        ("+3.5", "+3.5"),
        ("-0.25", "-0.25"),
        ("-٣", "'-٣"),  # not an ASCII number: a spreadsheet would not read it as one
        ("'=1+1", "'=1+1"),
        (" =1+1", " =1+1"),
        ("≥95%", "≥95%"),
        ("#N/A", "#N/A"),
        ("", ""),
        (Decimal("-5.00"), Decimal("-5.00")),
        (-3, -3),
        (None, None),
    ],
)
def test_a_csv_value(value, written) -> None:
    assert csv_value(value) == written


def test_text_a_worksheet_cannot_hold_is_refused_as_before() -> None:
    sheet = Workbook().active
    with pytest.raises(IllegalCharacterError):
        set_cell(sheet.cell(1, 1), "=1\x01")
    with pytest.raises(IllegalCharacterError):
        append_row(Workbook(write_only=True).create_sheet(), ["=1\x01"])


# What XML 1.0 cannot hold: openpyxl refuses control characters when a cell is set
# (IllegalCharacterError) and lxml refuses U+FFFE and U+FFFF when the workbook is saved.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _written_and_read(text: str, write_only: bool):
    book = Workbook(write_only=write_only)
    if write_only:
        append_row(book.create_sheet(), [text])
    else:
        set_cell(book.active.cell(1, 1), text)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@settings(max_examples=200, deadline=None)
@given(text=st.text(), write_only=st.booleans())
def test_any_text_is_written_as_text_and_read_back_unchanged(text, write_only) -> None:
    if NOT_XML.search(text):
        with pytest.raises((IllegalCharacterError, ValueError)):
            _written_and_read(text, write_only)
        return
    data = _written_and_read(text, write_only)
    cell = load_workbook(io.BytesIO(data)).worksheets[0].cell(1, 1)
    assert formula_cells(data) == [] and xml_formulas(data) == 0
    assert (cell.value or "") == text  # an empty text is an empty cell
    assert cell.data_type == "s" or not text


def _is_number(text: str) -> bool:
    """A plain decimal number, sign allowed: what a spreadsheet reads as a number."""
    return re.fullmatch(r"[+-]?[0-9]+(\.[0-9]+)?", text) is not None


@settings(max_examples=500)
@given(text=st.text())
def test_a_csv_text_never_starts_like_a_formula_and_unescapes_to_itself(text) -> None:
    written = csv_value(text)
    assert written in (text, "'" + text)
    if written.startswith(DANGEROUS):
        assert written == text and _is_number(text)
    if not text.startswith(DANGEROUS):
        assert written == text


@given(number=st.from_regex(r"\A[+-]?[0-9]{1,12}(\.[0-9]{1,6})?\Z"))
def test_a_plain_number_is_written_as_is(number) -> None:
    assert csv_value(number) == number
