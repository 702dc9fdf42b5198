"""A self-evaluation's life (docs/evaluation.md, *Self-evaluation in the app*): opened by finance
for a year, saved as typed, submitted, returned, approved, published.

As for the goals (`services.workflow`): who may is `accounts.permissions` (`SELFEVAL_STEPS`);
each change is one conditional UPDATE on the stage (and for a save or a submission the version)
its checks saw, with its audit event and notices in the same transaction; the refusals are the
goals' (`NotPermitted`, `WrongState`, `Blocked`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jixiao.evaluation.findings import UNEXPLAINED
from jixiao.review.model import Severity
from jixiao_web.accounts import permissions as perm
from jixiao_web.accounts.models import Role
from jixiao_web.forms.models import AuditEvent, Form, Status
from jixiao_web.selfeval.models import SelfEval
from jixiao_web.services import notices
from jixiao_web.services import selfeval as entry
from jixiao_web.services.audit import event, record
from jixiao_web.services.workflow import Blocked, Moved, NotPermitted, WrongState

# the goal forms a self-evaluation is opened for: those finance approved
EVALUATED = (Status.APPROVED, Status.PUBLISHED)


def can_view(user: Any, se: SelfEval) -> bool:
    """Finance, the department's reviewers and the unit's staff: who sees the goal form, but
    no expert (there is no expert round of a self-evaluation)."""
    return perm.role(user) != Role.EXPERT and perm.can_view(user, se.form)


def edits(user: Any, se: SelfEval) -> bool:
    """Whether the user edits `se` when it is a draft: the unit's staff or finance, as the
    goal form's draft (`permissions.edits_drafts`)."""
    return perm.edits_drafts(user, se.form)


def can_edit(user: Any, se: SelfEval) -> bool:
    return se.status == Status.DRAFT and edits(user, se)


def visible(user: Any) -> Any:
    """The self-evaluations the user sees (`can_view`), their forms and units fetched along."""
    if perm.role(user) in (None, Role.EXPERT):
        return SelfEval.objects.none()
    forms = perm.visible_forms(user)
    return SelfEval.objects.filter(form__in=forms).select_related("form", "form__unit")


def open_year(user: Any, year: int) -> int:
    """Open self-evaluation of `year`: a draft for each approved or published goal form of the
    year that has none yet; how many were opened. Finance only (`NotPermitted`)."""
    if not perm.may_administer(user):
        raise NotPermitted
    try:
        return _open(user, year)
    except IntegrityError:  # opened at the same moment by another request (a double click)
        return _open(user, year)  # that one has committed: open what it left, if anything


def _open(user: Any, year: int) -> int:
    with transaction.atomic():
        have = SelfEval.objects.filter(year=year).values("form_id")
        forms = Form.objects.filter(budget_year_id=year, status__in=EVALUATED)
        due = forms.exclude(pk__in=have).values_list("pk", flat=True)
        made = SelfEval.objects.bulk_create(
            SelfEval(form_id=pk, year=year, updated_by=user) for pk in due
        )
        events = [event("selfeval_open", user, form_id=s.form_id, data=_about(s, 1)) for s in made]
        AuditEvent.objects.bulk_create(events)
    return len(made)


def _about(se: SelfEval, version: int) -> dict[str, Any]:
    """What an audit event of a self-evaluation says of it. The event is filed under the goal
    form, but not with the form's `version`: that one names the form's own snapshots, which the
    editor's merge takes as its base (`services.editing`)."""
    return {"selfeval": se.pk, "year": se.year, "version": version}


@dataclass
class Conflict(Exception):
    """Someone saved since the page was loaded: nothing was written; `current` is theirs."""

    current: SelfEval


class Frozen(Exception):
    """The self-evaluation is no draft any more: nothing was written."""


def save(user: Any, se: SelfEval, entries: entry.Entries, version: int) -> int:
    """Store `entries` as typed if `se` is still the draft at `version`; the new version."""
    if not edits(user, se):
        raise NotPermitted
    ev = entry.evaluation_of(entry.table_of(se, entries))
    with transaction.atomic():
        changed = SelfEval.objects.filter(pk=se.pk, version=version, status=Status.DRAFT).update(
            funds=dict(entries.funds),
            actual_goal=entries.actual_goal,
            rows={k: dict(v) for k, v in entries.rows.items()},
            score=ev.score,
            grade=ev.grade,
            rate=ev.execution.rate,
            version=F("version") + 1,
            updated_by=user,
            updated_at=timezone.now(),
        )
        current = SelfEval.objects.select_related("form").get(pk=se.pk)
        if not changed:
            raise Conflict(current) if current.status == Status.DRAFT else Frozen()
        typed = {"funds": current.funds, "actual_goal": current.actual_goal, "rows": current.rows}
        data = {**_about(current, current.version), "entries": typed}
        record("selfeval_edit", user, form=se.form, data=data)
    return current.version


