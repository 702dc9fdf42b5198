"""The stages of a form and who moves it between them (docs/workflow.md), through the service the
pages and the API share (`services.workflow.act`).

The expected table below is written from the issue's words, not read from `permissions.STEPS`:
each action only by its role, only from its stages.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from tests.web.conftest import put_in

from jixiao_web.comments.models import Comment, Kind, Notice
from jixiao_web.experts.models import Assignment, Round, RoundForm
from jixiao_web.forms.models import AuditEvent, Form, Publication, Status
from jixiao_web.services import editing, workflow
from jixiao_web.services.forms import to_core
from jixiao_web.units.models import BudgetYear

pytestmark = pytest.mark.django_db

COMMENT = "请补充成本指标的测算依据"
# (action, role) -> the stages it is taken from, and where it leads (docs/workflow.md)
ALLOWED = {
    ("submit", "staff"): ({"draft"}, "submitted"),
    ("withdraw", "staff"): ({"submitted"}, "draft"),
    ("return", "reviewer"): ({"submitted"}, "draft"),
    ("return", "expert"): ({"expert_review"}, "draft"),  # as the round's lead
    ("return", "admin"): ({"submitted", "dept_approved", "expert_review", "approved"}, "draft"),
    ("approve", "reviewer"): ({"submitted"}, "dept_approved"),
    ("approve", "admin"): ({"dept_approved", "expert_review"}, "approved"),
    ("publish", "admin"): ({"approved"}, "published"),
    ("revise", "staff"): ({"published"}, "draft"),
}
ACTIONS = sorted({action for action, _ in ALLOWED})
ROLES = ("staff", "reviewer", "expert", "admin")
STAGES = [s.value for s in Status]


def clean_form(imported) -> Form:
    """The seed's 7th form (科普工作): no error finding, so it may be submitted."""
    return Form.objects.get(pk=imported.forms[6].pk)


def in_round(form: Form, people, done: bool = True) -> Round:
    """The form in an open round led by the expert, who is assigned to it (sheet handed in
    when `done`)."""
    from django.utils import timezone

    made = Round.objects.create(name="集中评审", lead=people.expert)
    RoundForm.objects.create(round=made, form=form)
    Assignment.objects.create(
        round=made,
        form=form,
        expert=people.expert,
        total=80,
        submitted_at=timezone.now() if done else None,
    )
    return made


def staff_of(people, form: Form):
    from tests.web.conftest import make_user

    return make_user("clerk7", "staff", form.unit)


def actor(people, role: str, form: Form):
    if role == "staff":
        return staff_of(people, form)
    return getattr(people, role)


@pytest.mark.parametrize("stage", STAGES)
def test_each_action_only_by_its_role_from_its_stages(people, imported, stage):
    form = clean_form(imported)
    in_round(form, people)
    users = {role: actor(people, role, form) for role in ROLES}
    wrong = []
    for role in ROLES:
        for action in ACTIONS:
            put_in(form, stage)
            row = Form.objects.get(pk=form.pk)
            sources, target = ALLOWED.get((action, role), (set(), None))
            try:
                moved = workflow.act(users[role], row, action, COMMENT)
                outcome = moved.status
            except (workflow.NotPermitted, workflow.WrongState):
                outcome = None
            expected = target if stage in sources else None
            if outcome != expected:
                wrong.append((role, action, stage, expected, outcome))
            Form.objects.filter(pk=form.pk).update(status=stage)
    assert wrong == []


def test_a_refused_action_changes_nothing_and_records_nothing(people, imported):
    form = clean_form(imported)
    put_in(form, Status.SUBMITTED)
    before = (AuditEvent.objects.count(), Comment.objects.count(), Notice.objects.count())
    for who, action in [(people.staff, "publish"), (people.reviewer, "publish")]:
        with pytest.raises(workflow.NotPermitted):
            workflow.act(who, Form.objects.get(pk=form.pk), action, COMMENT)
    with pytest.raises(workflow.WrongState):
        workflow.act(people.admin, Form.objects.get(pk=form.pk), "publish", COMMENT)
    after = (AuditEvent.objects.count(), Comment.objects.count(), Notice.objects.count())
    assert after == before and Form.objects.get(pk=form.pk).status == Status.SUBMITTED


