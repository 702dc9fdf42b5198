"""A form's life: its stage actions and the deletion of a draft, for the pages and the API alike
(docs/workflow.md).

Who may do what is `accounts.permissions` (`STEPS`, `allowed_actions`, `can_edit`); here it is
done, atomically with its audit event, its comment and its notices. The refusals are kept apart,
because a caller answers them differently (docs/api.md, transitions):
- `NotPermitted`: the user's role may not take the action (or, for an expert, is not the lead);
- `WrongState`: the form's stage does not allow it, or it changed meanwhile;
- `Blocked`: the rules of passage hold it back (error findings, a missing comment or
  explanation, an expert round still to come or under way); it says what and lists the findings.

Every action moves the form only from the stage (and, for `submit`, the version) its checks saw,
in one conditional UPDATE: of two people acting at once, one wins and the other is told.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jixiao.review.model import Severity
from jixiao_web.accounts import permissions as perm
from jixiao_web.accounts.models import Role
from jixiao_web.comments.models import Comment, Kind
from jixiao_web.forms.models import Form, Publication, Status
from jixiao_web.services import comments, notices
from jixiao_web.services.audit import record
from jixiao_web.services.forms import published_copy, snapshot
from jixiao_web.services.reviews import review_of


class NotPermitted(PermissionDenied):
    """The user may not take this action on this form, whatever its stage."""


class WrongState(Exception):
    """The form's stage does not allow the action (`status`), or it changed meanwhile."""

    def __init__(self, action: str, status: str) -> None:
        super().__init__(f"{action} not allowed from {status}")
        self.action = action
        self.status = status


@dataclass
class Blocked(Exception):
    """A rule of passage holds the action back: `code` for programs, `message` for people,
    `findings` the review's messages that are the reason (for `has_errors`, `needs_explanation`)."""

    code: str
    message: str
    findings: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Moved:
    status: str
    version: int


def act(user: Any, form: Form, action: str, comment: str = "") -> Moved:
    """Take `action` on `form` as `user`; a comment is kept with the form (审核意见)."""
    comment = (comment or "").strip()
    step = _step(user, form, action)
    version = form.version
    if action == "submit":
        _check_submission(form, comment)
    if action in perm.COMMENT_REQUIRED and not comment:
        raise Blocked("comment_required", _("退回时必须填写退回意见，说明需要修改的内容。"))
    with transaction.atomic():
        rows = Form.objects.filter(pk=form.pk, status=form.status)
        if action == "submit":  # what was reviewed is what is submitted
            rows = rows.filter(version=version)
        if not rows.update(status=step.target, updated_at=timezone.now(), **_changes(action)):
            raise WrongState(action, _status_now(form))
        row = Form.objects.select_related("unit").get(pk=form.pk)
        if action == "publish":
            _publish(row, user)
        record(action, user, form=row, version=row.version, comment=comment)
        if comment:
            _comment(row, user, action, comment)
        _tell(row, user, action, comment)
    return Moved(step.target, row.version)


def _step(user: Any, form: Form, action: str) -> perm.Step:
    """The step the user takes, or why not (see the module's refusals)."""
    why = perm.refusal(user, form, action)
    if why == "role":
        raise NotPermitted
    if why == "stage":
        raise WrongState(action, form.status)
    if why == "circumstances":
        raise _approval_blocked(form)
    step = perm.step_for(user, action, form.status)
    assert step is not None  # no refusal: there is a step
    return step


def waiting(user: Any, form: Form) -> str:
    """What holds back an approval the user's role could give now on a form they see (the
    year's expert round), to say on the form's page; empty when nothing does."""
    step = perm.step_for(user, "approve", form.status)
    if step is None or perm.circumstances_allow(user, form, step):
        return ""
    return _approval_blocked(form).message


def _approval_blocked(form: Form) -> Blocked:
    if form.status == Status.EXPERT_REVIEW:
        return Blocked("round_under_way", _("专家评审尚未完成：还有专家未提交评分表。"))
    return Blocked(
        "needs_expert_review", _("本预算年度需经专家评审后才能批复，请先将表单加入评审批次。")
    )


