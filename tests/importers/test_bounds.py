"""Funds figures out of bounds (jixiao.domain.bounds) are refused by every reader with the file,
the place (line, sheet and row or cell, form) and the field; a cell that is no number at all is
still noted and left empty; the largest figure the bounds allow is read exactly."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from tests.conftest import SEED

from jixiao.cli.main import main
from jixiao.domain.bounds import MAX_FRACTION_DIGITS, MAX_INTEGER_DIGITS, amount_problem
from jixiao.errors import InputError
from jixiao.exporters import render
from jixiao.importers import read_bytes, read_path
from jixiao.interchange import dumps
from jixiao.interchange.long_table import CODES

# The seed's first form states its annual request (年度资金申请总额) on this line.
REQUEST_LINE = 26
LARGEST = "9" * MAX_INTEGER_DIGITS + "." + "9" * MAX_FRACTION_DIGITS
OUT_OF_BOUNDS = {
    "1e30": "超出 16 位整数",
    "1E+30": "超出 16 位整数",
    "12345678901234567890123": "超出 16 位整数",
    "1" + "0" * MAX_INTEGER_DIGITS: "超出 16 位整数",
    "NaN": "不是有限数值",
    "sNaN": "不是有限数值",
    "Infinity": "不是有限数值",
    "-inf": "不是有限数值",
    "-5": "资金不能为负数",
    "-0.01": "资金不能为负数",
    "1.1234567": "超出 6 位小数",
    "1.5000000": "超出 6 位小数",
    "0E-999999999": "超出 6 位小数",
    "0E+30": "超出 16 位整数",
    "１e30万元": "超出 16 位整数",  # full-width digits and a unit, read as the importer reads them
}


def seed_with_request(tmp_path: Path, written: str) -> Path:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    assert lines[REQUEST_LINE - 2].strip() == "年度资金申请总额"
    assert lines[REQUEST_LINE - 1] == "\t278000"
    lines[REQUEST_LINE - 1] = "\t" + written
    path = tmp_path / "seed.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize(("written", "why"), OUT_OF_BOUNDS.items())
def test_the_text_reader_refuses_a_figure_out_of_bounds_with_file_line_and_field(
    tmp_path, written, why
) -> None:
    path = seed_with_request(tmp_path, written)
    with pytest.raises(InputError) as caught:
        read_path(path)
    error = caught.value
    assert (error.path, error.line, error.field) == (str(path), REQUEST_LINE, "年度资金申请总额")
    assert str(error) == f"{path}:{REQUEST_LINE}: [年度资金申请总额] 金额无效：{written}（{why}）"


def test_a_cell_that_is_no_number_is_still_noted_and_left_empty(tmp_path) -> None:
    form = read_path(seed_with_request(tmp_path, "二十七万")).forms[0]
    assert form.funds.annual_request is None
    assert [n.line for n in form.notes if n.code == "bad-amount"] == [REQUEST_LINE]


@pytest.mark.parametrize("written", [LARGEST, "0", "0.000001", "1.500000", "1E+15", "９９９万元"])
def test_figures_within_bounds_are_read_exactly(tmp_path, written) -> None:
    form = read_path(seed_with_request(tmp_path, written)).forms[0]
    assert amount_problem(form.funds.annual_request) is None
    # the seed's funds are in 元 (项目资金（元）): 999万元 is 9,990,000 of them, exactly
    expected = {"９９９万元": "9990000"}.get(written, written)
    assert str(form.funds.annual_request) == expected


def with_request(batch, value: str):
    """The seed with its second form's annual request set in code, where nothing checks it."""
    form = batch.forms[1]
    spoilt = form.with_changes(funds=replace(form.funds, annual_request=Decimal(value)))
    return replace(batch, forms=(batch.forms[0], spoilt))


REQUEST_COLUMN = get_column_letter(CODES.index("annual_request") + 1)

