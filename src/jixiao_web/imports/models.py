"""Import batches: the files uploaded together, their original bytes and the notes of reading."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ImportBatch(models.Model):
    """Files imported together. A batch imported in the background (docs/imports.md) has a
    `state` while the worker has it, and its `progress` (see services/background.py)."""

    QUEUED, RUNNING, DONE, FAILED = "queued", "running", "done", "failed"
    STATES = [(QUEUED, "queued"), (RUNNING, "running"), (DONE, "done"), (FAILED, "failed")]

    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    label = models.CharField(max_length=200, blank=True, default="")
    form_count = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=10, choices=STATES, default=DONE)
    progress = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    @property
    def busy(self) -> bool:
        """Whether the worker has yet to finish with this batch."""
        return self.state in (self.QUEUED, self.RUNNING)

    def __str__(self) -> str:
        return self.label or f"#{self.pk}"


class SourceFile(models.Model):
    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="sources")
    position = models.PositiveIntegerField()
    path = models.CharField(max_length=500)
    sha256 = models.CharField(max_length=64, db_index=True)
    format = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    content = models.BinaryField()

    class Meta:
        ordering = ["batch", "position"]

    def __str__(self) -> str:
        return self.path


class ImportNote(models.Model):
    """A note about a whole document (notes about one form are kept on the form)."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="notes")
    position = models.PositiveIntegerField()
    code = models.CharField(max_length=80)
    message = models.TextField()
    line = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["batch", "position"]


class PendingUpload(models.Model):
    """An uploaded file waiting for the worker: its bytes are kept here before the request
    returns (the upload's temporary file goes with the request), and removed once imported."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="uploads")
    position = models.PositiveIntegerField()
    name = models.CharField(max_length=500)
    content = models.BinaryField()

    class Meta:
        ordering = ["batch", "position"]
