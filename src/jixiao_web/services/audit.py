"""The audit trail: who did what, when, to which form, unit or user (docs/audit.md).

Forms are audited where they change (import, edit, status actions) with the actor passed in.
Units and roles change in more places (the import, the editor, Django's admin, a user deleted
with their role), so they are audited by model signals, with the actor of the request or
command under way (`acting_as`; `AuditActorMiddleware` sets it for every web request).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.contrib.auth.models import User
from django.db.models.signals import post_delete, post_save, pre_save
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy

from jixiao_web.accounts.models import Membership
from jixiao_web.forms.models import AuditEvent
from jixiao_web.units.models import Unit

# The actions of the trail (docs/audit.md) as people read them in the history; an action not
# named here is shown by its code.
ACTION_NAMES = {
    "create": gettext_lazy("新建"),
    "import": gettext_lazy("导入"),
    "reimport": gettext_lazy("重新导入（新版本）"),
    "edit": gettext_lazy("修改"),
    "delete": gettext_lazy("删除"),
    "submit": gettext_lazy("提交"),
    "withdraw": gettext_lazy("撤回"),
    "return": gettext_lazy("退回"),
    "approve": gettext_lazy("审核通过"),
    "expert_review": gettext_lazy("转专家评审"),
    "publish": gettext_lazy("公开"),
    "comment": gettext_lazy("意见"),  # comments and replies in the form's history
    "reply": gettext_lazy("回复"),
    "revise": gettext_lazy("调整"),
    # a goal form's self-evaluation (绩效自评, docs/evaluation.md)
    "selfeval_open": gettext_lazy("开展绩效自评"),
    "selfeval_edit": gettext_lazy("修改绩效自评"),
    "selfeval_submit": gettext_lazy("提交绩效自评"),
    "selfeval_withdraw": gettext_lazy("撤回绩效自评"),
    "selfeval_return": gettext_lazy("退回绩效自评"),
    "selfeval_approve": gettext_lazy("审核通过绩效自评"),
    "selfeval_publish": gettext_lazy("公开绩效自评"),
    "unit_create": gettext_lazy("新建单位"),
    "unit_rename": gettext_lazy("单位改名"),
    "unit_move": gettext_lazy("单位移动"),
    "unit_merge": gettext_lazy("单位合并"),
    "unit_dissolve": gettext_lazy("单位撤销"),
    "role_change": gettext_lazy("角色变更"),
    "user_flags": gettext_lazy("用户权限变更"),
    "user_delete": gettext_lazy("删除用户"),
    "token_create": gettext_lazy("生成令牌"),
    "token_revoke": gettext_lazy("撤销令牌"),
    # monitoring (docs/evaluation.md, "Monitoring in the app")
    "monitoring_open": gettext_lazy("开始运行监控"),
    "monitoring_close": gettext_lazy("结束运行监控"),
    "monitoring_save": gettext_lazy("保存运行监控表"),
    "monitoring_hand_in": gettext_lazy("提交运行监控表"),
    "monitoring_return": gettext_lazy("退回运行监控表"),
}


def action_name(action: str) -> str:
    """An audit action as people read it, in the page's language (`submit` → 提交)."""
    return str(ACTION_NAMES.get(action, action))


# The user on whose behalf the current request or command acts (per thread and task, never
# shared between requests).
_actor: ContextVar[Any] = ContextVar("jixiao_audit_actor", default=None)


@contextmanager
def acting_as(user: Any) -> Iterator[None]:
    """Changes made inside are recorded as made by `user`."""
    token = _actor.set(user)
    try:
        yield
    finally:
        _actor.reset(token)


def _who(actor: Any) -> tuple[int | None, str]:
    actor = _actor.get() if actor is None else actor
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None, ""
    return actor.pk, actor.get_username()


def event(action: str, actor: Any = None, **fields: Any) -> AuditEvent:
    """An unsaved event (for `bulk_create`); `fields` are form, unit, version, data, comment."""
    actor_id, actor_name = _who(actor)
    return AuditEvent(action=action, actor_id=actor_id, actor_name=actor_name, **fields)