# Rules of passage ---------------------------------------------------------------------------------


def test_a_form_with_error_findings_is_not_submitted_and_the_refusal_lists_them(people, imported):
    form = Form.objects.get(pk=imported.forms[2].pk)  # 科普场所提升改造: two error findings
    with pytest.raises(workflow.Blocked) as held:
        workflow.act(people.staff, form, "submit", "已核对")
    assert held.value.code == "has_errors"
    assert len(held.value.findings) == 2
    assert any("成本指标" in text for text in held.value.findings)
    assert Form.objects.get(pk=form.pk).status == Status.DRAFT


def test_a_form_with_warnings_is_submitted_only_with_an_explanation(people, imported):
    form = clean_form(imported)
    with pytest.raises(workflow.Blocked) as held:
        workflow.act(people.staff, form, "submit", "   ")
    assert held.value.code == "needs_explanation" and held.value.findings
    assert Form.objects.get(pk=form.pk).status == Status.DRAFT
    workflow.act(people.staff, form, "submit", "警告已逐条核对")
    note = Comment.objects.get(form=form)
    assert (note.kind, note.text, note.author_name) == (
        Kind.EXPLANATION,
        "警告已逐条核对",
        "staff1",
    )


def test_what_is_reviewed_is_what_is_submitted(people, imported):
    """A save between the review and the submission makes the submission lose: the form
    submitted is always the one checked."""
    form = clean_form(imported)
    stale = Form.objects.get(pk=form.pk)
    Form.objects.filter(pk=form.pk).update(version=stale.version + 1)  # someone saved meanwhile
    with pytest.raises(workflow.WrongState):
        workflow.act(people.staff, stale, "submit", "说明")
    assert Form.objects.get(pk=form.pk).status == Status.DRAFT


@pytest.mark.parametrize("stage", [s for s in STAGES if s != Status.DRAFT])
def test_nothing_but_a_draft_is_edited_not_even_by_the_administrator(people, imported, stage):
    form = clean_form(imported)
    put_in(form, stage)
    row = Form.objects.get(pk=form.pk)
    changed = to_core(row).with_changes(project_name="改过的名称")
    with pytest.raises(editing.Frozen):
        editing.save(row, changed, [], row.version, people.admin)
    assert Form.objects.get(pk=form.pk).project_name == form.project_name
    client = Client()
    client.force_login(people.admin)
    answer = client.get(reverse("forms:edit", args=[form.pk]))
    assert answer.status_code == 302  # back to the form's page, told why


def test_a_return_needs_its_comment_which_reaches_the_unit(people, imported):
    form = clean_form(imported)
    put_in(form, Status.SUBMITTED)
    with pytest.raises(workflow.Blocked) as held:
        workflow.act(people.reviewer, Form.objects.get(pk=form.pk), "return", "")
    assert held.value.code == "comment_required"
    workflow.act(people.reviewer, Form.objects.get(pk=form.pk), "return", COMMENT)
    row = Form.objects.get(pk=form.pk)
    assert (row.status, row.returned) == (Status.DRAFT, True)
    comment = Comment.objects.get(form=form, kind=Kind.RETURN)
    assert (comment.text, comment.author_name) == (COMMENT, "reviewer1")
    notice = Notice.objects.get(user=people.staff, kind="return")
    assert COMMENT in notice.text and notice.link == reverse("forms:detail", args=[form.pk])
    client = Client()
    client.force_login(people.staff)
    page = client.get(reverse("forms:detail", args=[form.pk])).content.decode()
    assert "退回意见" in page and COMMENT in page
    workflow.act(people.staff, row, "submit", "已补充")
    assert not Form.objects.get(pk=form.pk).returned