def _check_submission(form: Form, explanation: str) -> None:
    """A form with error findings is not submitted; one with warnings only with an explanation."""
    review = review_of(form).forms[0]
    errors = [str(f.message) for f in review.findings if f.severity is Severity.ERROR]
    if errors:
        raise Blocked("has_errors", _("表单有错误，改正后才能提交："), errors)
    warnings = [str(f.message) for f in review.findings if f.severity is Severity.WARNING]
    if warnings and not explanation:
        message = _("表单有警告，提交时请写明说明（为何保留）：")
        raise Blocked("needs_explanation", message, warnings)


def _changes(action: str) -> dict[str, Any]:
    """What an action changes besides the stage."""
    if action == "return":
        return {"returned": True}
    if action == "submit":
        return {"returned": False}
    if action == "revise":
        return {"revision": F("revision") + 1, "returned": False}
    return {}


def _publish(row: Form, user: Any) -> None:
    """Freeze the form as published: the public sees this copy until the next publication."""
    number = row.publications.count() + 1
    name = user.get_username() if getattr(user, "is_authenticated", False) else ""
    made = Publication.objects.create(
        form=row, number=number, published_by=name, **published_copy(row)
    )
    Form.objects.filter(pk=row.pk).update(publication=made)
    row.publication = made


COMMENT_KINDS = {"return": Kind.RETURN, "submit": Kind.EXPLANATION}


def _comment(row: Form, user: Any, action: str, text: str) -> Comment:
    """An action's comment, on the whole form, in its thread of 审核意见."""
    return comments.stored(user, row, text, COMMENT_KINDS.get(action, Kind.ACTION))


def _tell(row: Form, user: Any, action: str, comment: str) -> None:
    """Notices: a return to the unit's staff, a submission to the department's reviewers."""
    link = reverse("forms:detail", args=[row.pk])
    name = row.project_name or f"#{row.pk}"
    if action == "return":
        text = _("“%(name)s”被退回：%(comment)s") % {"name": name, "comment": comment}
        notices.notify(notices.unit_staff(row), "return", text, row, link)
    elif action == "submit":
        text = _("“%(name)s”已提交，等待审核。") % {"name": name}
        notices.notify(notices.reviewers(row), "submit", text, row, link)


def _status_now(form: Form) -> str:
    return Form.objects.filter(pk=form.pk).values_list("status", flat=True).first() or "deleted"


def enter_round(user: Any, form: Form) -> None:
    """Move a department-approved form into the expert review (called when it joins a round,
    in the caller's transaction); `WrongState` when it is not at `dept_approved` any more."""
    if perm.role(user) != Role.ADMIN:
        raise NotPermitted
    moved = Form.objects.filter(pk=form.pk, status=Status.DEPT_APPROVED).update(
        status=Status.EXPERT_REVIEW, updated_at=timezone.now()
    )
    if not moved:
        raise WrongState("expert_review", _status_now(form))
    record("expert_review", user, form=form, version=form.version)


def delete_draft(user: Any, form: Form) -> None:
    """Delete a draft the user may edit (`WrongState` when it is no draft); the `delete` event keeps the form as it was, so the
    audit trail still holds all of it (its events stay: they link to no form row). A form that
    was published once is never deleted: its revision is a draft, but the public sees it."""
    if not perm.edits_drafts(user, form):
        raise NotPermitted
    with transaction.atomic():
        row = Form.objects.select_for_update().filter(pk=form.pk).first()
        if row is None or row.status != Status.DRAFT:
            raise WrongState("delete", row.status if row else "deleted")
        if row.publication_id is not None:
            raise Blocked("published", _("此表单已公开过，不能删除；可以修改后重新提交。"))
        record("delete", user, form=row, version=row.version, data=snapshot(row))
        row.delete()
