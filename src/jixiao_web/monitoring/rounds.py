"""Monitoring rounds for the pages (docs/evaluation.md, "Monitoring in the app"): finance opens
one for a budget year as of a month (one open round per year and month) and closes it; the
units whose forms it covers hear of it. Every change is audited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from jixiao_web.accounts import permissions as perm
from jixiao_web.accounts.models import Role
from jixiao_web.forms.models import Form, Status
from jixiao_web.monitoring.models import Entry, Round
from jixiao_web.services import notices
from jixiao_web.services.audit import record
from jixiao_web.units.models import BudgetYear

MONITORED = (Status.APPROVED, Status.PUBLISHED)


class Refused(Exception):
    """A request about a round or an entry that is not done, with the reason for people."""


def covered(round_: Round) -> QuerySet[Form]:
    """The forms of the round: its year's approved and published forms, and any form that has
    an entry in it already (a form reopened for revision keeps what its unit entered)."""
    entered = Entry.objects.filter(round=round_, form=OuterRef("pk"))
    return Form.objects.filter(budget_year_id=round_.budget_year_id).filter(
        Q(status__in=MONITORED) | Exists(entered)
    )


def open_round(user: Any, year: int, month: int) -> Round:
    """A new open round; refused without a budget year of that number, a month outside 1–12,
    or when one is open already for that year and month."""
    perm.require(perm.may_administer(user))
    if not 1 <= month <= 12:
        raise Refused(_("截至月份应为 1–12：%(m)s") % {"m": month})
    if not BudgetYear.objects.filter(year=year).exists():
        raise Refused(_("没有 %(y)s 预算年度。") % {"y": year})
    try:
        with transaction.atomic():
            made = Round.objects.create(budget_year_id=year, month=month, created_by=user)
            record("monitoring_open", user, data=_about(made))
    except IntegrityError:
        raise Refused(
            _("%(y)s 年截至 %(m)s 月的监控批次已在填报中。") % {"y": year, "m": month}
        ) from None
    _tell_units(made)
    return made


def _about(round_: Round) -> dict[str, Any]:
    return {"round": round_.pk, "year": round_.budget_year_id, "month": round_.month}


def _tell_units(round_: Round) -> None:
    """The staff of every unit with a form in the round hear that it is open."""
    units = covered(round_).values("unit_id")
    staff = User.objects.filter(
        is_active=True, membership__role=Role.STAFF, membership__unit_id__in=units
    )
    text = _("绩效运行监控已开始：%(y)s 年度截至 %(m)s 月，请填报本单位项目的执行情况。") % {
        "y": round_.budget_year_id,
        "m": round_.month,
    }
    notices.notify(staff, "monitoring", text, None, reverse("monitoring:round", args=[round_.pk]))


def close_round(user: Any, round_: Round) -> None:
    perm.require(perm.may_administer(user))
    with transaction.atomic():
        closed = Round.objects.filter(pk=round_.pk, state=Round.State.OPEN).update(
            state=Round.State.CLOSED, closed_at=timezone.now()
        )
        if not closed:
            raise Refused(_("该监控批次已结束。"))
        record("monitoring_close", user, data=_about(round_))


def return_entry(user: Any, entry: Entry, comment: str) -> None:
    """Finance sends a handed-in entry back to its unit, saying why (required)."""
    perm.require(perm.may_administer(user))
    if not comment.strip():
        raise Refused(_("退回须填写意见。"))
    if len(comment) > 2000:
        raise Refused(_("意见最多 2000 字。"))
    with transaction.atomic():
        back = Entry.objects.filter(
            pk=entry.pk, state=Entry.State.HANDED_IN, round__state=Round.State.OPEN
        ).update(state=Entry.State.DRAFT, returned=True, return_comment=comment, handed_in_at=None)
        if not back:
            raise Refused(_("只能退回已提交且批次仍在填报中的监控表。"))
        data = {**_about(entry.round), "form": entry.form_id}
        record("monitoring_return", user, form=entry.form, comment=comment, data=data)
    text = _("“%(f)s”的运行监控表被退回：%(c)s") % {
        "f": entry.form.project_name or f"#{entry.form_id}",
        "c": comment[:200],
    }
    link = reverse("monitoring:entry", args=[entry.round_id, entry.form_id])
    notices.notify(notices.unit_staff(entry.form), "monitoring", text, entry.form, link)
