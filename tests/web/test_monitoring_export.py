"""A unit's monitoring report downloaded from a round's page (docs/evaluation.md, "Monitoring
in the app"): written by the core's writer, it holds what the unit entered; only the units and
forms the user sees."""

from __future__ import annotations

import io
import subprocess
from urllib.parse import unquote

import pytest
from django.urls import reverse
from tests.web.monitoring_setup import approve, entry_url, open_round, post_data
from tests.web.test_monitoring import client_of

TYPED = {
    0: {
        "current": "37.25",
        "expected": "98.5",
        "likelihood": "有可能",
        "reason": "制度",
        "measure": "修订考核办法",
    },
    1: {"current": "64.75", "expected": "99"},
}


def report_url(round_, kind: str, unit) -> str:
    return reverse("monitoring:report", args=[round_.pk, kind]) + f"?unit={unit.pk}"


def text_of(kind: str, data: bytes) -> str:
    """Every text the file holds, read as its readers read it."""
    if kind == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data))
        return "\n".join(
            str(c.value) for s in book for row in s.iter_rows() for c in row if c.value is not None
        )
    if kind == "docx":
        from docx import Document

        doc = Document(io.BytesIO(data))
        return "\n".join(c.text for t in doc.tables for row in t.rows for c in row.cells)
    return subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True
    ).stdout.decode()


@pytest.fixture
def entered(people, imported):
    forms = approve(imported, 3)
    made = open_round(people)
    answer = client_of(people.staff).post(
        entry_url(made, forms[1]), post_data(TYPED, spent="12,345.67")
    )
    assert answer.status_code == 302
    return made, forms


@pytest.mark.parametrize("kind", ["xlsx", "docx", "pdf"])
def test_the_units_report_holds_what_it_entered(people, entered, kind):
    made, forms = entered
    answer = client_of(people.reviewer).get(report_url(made, kind, forms[1].unit))
    assert answer.status_code == 200, answer.content[:300]
    assert answer["Content-Disposition"].startswith("attachment;")
    assert kind in unquote(answer["Content-Disposition"])
    text = text_of(kind, answer.content)
    for value in (
        "37.25",
        "98.5",
        "修订考核办法",
        "制度",
        "有可能",
        "64.75",
        forms[1].project_name,
    ):
        assert value in text, (kind, value)
    assert "12345.67" in text.replace(",", "")  # a number in Excel, grouped in print


def test_only_the_units_the_user_sees_are_reported(people, entered):
    made, forms = entered
    url = report_url(made, "xlsx", forms[1].unit)
    assert client_of(people.other_staff).get(url).status_code == 404
    assert client_of(people.other_reviewer).get(url).status_code == 404
    assert client_of(people.expert).get(url).status_code == 403
    assert (
        client_of(people.admin)
        .get(reverse("monitoring:report", args=[made.pk, "odt"]) + f"?unit={forms[1].unit.pk}")
        .status_code
        == 404
    )
    assert (
        client_of(people.admin)
        .get(reverse("monitoring:report", args=[made.pk, "xlsx"]) + "?unit=abc")
        .status_code
        == 400
    )


def test_the_round_page_offers_each_units_report(people, entered):
    made, forms = entered
    page = client_of(people.staff).get(reverse("monitoring:round", args=[made.pk])).content.decode()
    for kind in ("docx", "xlsx", "pdf"):
        assert (
            report_url(made, kind, forms[1].unit).replace("&", "&amp;") in page
            or report_url(made, kind, forms[1].unit) in page
        )