def test_withdraw_only_before_anyone_acted(people, imported):
    form = clean_form(imported)
    workflow.act(people.staff, form, "submit", "说明")
    workflow.act(people.staff, Form.objects.get(pk=form.pk), "withdraw")
    assert Form.objects.get(pk=form.pk).status == Status.DRAFT
    workflow.act(people.staff, Form.objects.get(pk=form.pk), "submit", "说明")
    workflow.act(people.reviewer, Form.objects.get(pk=form.pk), "approve")
    with pytest.raises(workflow.WrongState):
        workflow.act(people.staff, Form.objects.get(pk=form.pk), "withdraw")


# The expert round ---------------------------------------------------------------------------------


def test_a_year_that_asks_for_experts_holds_approval_until_the_round_is_done(people, imported):
    form = clean_form(imported)
    BudgetYear.objects.filter(year=form.budget_year_id).update(expert_review=True)
    put_in(form, Status.DEPT_APPROVED)
    with pytest.raises(workflow.Blocked) as held:
        workflow.act(people.admin, Form.objects.get(pk=form.pk), "approve")
    assert held.value.code == "needs_expert_review"
    made = in_round(form, people, done=False)
    workflow.enter_round(people.admin, Form.objects.get(pk=form.pk))
    with pytest.raises(workflow.Blocked) as held:
        workflow.act(people.admin, Form.objects.get(pk=form.pk), "approve")
    assert held.value.code == "round_under_way"
    from django.utils import timezone

    Assignment.objects.filter(round=made).update(submitted_at=timezone.now())
    assert workflow.act(people.admin, Form.objects.get(pk=form.pk), "approve").status == "approved"


def test_only_the_rounds_lead_among_experts_returns_a_form(people, imported):
    from tests.web.conftest import make_user

    form = clean_form(imported)
    made = in_round(form, people, done=False)
    other = make_user("expert2", "expert", people.other_staff.membership.unit)
    Assignment.objects.create(round=made, form=form, expert=other)
    put_in(form, Status.EXPERT_REVIEW)
    with pytest.raises(workflow.NotPermitted):
        workflow.act(other, Form.objects.get(pk=form.pk), "return", COMMENT)
    workflow.act(people.expert, Form.objects.get(pk=form.pk), "return", COMMENT)
    assert Form.objects.get(pk=form.pk).status == Status.DRAFT


# Publication and revision -------------------------------------------------------------------------


def walk_to_published(people, form: Form) -> None:
    for who, action in [
        (people.staff, "submit"),
        (people.reviewer, "approve"),
        (people.admin, "approve"),
        (people.admin, "publish"),
    ]:
        workflow.act(who, Form.objects.get(pk=form.pk), action, "说明")


def test_a_revision_leaves_the_published_version_public_until_it_is_published(people, imported):
    form = clean_form(imported)
    walk_to_published(people, form)
    first = Form.objects.get(pk=form.pk).publication
    assert (first.number, first.revision, first.project_name) == (1, 0, form.project_name)
    workflow.act(people.staff, Form.objects.get(pk=form.pk), "revise", "年中调整")
    row = Form.objects.get(pk=form.pk)
    assert (row.status, row.revision, row.publication_id) == (Status.DRAFT, 1, first.pk)
    saved = editing.save(
        row,
        to_core(row).with_changes(project_name="科普工作（调整）"),
        [],
        row.version,
        people.staff,
    )
    anon = Client()
    portal = anon.get(reverse("portal:form", args=[form.pk])).content.decode()
    assert form.project_name in portal and "科普工作（调整）" not in portal
    assert "科普工作（调整）" not in anon.get(reverse("portal:index")).content.decode()
    walk_to_published(people, saved.form)
    second = Form.objects.get(pk=form.pk).publication
    assert (second.number, second.revision, second.project_name) == (2, 1, "科普工作（调整）")
    portal = anon.get(reverse("portal:form", args=[form.pk])).content.decode()
    assert "科普工作（调整）" in portal and "公开版本" in portal  # the version history
    assert "?v=1" in portal and "?v=2" in portal
    old = anon.get(reverse("portal:form", args=[form.pk]) + "?v=1").content.decode()
    assert "已被后来的调整取代" in old and "科普工作（调整）" not in old.split("<main", 1)[-1]
    assert anon.get(reverse("portal:form", args=[form.pk]) + "?v=9").status_code == 404
    assert Publication.objects.filter(form=form).count() == 2


