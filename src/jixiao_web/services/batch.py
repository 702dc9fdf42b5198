"""Batch actions on the form list (批量操作, docs/workflow.md): one action on many forms, each
through `services.workflow.act` (never a second path), each in its own transaction, so that a
form refused (its role, its stage, a rule of passage) never stops the others.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from jixiao_web.accounts import permissions as perm
from jixiao_web.experts.models import Round
from jixiao_web.forms.models import Form, Status
from jixiao_web.services import rounds, workflow

MAX_FORMS = 200  # forms per request


@dataclass(frozen=True)
class Outcome:
    """What became of one form: `done` (its stage now `status`), or refused and why."""

    pk: int
    name: str
    done: bool
    message: str
    status: str = ""
    findings: tuple[str, ...] = ()
    seen: bool = True  # False: no form the user may see (not linked)


def _seen(user: Any, ids: Iterable[int]) -> tuple[list[int], dict[int, Form]]:
    """The ids asked for (in their order, each once) and those of them the user may see."""
    wanted = list(dict.fromkeys(ids))
    return wanted, perm.visible_forms(user).select_related("unit").in_bulk(wanted)


def run(user: Any, ids: Iterable[int], action: str, comment: str = "") -> list[Outcome]:
    """Take `action` on each form of `ids` (in their order, each once) as `user`."""
    wanted, found = _seen(user, ids)
    return [_one(user, found.get(pk), pk, action, comment) for pk in wanted]


def to_round(user: Any, ids: Iterable[int], round_: Round) -> list[Outcome]:
    """Add the forms of `ids` to the expert round (`services.rounds.add_forms`, which moves each
    to `expert_review` on its own); `rounds.Refused` when the round is closed (nothing done)."""
    wanted, found = _seen(user, ids)
    added = {
        a.form.pk: a
        for a in rounds.add_forms(user, round_, [found[pk] for pk in wanted if pk in found])
    }
    return [_joined(added.get(pk), pk, round_) for pk in wanted]


def _joined(added: rounds.Added | None, pk: int, round_: Round) -> Outcome:
    if added is None:
        return Outcome(pk, f"#{pk}", False, _("表单不存在，或您无权查看。"), seen=False)
    name = added.form.project_name or f"#{pk}"
    if not added.added:
        return Outcome(pk, name, False, added.reason)
    message = _("已加入评审批次“%(round)s”，现为“专家评审”。") % {"round": round_.name}
    return Outcome(pk, name, True, message, Status.EXPERT_REVIEW)


def _one(user: Any, form: Form | None, pk: int, action: str, comment: str) -> Outcome:
    if form is None:  # as for a single form: one not seen is not said to exist
        return Outcome(pk, f"#{pk}", False, _("表单不存在，或您无权查看。"), seen=False)
    name = form.project_name or f"#{pk}"
    try:
        moved = workflow.act(user, form, action, comment)
    except workflow.NotPermitted:
        return Outcome(pk, name, False, _("您的角色不能对此表单执行此操作。"))
    except workflow.WrongState as refused:
        status = dict(Status.choices).get(refused.status, refused.status)
        message = _("表单当前状态为“%(status)s”，不能执行此操作。") % {"status": status}
        return Outcome(pk, name, False, message)
    except workflow.Blocked as held:
        return Outcome(pk, name, False, held.message, findings=tuple(held.findings))
    label = str(dict(Status.choices).get(moved.status, moved.status))
    return Outcome(
        pk, name, True, _("已完成，现为“%(status)s”。") % {"status": label}, moved.status
    )
