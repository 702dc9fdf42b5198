"""Batch actions on the form list: each form through `workflow.act`, a refused form never stops
the others, the answer lists each form; a bad request is refused whole and changes nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from jixiao_web.comments.models import Comment, Kind, Notice
from jixiao_web.experts.models import Round, RoundForm
from jixiao_web.forms.models import AuditEvent, Form, Status
from jixiao_web.services.batch import MAX_FORMS
from jixiao_web.units.models import BudgetYear

from .conftest import put_in

pytestmark = pytest.mark.django_db
URL = reverse("forms:batch")


def _client(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def _forms(imported, *statuses: str) -> list[Form]:
    """The seed's forms of the staff's unit (the reviewer's department), in these stages."""
    first = Form.objects.get(pk=imported.forms[0].pk)
    forms = [Form.objects.get(pk=f.pk) for f in imported.forms[: len(statuses)]]
    Form.objects.filter(pk__in=[f.pk for f in forms]).update(unit=first.unit)
    for form, status in zip(forms, statuses, strict=True):
        put_in(form, status)
    return [Form.objects.get(pk=f.pk) for f in forms]


def _state() -> list[tuple[int, str, bool]]:
    return list(Form.objects.order_by("pk").values_list("pk", "status", "returned"))


def test_mixed_results_each_form_said_and_the_refused_do_not_stop_the_others(people, imported):
    done1, draft, done2 = _forms(imported, Status.SUBMITTED, Status.DRAFT, Status.SUBMITTED)
    unseen = Form.objects.get(pk=imported.forms[5].pk)
    Form.objects.filter(pk=unseen.pk).update(unit=people.other_staff.membership.unit)
    ids = [done1.pk, draft.pk, unseen.pk, done2.pk]
    answer = _client(people.reviewer).post(URL, {"action": "approve", "ids": ids, "comment": ""})
    assert answer.status_code == 200
    rows = {o.pk: o for o in answer.context["outcomes"]}
    assert [rows[pk].done for pk in ids] == [True, False, False, True]
    assert "草稿" in rows[draft.pk].message and "无权" in rows[unseen.pk].message
    statuses = dict(Form.objects.filter(pk__in=ids).values_list("pk", "status"))
    assert statuses[done1.pk] == statuses[done2.pk] == Status.DEPT_APPROVED
    assert (statuses[draft.pk], statuses[unseen.pk]) == (Status.DRAFT, unseen.status)
    page = answer.content.decode()
    assert "完成 2 张，未执行 2 张" in page and page.count("未执行：") == 2


def test_a_return_carries_its_one_comment_to_every_form(people, imported):
    forms = _forms(imported, Status.SUBMITTED, Status.SUBMITTED)
    client = _client(people.reviewer)
    client.post(URL, {"action": "return", "ids": [f.pk for f in forms], "comment": "统一补充"})
    for form in forms:
        row = Form.objects.get(pk=form.pk)
        assert (row.status, row.returned) == (Status.DRAFT, True)
        assert Comment.objects.get(form=form, kind=Kind.RETURN).text == "统一补充"
        assert AuditEvent.objects.filter(form=form, action="return").count() == 1
    assert Notice.objects.filter(kind="return", user=people.staff).count() == 2


def test_a_rule_of_passage_is_said_for_its_form(people, imported, settings):
    held, ready = _forms(imported, Status.DEPT_APPROVED, Status.DEPT_APPROVED)
    BudgetYear.objects.filter(year=held.budget_year_id).update(expert_review=True)
    Form.objects.filter(pk=ready.pk).update(budget_year=None)  # a year without the rule
    answer = _client(people.admin).post(URL, {"action": "approve", "ids": [held.pk, ready.pk]})
    first, second = answer.context["outcomes"]
    assert not first.done and "专家评审" in first.message
    assert second.done and second.status == Status.APPROVED


@pytest.mark.parametrize(
    "data, says",
    [
        ({"action": "return", "comment": "  "}, "必须填写退回意见"),
        ({"action": "publish"}, "没有这个批量操作"),
        ({"action": "approve", "ids": []}, "请先在列表中勾选表单"),
        ({"action": "approve", "ids": ["1x"]}, "ids"),
        ({"action": "approve", "ids": list(range(1, MAX_FORMS + 2))}, "一次最多处理 200 张表"),
        ({"action": "return", "comment": "字" * 2001}, "不能超过 2000 个字符"),
    ],
)
def test_a_bad_request_is_refused_whole_and_changes_nothing(people, imported, data, says):
    forms = _forms(imported, Status.SUBMITTED, Status.SUBMITTED)
    data = {"ids": [f.pk for f in forms], **data}
    before, events = _state(), AuditEvent.objects.count()
    answer = _client(people.reviewer).post(URL, data)
    assert answer.status_code == 400 and says in answer.content.decode()
    assert (_state(), AuditEvent.objects.count()) == (before, events)


def test_staff_have_no_batch_bar_and_cannot_post_one(people, imported):
    form = _forms(imported, Status.SUBMITTED)[0]
    client = _client(people.staff)
    assert 'id="batch"' not in client.get(reverse("forms:list")).content.decode()
    assert client.post(URL, {"action": "approve", "ids": [form.pk]}).status_code == 400
    assert Form.objects.get(pk=form.pk).status == Status.SUBMITTED


def test_the_list_offers_the_bar_and_a_box_per_row_to_a_reviewer(people, imported):
    _forms(imported, Status.SUBMITTED)
    page = _client(people.reviewer).get(reverse("forms:list")).content.decode()
    assert 'id="batch"' in page and 'name="ids"' in page and 'form="batch"' in page
    assert '<option value="approve">' in page and '<option value="return">' in page


def test_a_post_without_its_csrf_token_is_refused(people, imported):
    form = _forms(imported, Status.SUBMITTED)[0]
    client = _client(people.reviewer, enforce_csrf_checks=True)
    assert client.post(URL, {"action": "approve", "ids": [form.pk]}).status_code == 403
    assert Form.objects.get(pk=form.pk).status == Status.SUBMITTED


def test_finance_adds_forms_to_an_open_round_each_said(people, imported):
    ready, draft = _forms(imported, Status.DEPT_APPROVED, Status.DRAFT)
    round_ = Round.objects.create(name="2021 第一批", created_by=people.admin)
    client = _client(people.admin)
    page = client.get(reverse("forms:list")).content.decode()
    assert '<option value="round">' in page and "2021 第一批" in page
    answer = client.post(URL, {"action": "round", "round": round_.pk, "ids": [ready.pk, draft.pk]})
    first, second = answer.context["outcomes"]
    assert first.done and "2021 第一批" in first.message
    assert not second.done and "主管部门已审核" in second.message
    assert Form.objects.get(pk=ready.pk).status == Status.EXPERT_REVIEW
    assert list(RoundForm.objects.values_list("form_id", flat=True)) == [ready.pk]


@pytest.mark.parametrize("state", ["none", "closed"])
def test_a_round_batch_without_an_open_round_changes_nothing(people, imported, state):
    ready = _forms(imported, Status.DEPT_APPROVED)[0]
    data = {"action": "round", "ids": [ready.pk]}
    if state == "closed":
        data["round"] = Round.objects.create(name="旧批次", state=Round.State.CLOSED).pk
    before = _state()
    answer = _client(people.admin).post(URL, data)
    assert answer.status_code == 400 and "请选择一个进行中的评审批次" in answer.content.decode()
    assert _state() == before


def test_only_finance_is_offered_the_round(people, imported):
    page = _client(people.reviewer).get(reverse("forms:list")).content.decode()
    assert '<option value="round">' not in page
    ready = _forms(imported, Status.DEPT_APPROVED)[0]
    answer = _client(people.reviewer).post(URL, {"action": "round", "ids": [ready.pk]})
    assert answer.status_code == 400 and Form.objects.get(pk=ready.pk).status == ready.status