def record(action: str, actor: Any = None, **fields: Any) -> AuditEvent:
    made = event(action, actor, **fields)
    made.save()
    return made


class AuditActorMiddleware:
    """Record the signed-in user as the actor of whatever the request changes."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with acting_as(getattr(request, "user", None)):
            return self.get_response(request)


# Units: created, renamed, moved between departments.


def _unit_before(sender: Any, instance: Unit, **kwargs: Any) -> None:
    old = Unit.objects.filter(pk=instance.pk).values("name", "parent__name").first()
    instance._audit_before = old  # type: ignore[attr-defined]


def _unit_after(sender: Any, instance: Unit, created: bool, **kwargs: Any) -> None:
    parent = instance.parent.name if instance.parent_id else None
    if created or not getattr(instance, "_audit_before", None):
        record("unit_create", unit=instance, data={"name": instance.name, "department": parent})
        return
    old = instance._audit_before  # type: ignore[attr-defined]
    if old["name"] != instance.name:
        record("unit_rename", unit=instance, data={"before": old["name"], "after": instance.name})
    if old["parent__name"] != parent:
        data = {"name": instance.name, "before": old["parent__name"], "after": parent}
        record("unit_move", unit=instance, data=data)


# Roles: a membership set, changed or removed; the administrator's flags of a user.


def _role(membership: Membership | None) -> dict[str, Any] | None:
    if membership is None:
        return None
    unit = membership.unit.name if membership.unit_id else None
    return {"role": membership.role, "unit": unit}


def _membership_before(sender: Any, instance: Membership, **kwargs: Any) -> None:
    old = Membership.objects.filter(pk=instance.pk).select_related("unit").first()
    instance._audit_before = _role(old)  # type: ignore[attr-defined]


def _membership_after(sender: Any, instance: Membership, **kwargs: Any) -> None:
    before, after = getattr(instance, "_audit_before", None), _role(instance)
    if before != after:
        data = {"user": instance.user.get_username(), "before": before, "after": after}
        record("role_change", data=data)


def _membership_removed(sender: Any, instance: Membership, **kwargs: Any) -> None:
    data = {"user": instance.user.get_username(), "before": _role(instance), "after": None}
    record("role_change", data=data)


FLAGS = ("is_superuser", "is_staff", "is_active")


def _user_before(sender: Any, instance: User, **kwargs: Any) -> None:
    old = User.objects.filter(pk=instance.pk).values(*FLAGS).first() if instance.pk else None
    instance._audit_before = old  # type: ignore[attr-defined]


def _user_after(sender: Any, instance: User, created: bool, **kwargs: Any) -> None:
    now = {flag: getattr(instance, flag) for flag in FLAGS}
    before = getattr(instance, "_audit_before", None)
    if created and not (instance.is_superuser or instance.is_staff):
        return  # a plain new user has no rights until a role is given (recorded then)
    if before != now:
        data = {"user": instance.get_username(), "before": before, "after": now}
        record("user_flags", data=data)


def _user_deleted(sender: Any, instance: User, **kwargs: Any) -> None:
    record("user_delete", data={"user": instance.get_username()})


def connect() -> None:
    """Audit units and roles wherever they change (called once, from the app's `ready`)."""
    uid = "jixiao-audit"
    pre_save.connect(_unit_before, sender=Unit, dispatch_uid=f"{uid}-unit-pre")
    post_save.connect(_unit_after, sender=Unit, dispatch_uid=f"{uid}-unit-post")
    pre_save.connect(_membership_before, sender=Membership, dispatch_uid=f"{uid}-role-pre")
    post_save.connect(_membership_after, sender=Membership, dispatch_uid=f"{uid}-role-post")
    post_delete.connect(_membership_removed, sender=Membership, dispatch_uid=f"{uid}-role-del")
    pre_save.connect(_user_before, sender=User, dispatch_uid=f"{uid}-user-pre")
    post_save.connect(_user_after, sender=User, dispatch_uid=f"{uid}-user-post")
    post_delete.connect(_user_deleted, sender=User, dispatch_uid=f"{uid}-user-del")
