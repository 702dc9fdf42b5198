"""A form whose funds unit nobody could tell (docs/templates.md, *Money*) is stored and shown as
such: its figures as written with 单位不明, no request in 元, so no total, chart or order by amount
counts it; the editor keeps it unknown unless a unit is chosen."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.urls import reverse
from tests.web.test_editor import admin_client, page_fields, post, stored

from jixiao.domain.form import Funds
from jixiao.interchange import dumps

pytestmark = pytest.mark.django_db


@pytest.fixture
def unknown(people, imported):
    """The seed's first form, its unit set to 单位不明 in the editor; its stored row."""
    client = admin_client(people)
    pk = imported.forms[0].pk
    data = [(k, "" if k == "funds_unit" else v) for k, v in page_fields(client, pk)]
    assert post(client, pk, data).status_code == 302
    return stored(pk)


def test_the_stored_columns_of_an_unknown_unit() -> None:
    from jixiao_web.services.forms import funds_fields

    columns = funds_fields(Funds(unit=None, annual_request=Decimal(250)))
    assert (columns["funds_unit"], columns["request_yuan"], columns["annual_request"]) == (
        "",
        None,
        Decimal(250),
    )
    assert funds_fields(Funds(unit="万元", annual_request=Decimal(250)))["request_yuan"] == 2500000


def test_it_is_stored_unknown_with_no_request_in_yuan(unknown) -> None:
    from jixiao_web.services.forms import to_core

    assert (unknown.funds_unit, unknown.request_yuan) == ("", None)
    assert unknown.annual_request == 278000  # as written
    assert to_core(unknown).funds.unit is None
    assert json.loads(dumps_one(to_core(unknown)))["funds"]["unit"] is None


def dumps_one(form) -> str:
    from jixiao.interchange import Batch

    return json.dumps(json.loads(dumps(Batch(sources=(), forms=(form,), notes=())))["forms"][0])


def test_its_page_shows_the_figures_with_unit_unknown(people, unknown) -> None:
    client = admin_client(people)
    html = client.get(reverse("forms:detail", args=[unknown.pk])).content.decode()
    assert "278,000.00 单位不明" in html and "（单位不明）" in html
    assert "278,000.00 元" not in html


def test_the_dashboard_total_leaves_it_out(people, unknown) -> None:
    from jixiao_web.forms.models import Form

    client = admin_client(people)
    totals = client.get(reverse("dashboard")).context["totals"]
    assert totals["n"] == Form.objects.count() == 15
    others = Form.objects.exclude(pk=unknown.pk)
    assert totals["total"] == sum(f.request_yuan for f in others)
    assert totals["total"] + 278000 == sum(f.annual_request for f in Form.objects.all())


def test_the_editor_keeps_it_unknown_unless_a_unit_is_chosen(people, unknown) -> None:
    client = admin_client(people)
    data = page_fields(client, unknown.pk)
    assert ("funds_unit", "") in data  # 单位不明 is the chosen option
    assert post(client, unknown.pk, data).status_code == 302
    assert (stored(unknown.pk).funds_unit, stored(unknown.pk).request_yuan) == ("", None)
    chosen = [(k, "万元" if k == "funds_unit" else v) for k, v in data]
    assert post(client, unknown.pk, chosen).status_code == 302
    assert stored(unknown.pk).request_yuan == 278000 * 10000
