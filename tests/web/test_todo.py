"""The dashboard's to-do (待办): per role, each count equals the count of the list it links to,
and each list holds exactly the forms the permission functions say wait for that user."""

from __future__ import annotations

import re

import pytest
from django.db import transaction
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao_web.accounts import permissions as perm
from jixiao_web.dashboard.todo import waiting
from jixiao_web.experts.models import Assignment, Round, RoundForm
from jixiao_web.forms.models import Form, Status
from jixiao_web.services import listing, workflow
from jixiao_web.units.models import BudgetYear

from .conftest import make_user, put_in

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _listed(user, link: str) -> int:
    """The count the list page says for the to-do's link."""
    page = _client(user).get(link).content.decode()
    return int(re.search(r"共 (\d+) 张表", page).group(1))


def _round(form: Form, state: str, sheets: list[bool], experts: list) -> Round:
    made = Round.objects.create(name="批次", state=state)
    RoundForm.objects.create(round=made, form=form)
    for expert, handed_in in zip(experts, sheets, strict=False):
        done = timezone.now() if handed_in else None
        Assignment.objects.create(round=made, form=form, expert=expert, submitted_at=done)
    return made


@pytest.fixture
def stages(people, imported):
    """The seed's fifteen forms spread over every stage, returned drafts, a revision under way,
    rounds done and under way, and sheets of `people.expert` handed in or not."""
    forms = [Form.objects.get(pk=f.pk) for f in imported.forms]
    plan = [Status.DRAFT] * 3 + [Status.SUBMITTED] * 2 + [Status.DEPT_APPROVED] * 2
    plan += [Status.EXPERT_REVIEW] * 3 + [Status.APPROVED] * 2 + [Status.PUBLISHED] * 3
    for form, status in zip(forms, plan, strict=True):
        put_in(form, status)
    Form.objects.filter(pk__in=[forms[0].pk, forms[1].pk]).update(returned=True)
    ours = [forms[n].pk for n in (1, 3, 5, 10, 12, 13)]  # the staff's unit: some of each
    Form.objects.filter(pk__in=ours).update(unit=forms[0].unit)
    workflow.act(people.staff, Form.objects.get(pk=forms[12].pk), "revise")  # 调整 under way
    other = make_user("expert2", "expert", people.other_staff.membership.unit)
    _round(forms[7], Round.State.OPEN, [True, True], [people.expert, other])  # done
    _round(forms[8], Round.State.OPEN, [False, True], [people.expert, other])  # under way
    _round(forms[9], Round.State.CLOSED, [False], [other])  # closed: done
    return [Form.objects.get(pk=f.pk) for f in forms]


def _expected(user, key: str, forms: list[Form]) -> set[int]:
    """What waits for `user`, worked out form by form from the permission functions."""
    mine = [f for f in forms if perm.can_view(user, f)]
    allowed = {
        "review": "approve",
        "approve": "approve",
        "publish": "publish",
    }
    if key in allowed and not (key == "approve" and perm.role(user) != "admin"):
        return {f.pk for f in mine if perm.refusal(user, f, allowed[key]) is None}
    rules = {
        "fill": lambda f: f.status == Status.DRAFT,
        "returned": lambda f: f.status == Status.DRAFT and f.returned,
        "revising": lambda f: f.publication_id is not None and f.status != Status.PUBLISHED,
        "to_round": lambda f: f.status == Status.DEPT_APPROVED and perm.needs_experts(f),
        "score": lambda f: Assignment.objects.filter(
            form=f, expert=user, submitted_at__isnull=True, round__state="open"
        ).exists(),
    }
    return {f.pk for f in mine if rules[key](f)}


@pytest.mark.parametrize("who", ["staff", "reviewer", "admin", "expert"])
@pytest.mark.parametrize("experts_year", [False, True])
def test_each_count_is_its_lists_count_and_holds_what_waits(people, stages, who, experts_year):
    BudgetYear.objects.update(expert_review=experts_year)
    user = getattr(people, who)
    found = waiting(user)
    assert found, who
    for w in found:
        listed = listing.apply(perm.visible_forms(user), {"todo": w.todo.key}, user)
        assert {f.pk for f in listed} == _expected(user, w.todo.key, stages), w.todo.key
        assert w.count == _listed(user, w.link) == listed.count()
    assert any(w.count for w in found)  # the seed in several stages: something waits


def test_the_dashboard_shows_returned_drafts_with_their_comment(people, imported):
    form = Form.objects.get(pk=imported.forms[0].pk)
    put_in(form, Status.SUBMITTED)
    workflow.act(people.reviewer, Form.objects.get(pk=form.pk), "return", "请补充产出指标")
    page = _client(people.staff).get("/").content.decode()
    todo = page.split('id="todo"', 1)[1].split("</section>", 1)[0]
    assert "被退回待修改" in todo and "请补充产出指标" in todo
    assert "?todo=returned" in todo


def test_a_user_without_a_role_has_no_todo(people, imported):
    assert waiting(people.nobody) == []
    assert 'id="todo"' not in _client(people.nobody).get("/").content.decode()


SHEETS = st.lists(st.booleans(), max_size=3)
ROUNDS = st.lists(st.tuples(st.sampled_from(["open", "closed"]), SHEETS), max_size=3)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(rounds=ROUNDS)
def test_round_done_follows_the_latest_round_for_any_history(people, imported, rounds):
    """`permissions.rounds_done` (one query for many forms, behind `round_done` and the to-do)
    says what the rule says on any history of rounds (none, several, open or closed, sheets
    handed in or not): the latest round is closed, or it has sheets, all handed in."""
    experts = [people.expert, *(make_or_get(f"ex{n}") for n in range(2))]
    with transaction.atomic():
        form = Form.objects.get(pk=imported.forms[0].pk)
        for state, sheets in rounds:
            _round(form, state, sheets, experts)
        many = perm.rounds_done(Form.objects.filter(pk=form.pk)).exists()
        state, sheets = rounds[-1] if rounds else ("none", [])
        assert many == (state == "closed" or (bool(sheets) and all(sheets)))
        assert perm.round_done(form) == many
        transaction.set_rollback(True)


def make_or_get(name: str):
    from django.contrib.auth.models import User

    found = User.objects.filter(username=name).first()
    return found or make_user(name, "expert")
