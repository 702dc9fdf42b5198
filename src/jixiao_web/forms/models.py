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

# Every figure the core accepts (`jixiao.domain.bounds`: 16 digits before the point, 6 after),
# held exactly on PostgreSQL. One integer digit more than 16 + 6: SQLite keeps 15 significant
# digits and reads 9999999999999999 back as 1E+16, which must still fit the column.
MONEY = {"max_digits": 23, "decimal_places": 6, "null": True, "blank": True}
# The annual request in 元: a figure in 万元 × 10,000 takes four integer digits more.
MONEY_YUAN = {**MONEY, "max_digits": MONEY["max_digits"] + 4}


class Status(models.TextChoices):
    """The stages of a form (docs/workflow.md); the values are the API's contract."""

    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")
    DEPT_APPROVED = "dept_approved", _("主管部门已审核")
    EXPERT_REVIEW = "expert_review", _("专家评审")
    APPROVED = "approved", _("已批复")
    PUBLISHED = "published", _("已公开")


class VisibleForms(models.Manager["Form"]):
    """Forms as everyone sees them: not those of a large import still being written."""

    def get_queryset(self) -> models.QuerySet[Form]:
        return super().get_queryset().filter(pending=False)


# The list's indexes cover visible forms only, so that queries with `pending = false` (all of
# them, through `Form.objects`) are still answered from the narrow indexes alone.
VISIBLE = models.Q(pending=False)


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
    # 调整: how many times the form was reopened after publication (0: the first declaration)
    revision = models.PositiveIntegerField(default=0)
    # a draft sent back by a reviewer (its comment is the latest `return` comment); cleared on submit
    returned = models.BooleanField(default=False)
    # what the public sees: the latest published version, kept while a revision is under way
    publication = models.ForeignKey(
        "Publication", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
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
    # The key of the project name (`jixiao.names.name_key`): a form filed again is matched by
    # budget year, unit and this key (docs/imports.md).
    project_key = models.CharField(max_length=200, blank=True, default="")
    project_category = models.TextField(null=True, blank=True)
    supervising_department = models.TextField(null=True, blank=True)
    implementing_unit = models.TextField(null=True, blank=True)
    planned_start = models.DateField(null=True, blank=True)
    planned_end = models.DateField(null=True, blank=True)
    # None: the form states no unit and its template prints none (docs/templates.md, *Money*)
    funds_unit = models.CharField(max_length=10, null=True, blank=True, default="元")
    project_total = models.DecimalField(**MONEY)
    project_fiscal = models.DecimalField(**MONEY)
    project_other = models.DecimalField(**MONEY)
    annual_request = models.DecimalField(**MONEY)
    annual_appropriation = models.DecimalField(**MONEY)
    annual_carryover = models.DecimalField(**MONEY)
    annual_other = models.DecimalField(**MONEY)
    funds_written = models.JSONField(default=dict, blank=True)
    # The annual request in 元 (falling back to the project total): what dashboards add up.
    request_yuan = models.DecimalField(**MONEY_YUAN)
    overall_goal = models.TextField(null=True, blank=True)
    annual_goal = models.TextField(null=True, blank=True)
    goal_period = models.JSONField(null=True, blank=True)
    notes = models.JSONField(default=list, blank=True)
    # [[field, line], ...]: pairs, because PostgreSQL's jsonb does not keep the order of keys
    lines = models.JSONField(default=list, blank=True)
    # The region's template the form was read through, with its confidence and the runner-up's,
    # as canonical JSON says it (`interchange.template_to_json`; docs/templates.md); null: none.
    template = models.JSONField(null=True, blank=True)
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
    # Written in parts by a large import and not yet complete: hidden until the import is done
    # (docs/imports.md), removed if it fails.
    pending = models.BooleanField(default=False)

    objects = VisibleForms()
    all_objects = models.Manager()

    class Meta:
        default_manager_name = "objects"
        base_manager_name = "all_objects"
        ordering = ["-budget_year_id", "unit_id", "seq", "id"]
        indexes = [
            # Narrow indexes for the list: filters, sorts and searches read these, not the wide rows.
            models.Index(
                fields=["unit", "budget_year", "seq"], condition=VISIBLE, name="form_unit"
            ),
            models.Index(
                fields=["budget_year", "unit", "project_key"], condition=VISIBLE, name="form_match"
            ),
            models.Index(fields=["status"], condition=VISIBLE, name="form_status"),
            models.Index(fields=["grade"], condition=VISIBLE, name="form_grade"),
            # the default order, with the name so that a search is answered from the index alone
            models.Index(
                fields=["-budget_year", "unit", "seq", "id", "project_name"],
                condition=VISIBLE,
                name="form_default_order",
            ),
            models.Index(
                fields=["project_name", "unit", "id"], condition=VISIBLE, name="form_name_search"
            ),
            models.Index(fields=["request_yuan", "id"], condition=VISIBLE, name="form_funds_order"),
            models.Index(
                fields=["finding_count", "id"], condition=VISIBLE, name="form_findings_order"
            ),
            models.Index(fields=["score"], condition=VISIBLE, name="form_score"),
            models.Index(fields=["updated_at"], condition=VISIBLE, name="form_updated"),
            models.Index(fields=["source_file", "pending"], name="form_source_pending"),
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


class Publication(models.Model):
    """A published version of a form, frozen: its canonical JSON as it stood when published.

    The portal and the open data show a form's latest publication, so a revision (调整) under
    way changes nothing the public sees until it is published in turn (docs/workflow.md).
    """

    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="publications")
    number = models.PositiveIntegerField()  # 1 for the first publication, 2 after a revision…
    revision = models.PositiveIntegerField(default=0)
    version = models.PositiveIntegerField()
    data = models.JSONField()  # `services.forms.snapshot`
    # what the portal's list shows of it, read from `data` when it is made
    project_name = models.TextField(null=True, blank=True)
    budget_year = models.PositiveIntegerField(null=True, blank=True)
    request_yuan = models.DecimalField(**MONEY_YUAN)
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.CharField(max_length=150, blank=True, default="")

    class Meta:
        ordering = ["form", "number"]
        constraints = [
            models.UniqueConstraint(fields=["form", "number"], name="publication_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.form_id} #{self.number}"


class AppendOnlyError(RuntimeError):
    """An audit event may be written once and never changed or removed."""


class AuditEvent(models.Model):
    """Who did what, when: to a form, to a unit, or to a user's role (docs/audit.md).

    Append-only twice over: this model refuses a second save and a delete, and the database
    itself refuses UPDATE and DELETE on the table (triggers, migration 0006). The links to the
    actor, the form and the unit are ids without foreign-key constraints, and the actor's user
    name is stored with the event, so deleting a user, a form or a unit leaves the history whole.
    `data` holds the form as it stood after the action, or what changed in a unit or a role.
    """

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_name = models.CharField(max_length=150, blank=True, default="")
    action = models.CharField(max_length=40)
    form = models.ForeignKey(
        Form,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="audit_events",
    )
    unit = models.ForeignKey(
        "units.Unit",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="audit_events",
    )
    version = models.PositiveIntegerField(null=True, blank=True)
    comment = models.TextField(blank=True, default="")
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
