"""Expert rounds (集中评审) for the pages and for batch actions (docs/workflow.md, "Expert
rounds"): open a round, add forms to it (each moves to `expert_review` with its round entry,
atomically), assign experts automatically (`jixiao.experts.assign`) or by hand, close it.
Who may: the finance administrator; anyone else is `workflow.NotPermitted`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jixiao.experts.assign import ExpertToAssign, FormToAssign, Plan, assign, conflicts
from jixiao_web.accounts import permissions as perm
from jixiao_web.accounts.models import Role
from jixiao_web.experts.models import Assignment, Round, RoundForm
from jixiao_web.forms.models import Form, Status
from jixiao_web.services import notices, workflow


class Refused(Exception):
    """A request about a round that is not done, with the reason for people."""


@dataclass(frozen=True)
class Added:
    """What became of one form asked to join a round: added, or `reason` why not."""

    form: Form
    added: bool
    reason: str = ""


def require_admin(user: Any) -> None:
    if not perm.may_administer(user):
        raise workflow.NotPermitted


def experts() -> QuerySet[User]:
    """Every user whose role is expert, with their membership's unit and profile, if any."""
    return (
        User.objects.filter(membership__role=Role.EXPERT)
        .select_related("membership__unit", "expert_profile")
        .order_by("username")
    )


def open_round(user: Any, **fields: Any) -> Round:
    """A new open round (name, budget_year, experts_per_form, margin, lead)."""
    require_admin(user)
    lead = fields.get("lead")
    if lead is not None and perm.role(lead) != Role.EXPERT:
        raise Refused(_("组长须是评审专家。"))
    return Round.objects.create(created_by=user, **fields)


def _require_open(round_: Round) -> None:
    if Round.objects.filter(pk=round_.pk, state=Round.State.OPEN).count() == 0:
        raise Refused(_("评审批次“%(name)s”已结束，不能再修改。") % {"name": round_.name})


def add_forms(user: Any, round_: Round, forms: Iterable[Form]) -> list[Added]:
    """Each form joins the round and moves to `expert_review`, or is refused with the reason;
    a refused form is left as it was."""
    require_admin(user)
    _require_open(round_)
    return [_add(user, round_, form) for form in forms]


def _add(user: Any, round_: Round, form: Form) -> Added:
    why = _why_not(round_, form)
    if why:
        return Added(form, False, why)
    try:
        with transaction.atomic():
            RoundForm.objects.create(round=round_, form=form)
            workflow.enter_round(user, form)
    except workflow.WrongState as wrong:
        return Added(form, False, _("状态已变为“%(s)s”。") % {"s": _status_label(wrong.status)})
    except IntegrityError:
        return Added(form, False, _("已在本评审批次中。"))
    return Added(form, True)


def _why_not(round_: Round, form: Form) -> str:
    if round_.budget_year_id is not None and form.budget_year_id != round_.budget_year_id:
        return _("不是 %(y)s 年度的表单。") % {"y": round_.budget_year_id}
    if form.status != Status.DEPT_APPROVED:
        return _("只有“主管部门已审核”的表单可以加入评审，此表单为“%(s)s”。") % {
            "s": _status_label(form.status)
        }
    if RoundForm.objects.filter(round=round_, form=form).exists():
        return _("已在本评审批次中。")
    return ""


def _status_label(status: str) -> str:
    return str(dict(Status.choices).get(status, status))


def candidates(round_: Round) -> QuerySet[Form]:
    """The forms that may join the round: department-approved, of its budget year."""
    found = Form.objects.filter(status=Status.DEPT_APPROVED).select_related("unit")
    if round_.budget_year_id is not None:
        found = found.filter(budget_year_id=round_.budget_year_id)
    return found.order_by("unit__name", "project_name", "pk")


def round_forms(round_: Round) -> QuerySet[Form]:
    return Form.objects.filter(round_entries__round=round_).select_related("unit").order_by("pk")


