"""The expert pool (专家库) and expert rounds (集中评审), docs/workflow.md.

The administrator opens a round for a set of forms, each form gets experts (never of its own unit
or department), and each expert fills one score sheet per assigned form on the criteria of the
review of goals (完整性、相关性、适当性、可行性; their weights are settings of the rules file).
A form is in the `expert_review` stage while its round is under way; finance approves it after.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExpertProfile(models.Model):
    """An expert of the pool: fields of work; their unit is their membership's."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="expert_profile"
    )
    fields = models.JSONField(_("专业领域"), default=list, blank=True)  # ["教育", "财务", …]
    active = models.BooleanField(_("在库"), default=True)
    note = models.TextField(_("备注"), blank=True, default="")

    def __str__(self) -> str:
        return f"{self.user} · {'、'.join(self.fields)}"


class Round(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("评审中")
        CLOSED = "closed", _("已结束")

    name = models.CharField(_("名称"), max_length=200)
    budget_year = models.ForeignKey(
        "units.BudgetYear",
        to_field="year",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    # 组长: may return a form of the round to its unit
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    experts_per_form = models.PositiveSmallIntegerField(_("每表专家数"), default=2)
    # experts whose totals differ from the mean by more than this are shown as disagreeing
    margin = models.DecimalField(_("分歧阈值"), max_digits=5, decimal_places=2, default=Decimal(10))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name


class RoundForm(models.Model):
    """A form in a round. A form is in one open round at a time."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="entries")
    form = models.ForeignKey("goals.Form", on_delete=models.CASCADE, related_name="round_entries")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "form"], name="round_form_unique")]


class Assignment(models.Model):
    """An expert assigned to score a form of a round, and their sheet (`scores`, `comments`:
    per criterion code; `total` the weighted sum; `submitted_at` set when the sheet is handed in)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="assignments")
    form = models.ForeignKey("goals.Form", on_delete=models.CASCADE, related_name="assignments")
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assignments"
    )
    automatic = models.BooleanField(default=True)  # False: assigned by hand
    scores = models.JSONField(default=dict, blank=True)  # {"completeness": "22.5", …}
    comments = models.JSONField(default=dict, blank=True)  # {"completeness": "…", …}
    total = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    assigned_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "form", "expert"], name="assignment_unique")
        ]
        indexes = [models.Index(fields=["expert", "submitted_at"])]