def test_a_form_once_published_is_never_deleted(people, imported):
    form = clean_form(imported)
    walk_to_published(people, form)
    workflow.act(people.staff, Form.objects.get(pk=form.pk), "revise")
    with pytest.raises(workflow.Blocked):
        workflow.delete_draft(people.staff, Form.objects.get(pk=form.pk))
    assert Form.objects.filter(pk=form.pk).exists()


def test_the_history_shows_every_step_with_its_comment(people, imported):
    form = clean_form(imported)
    workflow.act(people.staff, form, "submit", "说明")
    workflow.act(people.reviewer, Form.objects.get(pk=form.pk), "return", COMMENT)
    events = AuditEvent.objects.filter(form=form).order_by("id")
    assert [(e.action, e.comment) for e in events][-2:] == [("submit", "说明"), ("return", COMMENT)]


# Two people at once (PostgreSQL) ------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("stage", "pair"),
    [
        (Status.SUBMITTED, (("reviewer", "approve"), ("staff", "withdraw"))),
        (Status.SUBMITTED, (("reviewer", "approve"), ("reviewer", "return"))),
        (Status.APPROVED, (("admin", "publish"), ("admin", "publish"))),  # a double click
        (Status.DEPT_APPROVED, (("admin", "return"), ("admin", "approve"))),
    ],
)
def test_two_people_acting_at_once_end_in_one_consistent_state(people, imported, stage, pair):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite runs one writer at a time: the race needs PostgreSQL")
    form = clean_form(imported)
    put_in(form, stage)
    events = AuditEvent.objects.filter(form_id=form.pk).count()
    start = threading.Barrier(len(pair))
    results: list[tuple[str, str, str]] = []

    def run(role: str, action: str) -> None:
        try:
            user = getattr(people, role)
            row = Form.objects.get(pk=form.pk)
            start.wait()
            try:
                results.append((role, action, workflow.act(user, row, action, COMMENT).status))
            except workflow.WrongState:
                results.append((role, action, "refused"))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=step) for step in pair]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    won = [r for r in results if r[2] != "refused"]
    assert len(results) == 2 and len(won) == 1, results
    row = Form.objects.get(pk=form.pk)
    assert row.status == won[0][2]
    new = AuditEvent.objects.filter(form_id=form.pk).order_by("id")[events:]
    assert [e.action for e in new] == [won[0][1]]
    assert Publication.objects.filter(form=form).count() == (1 if won[0][1] == "publish" else 0)


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_returned_forms_as_returned_drafts_and_publishes_the_published(
    imported,
):
    """Forms stored before the stages: `returned` becomes a draft that came back; a published
    form gets its first publication, as it stood, so the portal goes on showing it."""
    from django.core.management import call_command
    from django.db.migrations.executor import MigrationExecutor

    returned, published = imported.forms[0], imported.forms[1]
    call_command("migrate", "goals", "0009", verbosity=0)
    old = MigrationExecutor(connection).loader.project_state(("goals", "0009_indicator_key")).apps
    old_form = old.get_model("goals", "Form")
    old_form._base_manager.filter(pk=returned.pk).update(status="returned")
    old_form._base_manager.filter(pk=published.pk).update(status="published")
    call_command("migrate", verbosity=0)
    back = Form.objects.get(pk=returned.pk)
    assert (back.status, back.returned) == (Status.DRAFT, True)
    shown = Form.objects.get(pk=published.pk)
    assert shown.status == Status.PUBLISHED and shown.publication.number == 1
    assert shown.publication.project_name == published.project_name
    assert Client().get(reverse("portal:form", args=[published.pk])).status_code == 200
