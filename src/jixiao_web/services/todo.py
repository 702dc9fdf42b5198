"""待办: what waits for a user, by role (docs/workflow.md, to-do): each a filter of the form list
(`?todo=…`, `services.listing`), so that the dashboard's count is the count of the list it links
to.

- unit staff: drafts to fill, returned drafts (with their return comment), revisions under way;
- department reviewer: forms submitted to them;
- finance: forms to approve now (department-approved in a year without an expert round, or
  after their round is done: `permissions.round_done`), forms to send to an expert round,
  approved forms to publish;
- expert: the score sheets of open rounds not handed in yet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from jixiao_web.accounts import permissions as perm
from jixiao_web.accounts.models import Role
from jixiao_web.experts.models import Assignment, Round
from jixiao_web.forms.models import Form, Status


@dataclass(frozen=True)
class Todo:
    """One kind of to-do: its label and the filter of the forms it holds for `user`."""

    key: str
    label: str | Promise
    filter: Callable[[QuerySet[Form], Any], QuerySet[Form]]


def _status(status: str) -> Callable[[QuerySet[Form], Any], QuerySet[Form]]:
    return lambda forms, user: forms.filter(status=status)


def _to_approve(forms: QuerySet[Form], user: Any) -> QuerySet[Form]:
    """What finance may approve now (`permissions.circumstances_allow`): a department-approved
    form of a year without an expert round, or one whose round is done."""
    ready = forms.filter(status=Status.DEPT_APPROVED).exclude(budget_year__expert_review=True)
    after_round = perm.rounds_done(forms.filter(status=Status.EXPERT_REVIEW))
    return forms.filter(Q(pk__in=ready.values("pk")) | Q(pk__in=after_round.values("pk")))


def _to_round(forms: QuerySet[Form], user: Any) -> QuerySet[Form]:
    return forms.filter(status=Status.DEPT_APPROVED, budget_year__expert_review=True)


def _revising(forms: QuerySet[Form], user: Any) -> QuerySet[Form]:
    return forms.filter(publication__isnull=False).exclude(status=Status.PUBLISHED)


def _to_score(forms: QuerySet[Form], user: Any) -> QuerySet[Form]:
    pk = getattr(user, "pk", None)
    open_sheets = Assignment.objects.filter(
        expert_id=pk, submitted_at__isnull=True, round__state=Round.State.OPEN
    )
    return forms.filter(pk__in=open_sheets.values("form_id"))


TODOS: dict[str, Todo] = {
    t.key: t
    for t in (
        Todo("fill", _("待填报的草稿"), _status(Status.DRAFT)),
        Todo(
            "returned", _("被退回待修改"), lambda f, u: f.filter(status=Status.DRAFT, returned=True)
        ),
        Todo("revising", _("调整中的已公开表单"), _revising),
        Todo("review", _("待审核（已提交）"), _status(Status.SUBMITTED)),
        Todo("approve", _("待批复"), _to_approve),
        Todo("to_round", _("待送专家评审"), _to_round),
        Todo("publish", _("待公开（已批复）"), _status(Status.APPROVED)),
        Todo("score", _("待评分（专家评审）"), _to_score),
    )
}
# each role's to-do on the dashboard, in this order
BY_ROLE: dict[str, tuple[str, ...]] = {
    Role.STAFF: ("fill", "returned", "revising"),
    Role.REVIEWER: ("review",),
    Role.ADMIN: ("approve", "to_round", "publish"),
    Role.EXPERT: ("score",),
}
