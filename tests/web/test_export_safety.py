"""The form list's xlsx export writes every text as text, never as a formula (docs/exports.md)."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from tests.conftest import SEED
from tests.documents.formulas import (
    FIELDS,
    HYPERLINK,
    evil_batch,
    formula_cells,
    text_types,
    xml_formulas,
)

from jixiao.interchange import dumps

pytestmark = pytest.mark.django_db


@pytest.fixture
def evil(people):
    """The seed's first form with texts starting with `=`, `+`, `-`, `@`, imported as JSON."""
    from jixiao_web.services.imports import import_files

    result = import_files([("evil.json", dumps(evil_batch(SEED)).encode("utf-8"))])
    assert result.ok, result.files
    return result.forms[0]


def test_the_list_export_holds_texts_as_text_and_numbers_as_numbers(admin, evil) -> None:
    response = admin.get(reverse("forms:export"), {"q": "HYPERLINK"})
    assert response.status_code == 200
    data = response.content
    assert formula_cells(data) == [] and xml_formulas(data) == 0
    found = text_types(data)
    texts = (HYPERLINK, *(FIELDS[k] for k in ("supervising_department", "implementing_unit")))
    assert {t: found.get(t) for t in texts} == {t: {"s"} for t in texts}
    sheet = load_workbook(io.BytesIO(data)).active
    header, row = ([c for c in r] for r in sheet.iter_rows(max_row=2))
    cell = {h.value: c for h, c in zip(header, row, strict=True)}
    assert [cell[k].value for k in ("项目名称", "主管部门", "实施单位", "项目类别")] == [
        HYPERLINK,
        "+1",
        "@SUM(A1)",
        "-2+3",
    ]
    assert (cell["项目类别"].data_type, cell["年度资金申请总额（元）"].data_type) == ("s", "n")
    assert cell["年度资金申请总额（元）"].value == evil.request_yuan == 278000
    assert cell["得分"].data_type == "n" and cell["得分"].value == float(evil.score)
