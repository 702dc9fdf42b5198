"""Notices (站内通知): the header's unread count (one query), the list newest first with links to
the forms, one or all marked read, only one's own."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jixiao_web.comments.models import Notice
from jixiao_web.forms.models import Form, Status
from jixiao_web.services import notices, workflow

from .conftest import put_in

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _tell(user, form: Form, *texts: str) -> None:
    for text in texts:
        notices.notify([user], "comment", text, form, reverse("forms:detail", args=[form.pk]))


def _count(page: str) -> int | None:
    found = re.search(r'class="notices"[^>]*>[^<]*(?:<span class="count"[^>]*>(\d+)</span>)?', page)
    assert found
    return int(found.group(1)) if found.group(1) else None


def test_the_header_counts_the_unread_in_one_query(people, imported):
    form = Form.objects.get(pk=imported.forms[0].pk)
    _tell(people.staff, form, "一", "二", "三")
    _tell(people.reviewer, form, "别人的")
    client = _client(people.staff)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("forms:list")).content.decode()
    assert _count(page) == 3
    asked = [q["sql"] for q in queries.captured_queries if "comments_notice" in q["sql"]]
    assert len(asked) == 1


def test_the_list_is_newest_first_and_one_or_all_are_marked_read(people, imported):
    form = Form.objects.get(pk=imported.forms[0].pk)
    _tell(people.staff, form, "最早", "其次", "最新")
    client = _client(people.staff)
    page = client.get(reverse("notices:list")).content.decode()
    assert page.index("最新") < page.index("其次") < page.index("最早")
    newest = Notice.objects.get(text="最新")
    assert reverse("notices:read", args=[newest.pk]) in page  # 打开: marked read on the way
    answer = client.post(reverse("notices:read", args=[newest.pk]), {"open": "1"})
    assert answer["Location"] == newest.link
    assert Notice.objects.get(pk=newest.pk).read_at is not None
    page = client.get(reverse("notices:list")).content.decode()
    assert _count(page) == 2 and f'href="{newest.link}"' in page  # read: a plain link now
    client.post(reverse("notices:read_all"))
    assert not Notice.objects.filter(user=people.staff, read_at__isnull=True).exists()
    assert _count(client.get(reverse("notices:list")).content.decode()) is None


def test_another_users_notice_is_404_and_stays_unread(people, imported):
    form = Form.objects.get(pk=imported.forms[0].pk)
    _tell(people.reviewer, form, "审核人的")
    theirs = Notice.objects.get()
    answer = _client(people.staff).post(reverse("notices:read", args=[theirs.pk]))
    assert answer.status_code == 404
    _client(people.staff).post(reverse("notices:read_all"))
    assert Notice.objects.get().read_at is None
    assert "审核人的" not in _client(people.staff).get(reverse("notices:list")).content.decode()


def test_a_return_tells_the_unit_and_the_notice_leads_to_the_form(people, imported):
    form = Form.objects.get(pk=imported.forms[0].pk)
    put_in(form, Status.SUBMITTED)
    workflow.act(people.reviewer, Form.objects.get(pk=form.pk), "return", "请补充")
    client = _client(people.staff)
    assert "请补充" in client.get(reverse("notices:list")).content.decode()
    told = Notice.objects.get(user=people.staff, kind="return")
    opened = client.post(reverse("notices:read", args=[told.pk]), {"open": "1"})
    assert opened["Location"] == reverse("forms:detail", args=[form.pk])


def test_signed_out_pages_ask_nothing_about_notices(imported):
    with CaptureQueriesContext(connection) as queries:
        Client().get(reverse("portal:index"))
    assert not [q for q in queries.captured_queries if "comments_notice" in q["sql"]]
