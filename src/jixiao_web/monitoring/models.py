"""Monitoring rounds (绩效运行监控) and the units' entries, docs/evaluation.md ("Monitoring in
the app").

Finance opens a round for a budget year as of a month; it covers the year's approved and
published goal forms. The unit's staff fill in one entry per form: the spending and, per annual
indicator, what the core's `MonitoredRow` holds. The lights are the core's
(`jixiao.evaluation.monitoring`); `light` keeps the form's light as of the last save so that
lists and the dashboard count lights without reading every form.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jixiao_web.forms.models import MONEY_YUAN


class Round(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("填报中")
        CLOSED = "closed", _("已结束")

    budget_year = models.ForeignKey(
        "units.BudgetYear", to_field="year", on_delete=models.PROTECT, related_name="+"
    )
    month = models.PositiveSmallIntegerField(_("截至月份"), default=7)
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-budget_year_id", "-month", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget_year", "month"],
                condition=models.Q(state="open"),
                name="monitoring_one_open_round",
            ),
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12), name="monitoring_month_1_12"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.budget_year_id}-{self.month:02d}"


class Entry(models.Model):
    """A unit's monitoring entry for one form of a round. `rows` are the annual indicators in
    the order of the core's `blank` sheet, each {name, current, expected, likelihood, reason,
    measure}; the amounts are kept as typed (`*_text`) and as read (Decimal, 元)."""

    class State(models.TextChoices):
        DRAFT = "draft", _("填报中")
        HANDED_IN = "handed_in", _("已提交")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="entries")
    form = models.ForeignKey(
        "goals.Form", on_delete=models.CASCADE, related_name="monitoring_entries"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.DRAFT)
    version = models.PositiveIntegerField(default=0)  # 0: made, never saved
    spent_text = models.CharField(max_length=60, blank=True, default="")
    spent = models.DecimalField(**MONEY_YUAN)
    expected_text = models.CharField(max_length=60, blank=True, default="")
    expected_spent = models.DecimalField(**MONEY_YUAN)
    rows = models.JSONField(default=list, blank=True)
    light = models.CharField(max_length=10, blank=True, default="")  # core `Light` or ""
    returned = models.BooleanField(default=False)
    return_comment = models.TextField(blank=True, default="")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    handed_in_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "form"], name="monitoring_entry_unique")
        ]
        indexes = [models.Index(fields=["round", "light"])]
