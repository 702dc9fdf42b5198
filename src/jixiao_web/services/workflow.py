"""A form's life: its status actions and the deletion of a draft, for the pages and the API alike.

Who may do what is `accounts.permissions` (`may_act`, `TRANSITIONS`, `can_edit`); here it is done,
atomically with its audit event (docs/audit.md). Two refusals are kept apart, because a caller
answers them differently (docs/api.md, transitions): `NotPermitted`, the user's role may not;
`WrongState`, the form's status does not allow it, or it changed meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from jixiao_web.accounts import permissions as perm
from jixiao_web.forms.models import Form, Status
from jixiao_web.services.audit import record
from jixiao_web.services.forms import snapshot


class NotPermitted(PermissionDenied):
    """The user may not take this action on this form, whatever its status."""


class WrongState(Exception):
    """The form's status does not allow the action (`status`), or it changed meanwhile."""

    def __init__(self, action: str, status: str) -> None:
        super().__init__(f"{action} not allowed from {status}")
        self.action = action
        self.status = status


@dataclass(frozen=True)
class Moved:
    status: str
    version: int


def act(user: Any, form: Form, action: str, comment: str = "") -> Moved:
    """Take `action` on `form` as `user`, the comment kept in its audit event."""
    if not (perm.can_view(user, form) and perm.may_act(user, action)):
        raise NotPermitted
    sources, target, _roles = perm.TRANSITIONS[action]
    if form.status not in sources:
        raise WrongState(action, form.status)
    with transaction.atomic():
        # only from the status the check saw: a concurrent action cannot be undone by this one
        moved = Form.objects.filter(pk=form.pk, status=form.status).update(
            status=target, updated_at=timezone.now()
        )
        if not moved:
            raise WrongState(action, _status_now(form))
        # a status change keeps the version: it changes no content (docs/editing.md)
        version = Form.objects.values_list("version", flat=True).get(pk=form.pk)
        record(action, user, form=form, version=version, comment=comment)
    return Moved(target, version)


def _status_now(form: Form) -> str:
    return Form.objects.filter(pk=form.pk).values_list("status", flat=True).first() or "deleted"


def delete_draft(user: Any, form: Form) -> None:
    """Delete a draft the user may edit; the `delete` event keeps the form as it was, so the
    audit trail still holds all of it (its events stay: they link to no form row)."""
    if not perm.can_edit(user, form):
        raise NotPermitted
    with transaction.atomic():
        row = Form.objects.select_for_update().filter(pk=form.pk).first()
        if row is None or row.status != Status.DRAFT:
            raise WrongState("delete", row.status if row else "deleted")
        record("delete", user, form=row, version=row.version, data=snapshot(row))
        row.delete()
