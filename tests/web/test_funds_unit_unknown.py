"""A form whose funds unit nobody could tell (docs/templates.md, *Money*), imported as canonical
JSON: its figures kept as written, no request in 元, so no total, chart or order by amount counts
it; its page says the unit is unknown, and the portal's list shows no amount for it."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from django.urls import reverse
from tests.web.test_editor import admin_client, stored

from jixiao.interchange import dumps

pytestmark = pytest.mark.django_db


@pytest.fixture
def unknown(people, imported, seed_batch):
    """The seed's first form under another name, its unit unknown; its stored row."""
    from jixiao_web.forms.models import Form
    from jixiao_web.services.imports import import_files

    first = seed_batch.forms[0]
    odd = first.with_changes(project_name="单位不明的项目", funds=replace(first.funds, unit=None))
    data = json.loads(dumps(replace(seed_batch, forms=(odd,))))
    assert data["forms"][0]["funds"]["unit"] is None
    assert import_files([("unknown.json", json.dumps(data).encode("utf-8"))]).stored == 1
    return Form.objects.get(project_name="单位不明的项目")


def test_it_is_stored_with_no_request_in_yuan(unknown) -> None:
    from jixiao_web.services.forms import to_core

    assert unknown.request_yuan is None
    assert unknown.annual_request == 278000  # as written
    assert to_core(stored(unknown.pk)).funds.unit is None


def test_its_page_says_the_unit_is_unknown(people, unknown) -> None:
    client = admin_client(people)
    html = client.get(reverse("forms:detail", args=[unknown.pk])).content.decode()
    assert "278,000.00（单位不明）" in html  # the figure as written, its unit unknown
    assert "278,000.00 元" not in html


def test_the_dashboard_total_leaves_it_out(people, unknown) -> None:
    from jixiao_web.forms.models import Form

    client = admin_client(people)
    totals = client.get(reverse("dashboard")).context["totals"]
    assert totals["n"] == Form.objects.count() == 16
    others = Form.objects.exclude(pk=unknown.pk)
    assert totals["total"] == sum(f.request_yuan for f in others)
