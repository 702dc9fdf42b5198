"""The editor reads amounts as the importers do and applies the same bounds (jixiao.domain.bounds):
a figure out of bounds is a 422 with the message next to its field and the input kept, and
nothing is saved; full-width digits and a unit written in the cell are read as in a document."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from tests.web.htmlform import fields
from tests.web.test_editor import admin_client, page_fields, post, replace, stored

from jixiao.domain.bounds import MAX_FRACTION_DIGITS, MAX_INTEGER_DIGITS

pytestmark = pytest.mark.django_db

LARGEST = "9" * MAX_INTEGER_DIGITS + "." + "9" * MAX_FRACTION_DIGITS


def field_error(html: str, name: str) -> str | None:
    """The message shown right after the input called `name`, if any."""
    found = re.search(
        rf'<input name="{name}"[^>]*aria-invalid="true"><small class="error-text">([^<]*)</small>',
        html,
    )
    return found.group(1) if found else None


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("1e30", "超出 16 位整数"),
        ("1" + "0" * MAX_INTEGER_DIGITS, "超出 16 位整数"),
        ("NaN", "不是有限数值"),
        ("-Infinity", "不是有限数值"),
        ("-1", "资金不能为负数"),
        ("0.1234567", "超出 6 位小数"),
    ],
)
def test_an_amount_out_of_bounds_is_refused_next_to_its_field(people, imported, typed, why):
    from jixiao_web.services.forms import snapshot

    pk = imported.forms[0].pk
    before = snapshot(stored(pk))
    client = admin_client(people)
    response = post(client, pk, replace(page_fields(client, pk), "annual_request", typed))
    assert response.status_code == 422
    html = response.content.decode()
    assert field_error(html, "annual_request") == f"金额无效：{typed}（{why}）"
    assert ("annual_request", typed) in fields(html)  # what was typed stays in the editor
    assert stored(pk).version == 1
    assert snapshot(stored(pk)) == before


def test_the_message_follows_the_page_language(people, imported):
    pk = imported.forms[0].pk
    client = admin_client(people)
    client.cookies["django_language"] = "en"
    response = post(client, pk, replace(page_fields(client, pk), "project_total", "1e30"))
    assert response.status_code == 422
    expected = "invalid amount: 1e30 (more than 16 digits before the point)"
    assert field_error(response.content.decode(), "project_total") == expected


@pytest.mark.parametrize(
    ("unit", "typed", "saved"),
    [
        ("元", LARGEST, LARGEST),
        ("元", "２７８，０００．５", "278000.5"),
        ("元", "278000元", "278000"),
        ("万元", "27.8万", "27.8"),
    ],
)
def test_amounts_are_read_as_the_importers_read_them(people, imported, unit, typed, saved):
    from jixiao_web.services.forms import to_core

    pk = imported.forms[0].pk
    client = admin_client(people)
    data = replace(page_fields(client, pk), "annual_request", typed)
    response = post(client, pk, replace(data, "funds_unit", unit))
    assert response.status_code == 302
    assert stored(pk).funds_written["annual_request"] == saved
    assert to_core(stored(pk)).funds.annual_request == Decimal(saved)


def test_a_unit_written_in_the_cell_must_agree_with_the_forms_unit(people, imported):
    pk = imported.forms[0].pk
    client = admin_client(people)
    data = replace(page_fields(client, pk), "annual_request", "27.8万元")
    response = post(client, pk, replace(data, "funds_unit", "元"))
    assert response.status_code == 422
    assert field_error(response.content.decode(), "annual_request") == (
        "写作万元，与资金单位“元”不一致：27.8万元"
    )
    assert stored(pk).version == 1


@pytest.mark.parametrize(
    ("name", "typed", "message"),
    [
        ("budget_year", "²", "预算年度应为 1990–2100 的年份：²"),
        ("budget_year", "9" * 30, "预算年度应为 1990–2100 的年份：" + "9" * 30),
        ("planned_start", "2021-02-30", "不是 YYYY-MM-DD 日期：2021-02-30"),
    ],
)
def test_a_bad_year_or_date_is_a_422_not_a_500(people, imported, name, typed, message):
    pk = imported.forms[0].pk
    client = admin_client(people)
    response = post(client, pk, replace(page_fields(client, pk), name, typed))
    assert response.status_code == 422
    assert field_error(response.content.decode(), name) == message
    assert stored(pk).version == 1


def test_row_data_nested_too_deep_is_dropped_not_a_500(people, imported):
    pk = imported.forms[0].pk
    client = admin_client(people)
    data = page_fields(client, pk)
    first_meta = next(i for i, (k, _) in enumerate(data) if k == "ind-meta")
    data[first_meta] = ("ind-meta", "[" * 100_000 + "]" * 100_000)
    assert post(client, pk, data).status_code == 302
    assert stored(pk).indicators.order_by("position").first().source_lines == []


def test_the_page_of_a_form_at_the_largest_amounts_opens(people, imported):
    pk = imported.forms[0].pk
    client: Client = admin_client(people)
    data = page_fields(client, pk)
    for name in ("project_total", "annual_request"):
        data = replace(data, name, LARGEST)
    assert post(client, pk, replace(data, "funds_unit", "万元")).status_code == 302
    for url in ("forms:detail", "forms:edit"):
        assert client.get(reverse(url, args=[pk])).status_code == 200


def test_a_funds_unit_not_offered_is_a_422_not_a_500(people, imported):
    """The page offers 元 and 万元; a hand-made request with another unit (longer than the
    column holds, a 500 on PostgreSQL before) is refused, nothing saved."""
    pk = imported.forms[0].pk
    client = admin_client(people)
    response = post(client, pk, replace(page_fields(client, pk), "funds_unit", "美元" * 10))
    assert response.status_code == 422
    assert "资金单位应为“元”或“万元”" in response.content.decode()
    assert stored(pk).version == 1


def test_a_row_period_longer_than_its_column_is_dropped_not_a_500(people, imported):
    pk = imported.forms[0].pk
    client = admin_client(people)
    data = page_fields(client, pk)
    first_meta = next(i for i, (k, _) in enumerate(data) if k == "ind-meta")
    meta = json.loads(data[first_meta][1])
    data[first_meta] = ("ind-meta", json.dumps({**meta, "period": "长期" * 30}))
    assert post(client, pk, data).status_code == 302
    assert stored(pk).indicators.order_by("position").first().period is None


def test_a_unit_that_could_not_be_told_stays_untold_until_one_is_chosen(people, imported):
    """A form whose funds unit is unknown (docs/templates.md, *Money*) is edited without its
    amounts being taken for 元: the editor offers “not stated”, keeps it on save, and takes
    the unit someone chooses."""
    from jixiao_web.forms.models import Form
    from jixiao_web.services.forms import to_core

    pk = imported.forms[0].pk
    Form.objects.filter(pk=pk).update(funds_unit=None)
    client = admin_client(people)
    data = page_fields(client, pk)
    assert dict(data)["funds_unit"] == ""  # the select shows （未注明）, selected
    assert post(client, pk, replace(data, "annual_goal", "改一个字")).status_code == 302
    assert to_core(stored(pk)).funds.unit is None
    data = page_fields(client, pk)
    assert post(client, pk, replace(data, "funds_unit", "万元")).status_code == 302
    assert to_core(stored(pk)).funds.unit == "万元"
