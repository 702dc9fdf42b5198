"""Saving a form through the API (PUT): as read and back, exactly; the editor's versions, merges
and conflicts (docs/editing.md); what cannot be read or stored is 422 and nothing is saved."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from tests.web.api_calls import API, bearer, first, read, send

from jixiao_web.forms.models import AuditEvent, Form, Status

pytestmark = pytest.mark.django_db


def test_a_form_put_back_unchanged_reads_the_same(client, people, imported):
    headers = bearer(people.staff)
    pk = first(imported).pk
    before = read(client, headers, pk)
    answer = send(client, "put", f"{API}/{pk}", before, {**headers, "If-Match": '"1"'})
    assert answer.status_code == 200 and answer["ETag"] == '"2"'
    after = read(client, headers, pk)
    assert after.pop("version") == 2 and before.pop("version") == 1
    assert after == before


def test_a_change_put_is_saved_exactly_and_shown_by_the_page(
    client, staff_client, people, imported
):
    headers = bearer(people.staff)
    pk = first(imported).pk
    data = read(client, headers, pk)
    data["project_name"] = "接口修改后的项目名称"
    data["funds"]["annual_request"] = "123456789.123456"  # 15 digits: SQLite holds them too
    data["indicators"][0]["target"] = "≥ 95%"
    answer = send(client, "put", f"{API}/{pk}", data, headers)
    assert answer.status_code == 200, answer.content
    stored = Form.objects.get(pk=pk)
    assert stored.annual_request == Decimal("123456789.123456")
    assert answer.json()["funds"]["annual_request"] == "123456789.123456"
    page = staff_client.get(reverse("forms:detail", args=[pk])).content.decode()
    assert "接口修改后的项目名称" in page and "≥ 95%" in page
    assert AuditEvent.objects.filter(form_id=pk, action="edit").latest("id").actor_name == "staff1"


@pytest.fixture
def staff_client(people):
    from django.test import Client

    client = Client()
    client.force_login(people.staff)
    return client


def test_amounts_are_strings_not_numbers(client, people, imported):
    headers = bearer(people.staff)
    pk = first(imported).pk
    data = read(client, headers, pk)
    data["funds"]["annual_request"] = 0.1
    answer = send(client, "put", f"{API}/{pk}", data, headers)
    assert answer.status_code == 422
    assert ["body", "payload", "funds", "annual_request"] in [
        e["loc"] for e in answer.json()["errors"]
    ]
    assert Form.objects.get(pk=pk).version == 1


@pytest.mark.parametrize(
    "change, where",
    [
        ({"planned_start": "2021-02-30"}, "planned_start"),
        ({"funds": {"annual_request": "十万"}}, "annual_request"),
        ({"budget_year": 10**9}, "budget_year"),
        ({"goal_period": {"start_year": -1}}, "start_year"),
        ({"indicators": [{"name": "x", "source_lines": ["a"]}]}, "source_lines"),
        ({"project_name": "含\x00空字符"}, "project_name"),
    ],
)
def test_a_form_that_cannot_be_read_is_422_with_where_and_nothing_saved(
    client, people, imported, change, where
):
    headers = bearer(people.staff)
    pk = first(imported).pk
    answer = send(client, "put", f"{API}/{pk}", {**read(client, headers, pk), **change}, headers)
    assert answer.status_code == 422, answer.content
    assert any(where in e["loc"] for e in answer.json()["errors"])
    assert Form.objects.get(pk=pk).version == 1


@pytest.mark.parametrize("amount", ["-5", "1E+3", "1" * 17, "0.0000001", " 12", "12,000"])
def test_an_amount_is_written_as_canonical_json_writes_it(client, people, imported, amount):
    headers = bearer(people.staff, **{"Accept-Language": "en"})
    pk = first(imported).pk
    data = read(client, headers, pk)
    data["funds"]["annual_request"] = amount
    answer = send(client, "put", f"{API}/{pk}", data, headers)
    assert answer.status_code == 422
    assert answer.json()["message"] == "The request does not match the API's description."
    where = [e["loc"] for e in answer.json()["errors"]]
    assert where == [["body", "payload", "funds", "annual_request"]]


def test_a_stale_put_that_does_not_clash_is_merged(client, people, imported):
    headers = bearer(people.staff)
    pk = first(imported).pk
    mine, theirs = read(client, headers, pk), read(client, headers, pk)
    theirs["project_name"] = "对方改的名称"
    assert send(client, "put", f"{API}/{pk}", theirs, headers).status_code == 200
    mine["annual_goal"] = "我改的年度目标"
    answer = send(client, "put", f"{API}/{pk}", mine, headers)  # still names version 1
    assert answer.status_code == 200 and answer["Jixiao-Merged"] == "true"
    saved = answer.json()
    assert (saved["project_name"], saved["annual_goal"], saved["version"]) == (
        "对方改的名称",
        "我改的年度目标",
        3,
    )


def test_a_stale_put_that_clashes_is_409_with_the_differences(client, people, imported):
    headers = bearer(people.staff, **{"Accept-Language": "en"})
    pk = first(imported).pk
    original = first(imported).project_name
    mine, theirs = read(client, headers, pk), read(client, headers, pk)
    theirs["project_name"] = "对方改的名称"
    send(client, "put", f"{API}/{pk}", theirs, headers)
    mine["project_name"] = "我改的名称"
    answer = send(client, "put", f"{API}/{pk}", mine, headers)
    assert answer.status_code == 409
    body = answer.json()
    assert body["code"] == "conflict" and body["version"] == 2
    assert "conflict with yours" in body["message"]
    clash = next(d for d in body["differences"] if d["field"] == "project_name")
    assert (clash["base"], clash["theirs"], clash["yours"], clash["clash"]) == (
        original,
        "对方改的名称",
        "我改的名称",
        True,
    )
    assert Form.objects.get(pk=pk).project_name == "对方改的名称"  # nothing saved


@pytest.mark.parametrize(
    "if_match, body_version, status, code",
    [
        (None, None, 428, "version_required"),
        ("*", None, 428, "version_required"),
        ("abc", None, 412, "bad_if_match"),
        ('W/"1"', None, 412, "bad_if_match"),
        ('"1", "2"', None, 412, "bad_if_match"),
        ('"1"', 2, 412, "version_mismatch"),
        (None, 5, 412, "no_such_version"),
        ('"5"', None, 412, "no_such_version"),
    ],
)
def test_a_put_must_name_its_version_once(
    client, people, imported, if_match, body_version, status, code
):
    headers = bearer(people.staff)
    pk = first(imported).pk
    data = {**read(client, headers, pk), "version": body_version, "project_name": "不该保存"}
    if if_match is not None:
        headers["If-Match"] = if_match
    answer = send(client, "put", f"{API}/{pk}", data, headers)
    assert (answer.status_code, answer.json()["code"]) == (status, code)
    assert Form.objects.get(pk=pk).version == 1


def test_only_who_may_edit_puts(client, people, imported):
    form = first(imported)
    data = read(client, bearer(people.admin), form.pk)
    assert send(client, "put", f"{API}/{form.pk}", data, bearer(people.reviewer)).status_code == 403
    Form.objects.filter(pk=form.pk).update(status=Status.SUBMITTED)
    frozen = send(client, "put", f"{API}/{form.pk}", data, bearer(people.staff))
    assert (frozen.status_code, frozen.json()["code"]) == (409, "not_draft")  # only drafts
    assert Form.objects.get(pk=form.pk).version == 1


def test_staff_may_not_move_a_form_to_another_unit(client, people, imported):
    headers = bearer(people.staff)
    pk = first(imported).pk
    data = {**read(client, headers, pk), "implementing_unit": "其他实施单位"}
    answer = send(client, "put", f"{API}/{pk}", data, headers)
    assert (answer.status_code, answer.json()["code"]) == (403, "unit_refused")
    assert "其他实施单位" in answer.json()["message"]