def refusal(user: Any, se: SelfEval, action: str) -> str | None:
    """Why the user may not take `action` now ("role", "stage"), or None: the goals' refusal
    (`permissions.stage_refusal`) over the self-evaluation's steps."""
    if not can_view(user, se):
        return "role"
    return perm.stage_refusal(user, action, se.status, perm.SELFEVAL_STEPS)


def allowed_actions(user: Any, se: SelfEval) -> list[str]:
    if not can_view(user, se):
        return []
    steps = perm.SELFEVAL_STEPS
    return [
        a for a in perm.SELFEVAL_ACTIONS if perm.stage_refusal(user, a, se.status, steps) is None
    ]


def act(user: Any, se: SelfEval, action: str, comment: str = "") -> Moved:
    comment = (comment or "").strip()
    why = refusal(user, se, action)
    if why is not None:
        raise NotPermitted if why == "role" else WrongState(action, se.status)
    step = perm.step_for(user, action, se.status, perm.SELFEVAL_STEPS)
    assert step is not None  # no refusal: there is a step
    if action == "submit":
        check_submission(se)
    if action in perm.COMMENT_REQUIRED and not comment:
        raise Blocked("comment_required", _("退回时必须填写退回意见，说明需要修改的内容。"))
    with transaction.atomic():
        rows = SelfEval.objects.filter(pk=se.pk, status=se.status)
        if action == "submit":  # what was checked is what is submitted
            rows = rows.filter(version=se.version)
        changes = _changes(se, action, comment)
        if not rows.update(status=step.target, updated_at=timezone.now(), **changes):
            raise WrongState(action, _status_now(se))
        data = _about(se, se.version)
        record(f"selfeval_{action}", user, form=se.form, comment=comment, data=data)
        _tell(se, action, comment)
    return Moved(step.target, se.version)


def check_submission(se: SelfEval) -> None:
    """Refused while an entry cannot be read, or a deviation is unexplained where the core says
    it must be (a warning of `deviation_unexplained`: far over the target without a reason)."""
    sheet = entry.table_of(se)
    if sheet.errors:
        wrong = [f"{entry.place(sheet, name)}：{text}" for name, text in sheet.errors.items()]
        raise Blocked("bad_entries", _("有无法识别的数字，改正后才能提交："), wrong)
    found = entry.evaluation_of(sheet).findings
    unexplained = [
        str(f.message)
        for f in found
        if f.category == UNEXPLAINED and f.severity is Severity.WARNING
    ]
    if unexplained:
        message = _("以下指标偏差较大，须填写偏差原因分析及改进措施后才能提交：")
        raise Blocked("deviation_unexplained", message, unexplained)


def _changes(se: SelfEval, action: str, comment: str) -> dict[str, Any]:
    if action == "return":
        return {"returned": True, "return_comment": comment}
    if action == "submit":
        return {"returned": False}
    if action == "publish":
        sheet = entry.table_of(se)
        frozen = entry.shown(entry.evaluation_of(sheet), sheet.keys)
        return {"published": frozen, "published_at": timezone.now()}
    return {}


def _tell(se: SelfEval, action: str, comment: str) -> None:
    """Notices as for the goals: a return to the unit's staff, a submission to its reviewers."""
    link = reverse("selfeval:page", args=[se.pk])
    name = se.form.project_name or f"#{se.form_id}"
    if action == "return":
        text = _("“%(name)s”的绩效自评被退回：%(comment)s") % {"name": name, "comment": comment}
        notices.notify(notices.unit_staff(se.form), "return", text, se.form, link)
    elif action == "submit":
        text = _("“%(name)s”的绩效自评已提交，等待审核。") % {"name": name}
        notices.notify(notices.reviewers(se.form), "submit", text, se.form, link)


def _status_now(se: SelfEval) -> str:
    return SelfEval.objects.filter(pk=se.pk).values_list("status", flat=True).first() or "deleted"
