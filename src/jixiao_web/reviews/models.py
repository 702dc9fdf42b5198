"""Review runs and their findings, as produced by `jixiao.review`."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ReviewRun(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    batch = models.ForeignKey(
        "imports.ImportBatch",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="review_runs",
    )
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class Finding(models.Model):
    run = models.ForeignKey(ReviewRun, on_delete=models.CASCADE, related_name="findings")
    form = models.ForeignKey("goals.Form", on_delete=models.CASCADE, related_name="findings")
    position = models.PositiveIntegerField(default=0)
    rule = models.CharField(max_length=80)
    category = models.CharField(max_length=60, db_index=True)
    severity = models.CharField(max_length=10)
    message = models.TextField()
    message_en = models.TextField(blank=True, default="")
    hint = models.TextField(blank=True, default="")
    hint_en = models.TextField(blank=True, default="")
    suggestion = models.JSONField(null=True, blank=True)
    location = models.JSONField(default=dict, blank=True)
    basis = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["form", "position"]
        indexes = [models.Index(fields=["run", "form"])]

    @property
    def field(self) -> str | None:
        return (self.location or {}).get("field")

    @property
    def indicator(self) -> int | None:
        return (self.location or {}).get("indicator")

    @property
    def line(self) -> int | None:
        return (self.location or {}).get("line")
