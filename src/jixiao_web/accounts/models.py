"""Roles: who may see and change what (the rules are in permissions.py; README, web application)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STAFF = "staff", _("填报人（实施单位）")
    REVIEWER = "reviewer", _("主管部门审核人")
    EXPERT = "expert", _("评审专家")
    ADMIN = "admin", _("财政管理员")


class Membership(models.Model):
    """A user's role, and the unit it applies to (none for the finance administrator)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("单位")
    )

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.unit or '-'}"


class LoginAttempts(models.Model):
    """Login attempts for one username from one address in the current window (throttle.py).

    One row per pair, so counting is an update of a locked row, never a count of many rows.
    """

    username = models.CharField(max_length=150)
    address = models.CharField(max_length=64)
    window_start = models.DateTimeField(db_index=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["username", "address"], name="login_attempts_per_pair")
        ]


class ApiToken(models.Model):
    """A personal token for the JSON API (tokens.py; docs/api.md).

    Only the SHA-256 of the token is kept: the token itself is shown once, when it is made.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("名称"), max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(_("开头"), max_length=12)
    read_only = models.BooleanField(_("只读"), default=False)
    created = models.DateTimeField(_("创建时间"), auto_now_add=True)
    last_used = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked = models.DateTimeField(_("撤销时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.user} · {self.name} · {self.prefix}…"
