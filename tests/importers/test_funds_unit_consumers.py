"""Every consumer of the funds works in 元, and none treats a unit nobody could tell as 元
(docs/templates.md, *Money*): canonical JSON and the long table keep it unknown, the paper layout
and `jixiao import --format table` say so (单位 不明) and leave it out of the total in 元, the
self-evaluation's budget is not made up from it."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal

import pytest

from jixiao.cli.main import main
from jixiao.domain.paper import funds_rows
from jixiao.evaluation.model import from_form
from jixiao.exporters import render
from jixiao.importers import read_bytes
from jixiao.interchange import CanonicalError, dumps, loads


def unknown_and_wanyuan(seed_batch):
    """The seed's first two forms: the first with its unit unknown, the second in 万元."""
    first, second = seed_batch.forms[:2]
    return replace(
        seed_batch,
        forms=(
            first.with_changes(funds=replace(first.funds, unit=None)),
            second.with_changes(funds=replace(second.funds, unit="万元")),
        ),
    )


def test_canonical_json_keeps_an_unknown_unit_unknown(seed_batch) -> None:
    batch = unknown_and_wanyuan(seed_batch)
    text = dumps(batch)
    assert json.loads(text)["forms"][0]["funds"]["unit"] is None
    again = loads(text)
    assert [f.funds.unit for f in again.forms] == [None, "万元"]
    assert again.forms[0].funds.requested_yuan is None
    assert again.forms[1].funds.requested_yuan == batch.forms[1].funds.annual_request * 10000


def test_canonical_json_without_a_unit_is_in_yuan_and_another_unit_is_refused(seed_batch) -> None:
    data = json.loads(dumps(seed_batch))
    del data["forms"][0]["funds"]["unit"]
    assert loads(json.dumps(data)).forms[0].funds.unit == "元"
    data["forms"][0]["funds"]["unit"] = "千元"
    with pytest.raises(CanonicalError, match=r"funds\.unit"):
        loads(json.dumps(data))


def test_the_long_table_keeps_an_unknown_unit_unknown(seed_batch) -> None:
    batch = unknown_and_wanyuan(seed_batch)
    name, _, data = render(batch, "xlsx-long")
    again = read_bytes(data, name)
    assert [f.funds.unit for f in again.forms] == [None, "万元"]
    assert again.forms[0].funds.annual_request == batch.forms[0].funds.annual_request


def test_the_paper_layout_says_the_unit_is_unknown(seed_batch) -> None:
    batch = unknown_and_wanyuan(seed_batch)
    assert funds_rows(batch.forms[0])[0].cells[0].text == "项目资金\n（单位不明）"
    assert funds_rows(batch.forms[1])[0].cells[0].text == "项目资金\n（万元）"


def test_the_import_table_says_unknown_and_totals_in_yuan_without_it(seed_batch, tmp_path) -> None:
    batch = unknown_and_wanyuan(seed_batch)
    source = tmp_path / "batch.json"
    source.write_text(dumps(batch), encoding="utf-8")
    out = tmp_path / "table.txt"
    assert main(["import", str(source), "--format", "table", "-o", str(out)]) == 0
    table = out.read_text(encoding="utf-8")
    lines = table.splitlines()
    column = lines[0].split().index("单位")
    assert lines[2].split()[column] == "不明" and lines[3].split()[column] == "万元"
    yuan = batch.forms[1].funds.annual_request * 10000  # the first is in no total
    assert f"年度资金申请合计 {yuan} 元" in table
    assert "其中 1 张表资金单位不明，未计入合计" in table


def test_the_self_evaluation_budget_is_in_yuan_and_never_made_up(seed_batch) -> None:
    batch = unknown_and_wanyuan(seed_batch)
    unknown, wanyuan = (from_form(f) for f in batch.forms)
    assert all(line.initial is None and line.budget is None for line in unknown.funds)
    first = wanyuan.funds[0]
    assert first.initial == first.budget == batch.forms[1].funds.annual_request * 10000
    assert isinstance(first.budget, Decimal)


def test_the_review_weighs_no_request_in_yuan_for_an_unknown_unit(seed_batch) -> None:
    """The review's rules that weigh the money in 元 see no request (funds.W007, on the review's
    side, says why)."""
    from jixiao.review import review_batch

    batch = unknown_and_wanyuan(seed_batch)
    report = review_batch(batch)
    assert report.forms[0].requested_yuan is None
    assert report.forms[1].requested_yuan == batch.forms[1].funds.annual_request * 10000
