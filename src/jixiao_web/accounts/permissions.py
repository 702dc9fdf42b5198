"""Who may see and do what. Every view asks here; nothing is decided in templates alone.

- finance administrator: everything;
- department reviewer: the forms of their department and the units under it; return, approve;
- unit staff: the forms of their own unit; edit drafts, submit, withdraw, revise, import;
- expert: reads only the forms they are assigned to in an expert round (never of their own unit
  or department: the assignment refuses those), and scores them; a round's lead (组长) may
  return its forms;
- the public: published forms only, through the portal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from jixiao_web.accounts.models import Membership, Role
from jixiao_web.experts.models import Assignment, Round, RoundForm
from jixiao_web.forms.models import Form, Status
from jixiao_web.units.models import BudgetYear


def membership(user: Any) -> Membership | None:
    if not getattr(user, "is_authenticated", False):
        return None
    if user.is_superuser:
        return Membership(user=user, role=Role.ADMIN)
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None


def role(user: Any) -> str | None:
    found = membership(user)
    return found.role if found else None


def unit_ids(user: Any) -> list[int] | None:
    """The units whose forms the user may see; None means all (administrator)."""
    found = membership(user)
    if found is None:
        return []
    if found.role == Role.ADMIN:
        return None
    if found.role == Role.EXPERT:
        return sorted(set(assigned_forms(user).values_list("unit_id", flat=True)))
    if found.unit is None:
        return []
    if found.role == Role.REVIEWER:
        return found.unit.family_ids()
    return [found.unit.pk]


def assigned_forms(user: Any) -> QuerySet[Form]:
    """The forms an expert is assigned to score, in any round (open or closed), and those of the
    rounds they lead (组长: they may return them)."""
    scored = Assignment.objects.filter(expert_id=user.pk).values("form")
    led = RoundForm.objects.filter(round__lead_id=user.pk).values("form")
    return Form.objects.filter(Q(pk__in=scored) | Q(pk__in=led))


@dataclass(frozen=True)
class Scope:
    """The forms a user sees, as a value: the units included (None: all), and for an expert
    the forms assigned to them (None: no such limit). Equal scopes see the same forms, so its
    key can key a cache (an expert's key changes as soon as their assignments do)."""

    units: frozenset[int] | None
    forms: frozenset[int] | None = None

    def filter(self, forms: QuerySet[Form]) -> QuerySet[Form]:
        if self.units is not None:
            forms = forms.filter(unit_id__in=self.units)
        return forms if self.forms is None else forms.filter(pk__in=self.forms)

    @property
    def key(self) -> str:
        return f"units={_ids(self.units)};forms={_ids(self.forms)}"


def _ids(ids: frozenset[int] | None) -> str:
    return "all" if ids is None else ",".join(map(str, sorted(ids)))


def scope(user: Any) -> Scope:
    found = membership(user)
    if found is not None and found.role == Role.EXPERT:
        return Scope(units=None, forms=frozenset(assigned_forms(user).values_list("pk", flat=True)))
    ids = unit_ids(user)
    return Scope(units=None if ids is None else frozenset(ids))


def visible_forms(user: Any) -> QuerySet[Form]:
    return scope(user).filter(Form.objects.all())


def can_view(user: Any, form: Form) -> bool:
    return visible_forms(user).filter(pk=form.pk).exists()


def can_edit(user: Any, form: Form) -> bool:
    """Only a draft is edited (docs/workflow.md, rules of passage): by the staff of its unit, or
    the administrator. Submitted, approved and published forms are frozen."""
    return form.status == Status.DRAFT and edits_drafts(user, form)


def edits_drafts(user: Any, form: Form) -> bool:
    """Whether the user edits this form when it is a draft (whatever its stage now)."""
    who = role(user)
    return who == Role.ADMIN or (who == Role.STAFF and can_view(user, form))


@dataclass(frozen=True)
class Step:
    """One way of taking an action: by `role`, from one of `sources`, to `target`."""

    action: str
    role: str
    sources: tuple[str, ...]
    target: str


# Who may take which action from which stage (docs/workflow.md). An action may have several
# steps (finance approves from later stages than the department's reviewer); `STEP_CHECKS`
# below add what the form's own circumstances require.
STEPS: tuple[Step, ...] = (
    Step("submit", Role.STAFF, (Status.DRAFT,), Status.SUBMITTED),
    Step("withdraw", Role.STAFF, (Status.SUBMITTED,), Status.DRAFT),
    Step("return", Role.REVIEWER, (Status.SUBMITTED,), Status.DRAFT),
    Step("approve", Role.REVIEWER, (Status.SUBMITTED,), Status.DEPT_APPROVED),
    Step("return", Role.EXPERT, (Status.EXPERT_REVIEW,), Status.DRAFT),
    Step(
        "return",
        Role.ADMIN,
        (Status.SUBMITTED, Status.DEPT_APPROVED, Status.EXPERT_REVIEW, Status.APPROVED),
        Status.DRAFT,
    ),
    Step("approve", Role.ADMIN, (Status.DEPT_APPROVED, Status.EXPERT_REVIEW), Status.APPROVED),
    Step("publish", Role.ADMIN, (Status.APPROVED,), Status.PUBLISHED),
    Step("revise", Role.STAFF, (Status.PUBLISHED,), Status.DRAFT),
)
ACTIONS: tuple[str, ...] = tuple(dict.fromkeys(step.action for step in STEPS))
# actions whose comment is required (a return says why)
COMMENT_REQUIRED = frozenset({"return"})

# A self-evaluation's life (绩效自评, docs/evaluation.md): the goals' stages without the expert
# round; its stage values are the goals' own (`SelfEval.status`).
SELFEVAL_STEPS: tuple[Step, ...] = (
    Step("submit", Role.STAFF, (Status.DRAFT,), Status.SUBMITTED),
    Step("withdraw", Role.STAFF, (Status.SUBMITTED,), Status.DRAFT),
    Step("return", Role.REVIEWER, (Status.SUBMITTED,), Status.DRAFT),
    Step("approve", Role.REVIEWER, (Status.SUBMITTED,), Status.DEPT_APPROVED),
    Step(
        "return",
        Role.ADMIN,
        (Status.SUBMITTED, Status.DEPT_APPROVED, Status.APPROVED),
        Status.DRAFT,
    ),
    Step("approve", Role.ADMIN, (Status.DEPT_APPROVED,), Status.APPROVED),
    Step("publish", Role.ADMIN, (Status.APPROVED,), Status.PUBLISHED),
)
SELFEVAL_ACTIONS: tuple[str, ...] = tuple(dict.fromkeys(s.action for s in SELFEVAL_STEPS))


def step_for(user: Any, action: str, status: str, steps: tuple[Step, ...] = STEPS) -> Step | None:
    """The step of `steps` by which the user's role takes `action` from `status`, if any."""
    who = role(user)
    return next(
        (s for s in steps if s.action == action and s.role == who and status in s.sources), None
    )


def may_act(user: Any, action: str, steps: tuple[Step, ...] = STEPS) -> bool:
    """Whether the user's role may take `action` at all, whatever the stage."""
    who = role(user)
    return any(s.action == action and s.role == who for s in steps)


def stage_refusal(
    user: Any, action: str, status: str, steps: tuple[Step, ...] = STEPS
) -> str | None:
    """ "role" (the user's role never takes `action` in `steps`), "stage" (not from `status`), or
    None: the part of a refusal that the step table alone decides."""
    if not may_act(user, action, steps):
        return "role"
    return None if step_for(user, action, status, steps) else "stage"


def _round_lead(user: Any, form: Form) -> bool:
    """An expert returns a form only as the lead (组长) of the open round it is in."""
    return RoundForm.objects.filter(
        form=form, round__state=Round.State.OPEN, round__lead_id=user.pk
    ).exists()


def round_done(form: Form) -> bool:
    """The form's expert round is over (`rounds_done`)."""
    return rounds_done(Form.objects.filter(pk=form.pk)).exists()


def rounds_done(forms: QuerySet[Form]) -> QuerySet[Form]:
    """The forms whose latest expert round is over: closed, or every assigned expert handed in
    a sheet (and there was one). One query however many forms (the dashboard's to-do)."""
    latest = RoundForm.objects.filter(form=OuterRef("pk")).order_by("-added_at", "-id")
    forms = forms.annotate(
        latest_round=Subquery(latest.values("round_id")[:1]),
        latest_state=Subquery(latest.values("round__state")[:1]),
    )
    sheets = Assignment.objects.filter(round_id=OuterRef("latest_round"), form=OuterRef("pk"))
    handed_in = Exists(sheets) & ~Exists(sheets.filter(submitted_at__isnull=True))
    return forms.filter(Q(latest_state=Round.State.CLOSED) | handed_in)


def needs_experts(form: Form) -> bool:
    """The form's budget year asks for an expert round before finance approves (专家评审)."""
    return BudgetYear.objects.filter(year=form.budget_year_id, expert_review=True).exists()


def circumstances_allow(user: Any, form: Form, step: Step) -> bool:
    """What the form's own circumstances add to a step its role and stage allow."""
    if step.role == Role.EXPERT:
        return _round_lead(user, form)
    if step.action == "approve" and step.role == Role.ADMIN:
        if form.status == Status.EXPERT_REVIEW:
            return round_done(form)
        return not needs_experts(form)
    return True


def refusal(user: Any, form: Form, action: str) -> str | None:
    """Why the user may not take `action` on `form` now, or None if they may: "role" (their
    role never may, or may only as a round's lead), "stage" (not from the form's stage),
    "circumstances" (an expert round is still to come or under way)."""
    return _refusal(user, form, action) if can_view(user, form) else "role"


def _refusal(user: Any, form: Form, action: str) -> str | None:
    """`refusal` of a form the user sees."""
    why = stage_refusal(user, action, form.status)
    if why is not None:
        return why
    step = step_for(user, action, form.status)
    assert step is not None  # no refusal by the table: there is a step
    if not circumstances_allow(user, form, step):
        return "role" if step.role == Role.EXPERT else "circumstances"
    return None


def allowed_actions(user: Any, form: Form) -> list[str]:
    """The actions the user may take on `form` now: their role may, its stage allows, and its
    circumstances (expert round, the year's settings) too. Whether the user sees the form is
    asked once, not once per action (the form's page draws this on every view)."""
    if not can_view(user, form):
        return []
    return [action for action in ACTIONS if _refusal(user, form, action) is None]


def can_create(user: Any) -> bool:
    """Staff create forms of their unit; the administrator of any unit."""
    found = membership(user)
    if found is None:
        return False
    return found.role == Role.ADMIN or (found.role == Role.STAFF and found.unit_id is not None)


def can_import(user: Any) -> bool:
    return role(user) in (Role.ADMIN, Role.STAFF)


def may_manage_units(user: Any) -> bool:
    """Only the finance administrator creates units, moves them between departments, merges them.

    `None` is a command run on the server (the CLI's management commands, `make run`'s sample).
    """
    return user is None or role(user) == Role.ADMIN


def may_administer(user: Any) -> bool:
    """The pages of users and units (`/manage/`, jixiao_web.people), and the expert pool and
    rounds (`/rounds/`, services.rounds): the finance administrator (superusers included) only."""
    return role(user) == Role.ADMIN


def own_unit(user: Any) -> Any:
    """The unit unit staff file their forms under (their membership's), or None."""
    found = membership(user)
    return found.unit if found and found.role == Role.STAFF else None


def sees_monitoring(user: Any) -> bool:
    """Monitoring rounds and lights (docs/evaluation.md): finance, department reviewers and unit
    staff, each over the forms they see (`monitoring_forms`); not experts."""
    return role(user) in (Role.ADMIN, Role.REVIEWER, Role.STAFF)


def monitoring_forms(user: Any) -> QuerySet[Form]:
    """The forms whose monitoring entries and lights the user sees."""
    return visible_forms(user) if sees_monitoring(user) else Form.objects.none()


def enters_monitoring(user: Any, form: Form) -> bool:
    """Only the staff of the form's own unit fill in and hand in its monitoring entry."""
    return role(user) == Role.STAFF and can_view(user, form)


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def can_follow_batch(user: Any, batch: Any) -> bool:
    """An import batch's page and its progress: whoever imported it, and the administrators."""
    return role(user) == Role.ADMIN or batch.created_by_id == user.pk
