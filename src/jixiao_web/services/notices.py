"""In-app notices (站内通知): who hears of a return, a comment, an assignment (docs/workflow.md)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Q
from django.utils import timezone

from jixiao_web.accounts.models import Role
from jixiao_web.comments.models import Notice
from jixiao_web.forms.models import Form


def notify(
    users: Iterable[Any], kind: str, text: str, form: Form | None = None, link: str = ""
) -> int:
    """A notice for each user (each once, inactive users left out); the number written."""
    seen: dict[int, Any] = {u.pk: u for u in users if u is not None and u.is_active}
    Notice.objects.bulk_create(
        Notice(user_id=pk, kind=kind, form=form, text=text, link=link) for pk in seen
    )
    return len(seen)


def unit_staff(form: Form) -> Iterable[User]:
    """The staff of the form's unit: those who fill it in."""
    return User.objects.filter(
        is_active=True, membership__role=Role.STAFF, membership__unit_id=form.unit_id
    )


def reviewers(form: Form) -> Iterable[User]:
    """The department reviewers who see the form: of its unit, or of the department over it."""
    units = [form.unit_id, *([form.unit.parent_id] if form.unit.parent_id else [])]
    return User.objects.filter(
        Q(membership__unit_id__in=units), is_active=True, membership__role=Role.REVIEWER
    )


def unread(user: Any) -> int:
    """How many of the user's notices are unread: one query (the header's count)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notice.objects.filter(user_id=user.pk, read_at__isnull=True).count()


def mark_read(user: Any, pk: int | None = None) -> int:
    """Mark the user's notice `pk` (or all of them) read; only their own; how many changed."""
    mine = Notice.objects.filter(user_id=user.pk, read_at__isnull=True)
    if pk is not None:
        mine = mine.filter(pk=pk)
    return mine.update(read_at=timezone.now())