# Where each format says the figure stands: the docx reader's line, the template's sheet and
# row, the long table's sheet and cell, the JSON form.
PLACES = {
    "docx": (29, ""),
    "xlsx": (6, "工作表“2 法律咨询与服务”："),
    "xlsx-long": (None, f"工作表“指标明细”{REQUEST_COLUMN}13："),
    "json": (None, "第 2 张表："),
}


@pytest.mark.parametrize("fmt", PLACES)
@pytest.mark.parametrize("value", ["1E+30", "NaN", "-Infinity", "-5", "1.1234567"])
def test_every_other_reader_refuses_it_too(seed_batch, fmt, value) -> None:
    name, _, data = render(with_request(seed_batch, value), fmt)
    with pytest.raises(InputError) as caught:
        read_bytes(data, name)
    error = caught.value
    line, at = PLACES[fmt]
    assert (error.path, error.line, error.field) == (name, line, "年度资金申请总额")
    assert error.text.zh.startswith(f"{at}金额无效：")
    assert str(amount_problem(Decimal(value))) in error.text.zh


@pytest.mark.parametrize("fmt", PLACES)
def test_every_reader_reads_the_largest_figure_exactly(seed_batch, fmt) -> None:
    name, _, data = render(with_request(seed_batch, LARGEST), fmt)
    assert str(read_bytes(data, name).forms[1].funds.annual_request) == LARGEST


@pytest.mark.parametrize(
    "spelling", ["1e400", "NaN", "-Infinity", '"1e30"', "100000000000000000000000"]
)
def test_json_numbers_and_literals_out_of_bounds_are_refused(seed_batch, spelling) -> None:
    data = json.loads(dumps(seed_batch))
    data["forms"][0]["funds"]["project_total"] = "@@"
    text = json.dumps(data, ensure_ascii=False).replace('"@@"', spelling)
    with pytest.raises(InputError) as caught:
        read_bytes(text.encode(), "batch.json")
    assert str(caught.value).startswith("batch.json: [项目资金总额] 第 1 张表：金额无效：")


@pytest.mark.parametrize(("key", "value"), [("budget_year", 10**30), ("seq", 10**30), ("seq", -1)])
def test_json_whole_numbers_the_database_cannot_hold_are_refused(seed_batch, key, value) -> None:
    data = json.loads(dumps(seed_batch))
    data["forms"][0][key] = value
    with pytest.raises(InputError) as caught:
        read_bytes(json.dumps(data).encode(), "batch.json")
    assert str(caught.value).startswith(f"batch.json: forms[0].{key}：超出范围 0–")


@pytest.mark.parametrize("key", ["budget_year", "seq"])
def test_json_infinity_where_a_whole_number_belongs_is_refused(seed_batch, key) -> None:
    data = json.loads(dumps(seed_batch))
    data["forms"][0][key] = float("inf")  # written as the literal Infinity
    with pytest.raises(InputError) as caught:
        read_bytes(json.dumps(data).encode(), "batch.json")
    assert str(caught.value).startswith("batch.json: forms[0]：字段无效：")


@pytest.mark.parametrize("year", ["²", "99999999999999999999"])
def test_the_long_table_refuses_a_year_that_is_no_year(seed_batch, year) -> None:
    name, _, data = render(seed_batch, "xlsx-long")
    book = load_workbook(io.BytesIO(data))
    sheet = book.active
    column = next(c.column for c in sheet[1] if c.value == "预算年度")
    sheet.cell(row=2, column=column, value=year)
    out = io.BytesIO()
    book.save(out)
    with pytest.raises(InputError) as caught:
        read_bytes(out.getvalue(), name)
    assert "不是年份" in str(caught.value)


def test_the_cli_exits_2_naming_file_line_and_field(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("JIXIAO_LANG", "zh")
    path = seed_with_request(tmp_path, "1e30")
    assert main(["import", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == f"jixiao: {path}:26: [年度资金申请总额] 金额无效：1e30（超出 16 位整数）\n"
