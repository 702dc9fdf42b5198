"""A goal form's self-evaluation (绩效自评) as the unit enters it (docs/evaluation.md).

Only what the unit types is stored: the table's header, targets and weights come from the goal
form (`jixiao.evaluation.model.from_form`), and the scores, the total and the grade are computed
by the core whenever they are shown (`services.selfeval.evaluation_of`), except in a publication,
which freezes the scored table as it was published. Every entry is kept as typed, so that an
incomplete save loses nothing; amounts are checked only where they are scored.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jixiao_web.forms.models import Status


class SelfEval(models.Model):
    form = models.ForeignKey("goals.Form", on_delete=models.CASCADE, related_name="selfevals")
    year = models.PositiveIntegerField()  # the budget year evaluated (the form's)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=1)
    returned = models.BooleanField(default=False)
    return_comment = models.TextField(blank=True, default="")
    # The entries as typed, keyed as `services.selfeval` reads them: the funds block
    # {"budget": …, "spent": …, "spent_appropriation": …}, the 实际完成情况 text, and per
    # indicator row (by the goal row's key) {"actual", "achievement", "score", "applicable",
    # "reason"}; texts, never floats.
    funds = models.JSONField(default=dict, blank=True)
    actual_goal = models.TextField(blank=True, default="")
    rows = models.JSONField(default=dict, blank=True)
    # the figures of the last save, for lists, summaries and charts (recomputed on each save)
    score = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    grade = models.CharField(max_length=4, blank=True, default="")
    rate = models.DecimalField(max_digits=30, decimal_places=2, null=True, blank=True)  # 执行率 %
    # the published table, frozen (`services.selfeval.frozen`); None until published
    published = models.JSONField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-year", "form__unit_id", "form__seq", "id"]
        constraints = [
            models.UniqueConstraint(fields=["form", "year"], name="selfeval_form_year_unique")
        ]

    def __str__(self) -> str:
        return f"{self.form} · {self.year}"
