"""Round trips: canonical JSON → format → canonical JSON is identical, on the seed, on the test
documents and on generated forms.

"Identical" means identical canonical JSON without source locations (`lines`, `source_lines`,
`notes`, `sources`, `source`): a Word or Excel file gives its own rows and cells as locations.
Every value is compared: text as written (line breaks included), money as written
(`278000.00` stays `278000.00`), dates, indicator headings, periods and extra columns.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from tests.conftest import DATA
from tests.documents import strategies
from tests.documents.builder import comparable
from tests.documents.test_docx_shapes import GOALS, HEAD, INDICATORS, funds

from jixiao.exporters import render
from jixiao.importers import read_bytes, read_path
from jixiao.interchange import Batch

READABLE = ("json", "docx", "xlsx", "xlsx-long")


def through(batch: Batch, fmt: str) -> Batch:
    name, _, data = render(batch, fmt)
    return read_bytes(data, name)


@pytest.mark.parametrize("fmt", READABLE)
def test_the_seed_comes_back_identical_from_every_format(seed_batch, fmt) -> None:
    assert comparable(through(seed_batch, fmt)) == comparable(seed_batch)


def test_money_and_line_breaks_are_kept_as_written(seed_batch) -> None:
    for fmt in READABLE:
        first = through(seed_batch, fmt).forms[0]
        assert str(first.funds.project_total) == "278000.00"
        assert first.goal_period == seed_batch.forms[0].goal_period


def test_json_keeps_even_the_locations(seed_batch) -> None:
    again = through(seed_batch, "json")
    assert again.forms == tuple(f.with_changes(source=0) for f in seed_batch.forms)


@pytest.mark.parametrize("fmt", READABLE)
def test_a_test_document_comes_back_identical(fmt) -> None:
    from tests.documents.builder import docx, paragraph, table

    data = docx(
        paragraph("1、项目支出绩效目标表"),
        paragraph("（2022年度）"),
        table(HEAD + funds("万元", "854.50", "120") + GOALS + INDICATORS),
    )
    batch = read_bytes(data, "shapes.docx")
    assert comparable(through(batch, fmt)) == comparable(batch)


SLOW = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@pytest.mark.parametrize("fmt", READABLE)
@SLOW
@given(batch=strategies.batches())
def test_generated_forms_survive_every_format(fmt, batch) -> None:
    assert comparable(through(batch, fmt)) == comparable(batch)


DOCUMENTS = sorted((DATA / "variants").glob("*.txt")) + sorted((DATA / "clean").glob("*.txt"))


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_every_sample_document_comes_back_identical_from_every_format(path) -> None:
    batch = read_path(path)
    for fmt in READABLE:
        assert comparable(through(batch, fmt)) == comparable(batch), fmt
