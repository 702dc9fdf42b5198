"""The form (绩效目标填报表), its indicator rows and the append-only audit trail.

Every value of the core `Form` is stored so that reading it back gives the canonical JSON it was
imported from (see `jixiao_web.services.forms`). Funds are DecimalFields for sums and sorting;
`funds_written` keeps each figure as written (`278000.00` stays `278000.00`).
"""

from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MONEY = {"max_digits": 20, "decimal_places": 4, "null": True, "blank": True}


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")
    RETURNED = "returned", _("已退回")
    APPROVED = "approved", _("已批复")
    PUBLISHED = "published", _("已公开")


class Form(models.Model):
    unit = models.ForeignKey("units.Unit", on_delete=models.PROTECT, related_name="forms")
    budget_year = models.ForeignKey(
        "units.BudgetYear",
        to_field="year",
        db_column="budget_year",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forms",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=1)
    import_batch = models.ForeignKey(
        "imports.ImportBatch", on_delete=models.PROTECT, null=True, blank=True, related_name="forms"
    )
    source_file = models.ForeignKey(
        "imports.SourceFile", on_delete=models.PROTECT, null=True, blank=True, related_name="forms"
    )
    source_index = models.PositiveIntegerField(default=0)
    seq = models.PositiveIntegerField(default=1)
    title = models.TextField(null=True, blank=True)
    project_name = models.TextField(null=True, blank=True)
    project_category = models.TextField(null=True, blank=True)
    supervising_department = models.TextField(null=True, blank=True)
    implementing_unit = models.TextField(null=True, blank=True)
    planned_start = models.DateField(null=True, blank=True)
    planned_end = models.DateField(null=True, blank=True)
    funds_unit = models.CharField(max_length=10, default="元")
    project_total = models.DecimalField(**MONEY)
    project_fiscal = models.DecimalField(**MONEY)
    project_other = models.DecimalField(**MONEY)
    annual_request = models.DecimalField(**MONEY)
    annual_appropriation = models.DecimalField(**MONEY)
    annual_carryover = models.DecimalField(**MONEY)
    annual_other = models.DecimalField(**MONEY)
    funds_written = models.JSONField(default=dict, blank=True)
    # The annual request in 元 (falling back to the project total): what dashboards add up.
    request_yuan = models.DecimalField(max_digits=24, decimal_places=4, null=True, blank=True)
    overall_goal = models.TextField(null=True, blank=True)
    annual_goal = models.TextField(null=True, blank=True)
    goal_period = models.JSONField(null=True, blank=True)
    notes = models.JSONField(default=list, blank=True)
    # [[field, line], ...]: pairs, because PostgreSQL's jsonb does not keep the order of keys
    lines = models.JSONField(default=list, blank=True)
    # Denormalised from the latest review run so lists and dashboards need no joins.
    review_run = models.ForeignKey(
        "reviews.ReviewRun", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    score = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    grade = models.CharField(max_length=4, blank=True, default="")
    finding_count = models.PositiveIntegerField(default=0)
    finding_categories = models.CharField(max_length=500, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-budget_year_id", "unit_id", "seq", "id"]
        indexes = [
            # Narrow indexes for the list: filters, sorts and searches read these, not the wide rows.
            models.Index(fields=["unit", "budget_year", "seq"]),
            models.Index(fields=["status"]),
            models.Index(fields=["grade"]),
            # the default order, with the name so that a search is answered from the index alone
            models.Index(
                fields=["-budget_year", "unit", "seq", "id", "project_name"],
                name="form_default_order",
            ),
            models.Index(fields=["project_name", "unit", "id"], name="form_name_search"),
            models.Index(fields=["request_yuan", "id"], name="form_funds_order"),
            models.Index(fields=["finding_count", "id"], name="form_findings_order"),
            models.Index(fields=["score"]),
            models.Index(fields=["updated_at"]),
        ]

    def __str__(self) -> str:
        return self.project_name or f"#{self.pk}"


def new_indicator_key() -> str:
    """A fresh row key: 12 url-safe characters (72 random bits)."""
    return secrets.token_urlsafe(9)


class Indicator(models.Model):
    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveIntegerField()
    # The row's identity across saves and moves, so that two people's edits of a form can be
    # merged row by row (docs/editing.md). Not part of the canonical JSON.
    key = models.CharField(max_length=16, default=new_indicator_key, editable=False)
    level1 = models.TextField(null=True, blank=True)
    level2 = models.TextField(null=True, blank=True)
    name = models.TextField(blank=True, default="")
    target = models.TextField(blank=True, default="")
    source_lines = models.JSONField(default=list, blank=True)
    period = models.CharField(max_length=20, null=True, blank=True)
    extra = models.JSONField(default=list, blank=True)  # [[column, value], ...] in order

    class Meta:
        ordering = ["form", "position"]
        constraints = [
            models.UniqueConstraint(fields=["form", "position"], name="indicator_position_unique"),
            models.UniqueConstraint(fields=["form", "key"], name="indicator_key_unique"),
        ]


class AppendOnlyError(RuntimeError):
    """An audit event may be written once and never changed or removed."""


class AuditEvent(models.Model):
    """Who did what to which form, when; `data` holds the form as it stood after the action."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=40)
    form = models.ForeignKey(
        Form, on_delete=models.SET_NULL, null=True, blank=True, related_name="audit_events"
    )
    version = models.PositiveIntegerField(null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["form", "version"])]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("audit events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise AppendOnlyError("audit events are append-only")