def _form_to_assign(form: Form, has: Iterable[int]) -> FormToAssign:
    words = (form.project_name, form.project_category, form.supervising_department)
    goals = (form.overall_goal, form.annual_goal)
    text = "\n".join(t for t in (*words, *goals) if t)
    return FormToAssign(form.pk, form.unit_id, form.unit.parent_id, text, tuple(has))


def _expert_to_assign(user: User, load: int) -> ExpertToAssign:
    unit = user.membership.unit
    profile = getattr(user, "expert_profile", None)
    fields = tuple(profile.fields) if profile else ()
    return ExpertToAssign(user.pk, unit and unit.pk, unit and unit.parent_id, fields, load)


def pool() -> list[ExpertToAssign]:
    """The active experts with their load: the sheets they have yet to hand in, any round."""
    found = experts().filter(is_active=True).exclude(expert_profile__active=False)
    loads = found.annotate(n=Count("assignments", filter=Q(assignments__submitted_at__isnull=True)))
    return [_expert_to_assign(u, u.n) for u in loads]


def assign_automatically(user: Any, round_: Round) -> Plan:
    """Fill every form of the round up to its number of experts (`jixiao.experts.assign`)."""
    require_admin(user)
    _require_open(round_)
    has: dict[int, list[int]] = {}
    for form_id, expert_id in Assignment.objects.filter(round=round_).values_list("form", "expert"):
        has.setdefault(form_id, []).append(expert_id)
    forms = [_form_to_assign(f, has.get(f.pk, ())) for f in round_forms(round_)]
    plan = assign(forms, pool(), round_.experts_per_form)
    with transaction.atomic():
        for form_id, picked in plan.picks.items():
            for expert_id in picked:
                _assign(round_, form_id, expert_id, automatic=True)
    return plan


def assign_by_hand(user: Any, round_: Round, form: Form, expert: User) -> Assignment:
    """One expert on one form of the round; an expert of its unit or department is refused."""
    require_admin(user)
    _require_open(round_)
    if not RoundForm.objects.filter(round=round_, form=form).exists():
        raise Refused(_("此表单不在本评审批次中。"))
    if perm.role(expert) != Role.EXPERT:
        raise Refused(_("“%(u)s”不是评审专家。") % {"u": expert.get_username()})
    if conflicts(_form_to_assign(form, ()), _expert_to_assign(expert, 0)):
        raise Refused(
            _("专家“%(u)s”与“%(f)s”属同一单位或主管部门，须回避。")
            % {"u": expert.get_username(), "f": form.project_name or f"#{form.pk}"}
        )
    if Assignment.objects.filter(round=round_, form=form, expert=expert).exists():
        raise Refused(_("该专家已分配到此表单。"))
    return _assign(round_, form.pk, expert.pk, automatic=False)


def _assign(round_: Round, form_id: int, expert_id: int, automatic: bool) -> Assignment:
    made = Assignment.objects.create(
        round=round_, form_id=form_id, expert_id=expert_id, automatic=automatic
    )
    form = Form.objects.get(pk=form_id)
    text = _("请为“%(name)s”评分（%(round)s）。") % {
        "name": form.project_name or f"#{form.pk}",
        "round": round_.name,
    }
    link = reverse("experts:sheet", args=[made.pk])
    notices.notify(User.objects.filter(pk=expert_id), "assignment", text, form, link)
    return made


def unassign(user: Any, round_: Round, assignment: Assignment) -> None:
    """Take an expert off a form while their sheet is not handed in."""
    require_admin(user)
    _require_open(round_)
    if assignment.submitted_at is not None:
        raise Refused(_("该专家已提交评分表，不能撤销分配。"))
    assignment.delete()


def close_round(user: Any, round_: Round) -> None:
    require_admin(user)
    closed = Round.objects.filter(pk=round_.pk, state=Round.State.OPEN).update(
        state=Round.State.CLOSED, closed_at=timezone.now()
    )
    if not closed:
        raise Refused(_("评审批次“%(name)s”已结束。") % {"name": round_.name})
