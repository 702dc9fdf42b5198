"""The workflow service: status actions and deleting a draft, as the pages and the API use it."""

from __future__ import annotations

import pytest

from jixiao_web.accounts import permissions as perm
from jixiao_web.forms.models import AuditEvent, Form, Indicator, Status
from jixiao_web.services import workflow

pytestmark = pytest.mark.django_db


def _form(imported, status: str = Status.DRAFT) -> Form:
    pk = imported.forms[0].pk
    Form.objects.filter(pk=pk).update(status=status)
    return Form.objects.get(pk=pk)


@pytest.mark.parametrize("status", [Status.DRAFT, Status.SUBMITTED, Status.DEPT_APPROVED])
def test_only_an_approved_form_is_published(people, imported, status):
    form = _form(imported, status)
    assert "publish" not in perm.allowed_actions(people.admin, form)
    with pytest.raises(workflow.WrongState):
        workflow.act(people.admin, form, "publish")
    assert Form.objects.get(pk=form.pk).status == status
    approved = _form(imported, Status.APPROVED)
    assert workflow.act(people.admin, approved, "publish").status == Status.PUBLISHED


def test_an_action_is_audited_with_its_comment_and_version(people, imported):
    form = _form(imported)
    moved = workflow.act(people.staff, form, "submit", "请审核：已补充指标")
    assert (moved.status, moved.version) == (Status.SUBMITTED, form.version)
    last = AuditEvent.objects.filter(form=form).latest("id")
    assert (last.action, last.actor_name, last.comment) == (
        "submit",
        "staff1",
        "请审核：已补充指标",
    )


def test_the_role_that_may_not_is_refused_apart_from_the_state(people, imported):
    form = _form(imported)
    with pytest.raises(workflow.NotPermitted):
        workflow.act(people.reviewer, form, "submit")  # reviewers never submit
    with pytest.raises(workflow.WrongState):
        workflow.act(people.reviewer, form, "approve")  # they approve, but not a draft
    with pytest.raises(workflow.NotPermitted):
        workflow.act(people.other_staff, form, "submit")  # not a form they can see


def test_the_loser_of_a_race_changes_nothing(people, imported):
    form = _form(imported, Status.SUBMITTED)
    stale = Form.objects.get(pk=form.pk)
    workflow.act(people.reviewer, form, "approve")
    events = AuditEvent.objects.count()
    with pytest.raises(workflow.WrongState) as refused:
        workflow.act(people.reviewer, stale, "return", "补充")  # saw it submitted; approved now
    assert refused.value.status == Status.DEPT_APPROVED
    assert Form.objects.get(pk=form.pk).status == Status.DEPT_APPROVED
    assert AuditEvent.objects.count() == events


def test_a_draft_is_deleted_with_its_rows_and_an_audit_event_keeping_it(people, imported):
    form = _form(imported)
    before = AuditEvent.objects.filter(form_id=form.pk).count()
    workflow.delete_draft(people.staff, form)
    assert not Form.objects.filter(pk=form.pk).exists()
    assert not Indicator.objects.filter(form_id=form.pk).exists()
    events = AuditEvent.objects.filter(form_id=form.pk)
    assert events.count() == before + 1  # the earlier events stay
    gone = events.latest("id")
    assert gone.action == "delete" and gone.data["project_name"] == form.project_name


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.DEPT_APPROVED, Status.APPROVED])
def test_only_a_draft_is_deleted(people, imported, status):
    form = _form(imported, status)
    with pytest.raises(workflow.WrongState):
        workflow.delete_draft(people.admin, form)
    assert Form.objects.filter(pk=form.pk).exists()


def test_who_may_not_edit_may_not_delete(people, imported):
    form = _form(imported)
    for who in (people.reviewer, people.expert, people.other_staff, people.nobody):
        with pytest.raises(workflow.NotPermitted):
            workflow.delete_draft(who, form)
    assert Form.objects.filter(pk=form.pk).exists()
