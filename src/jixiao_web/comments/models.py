"""审核意见: comments on a form as a whole, on one of its fields or on one indicator row, with
replies; and the in-app notices that tell people about returns, comments and assignments
(docs/workflow.md).

A comment on an indicator row names the row by its key (`goals.Indicator.key`), which stays with
the row through saves, moves and revisions, so the thread stays at its place on the paper layout.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    COMMENT = "comment", _("意见")
    REPLY = "reply", _("回复")
    RETURN = "return", _("退回意见")
    EXPLANATION = "explanation", _("提交说明")
    # what someone wrote with another action (an approval, a withdrawal …): its audit event
    # holds it too, so the form's history shows it once, with the action
    ACTION = "action", _("操作意见")


class Comment(models.Model):
    form = models.ForeignKey("goals.Form", on_delete=models.CASCADE, related_name="comments")
    # a reply belongs to the thread its parent opened (one level: replies to replies join it)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COMMENT)
    # the place: the whole form (both empty), a field of the form (`field`), or an indicator row
    field = models.CharField(max_length=40, blank=True, default="")
    indicator_key = models.CharField(max_length=16, blank=True, default="")
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_name = models.CharField(max_length=150, blank=True, default="")
    author_role = models.CharField(max_length=20, blank=True, default="")
    # the form's version and revision when written: the thread outlives them
    version = models.PositiveIntegerField(null=True, blank=True)
    revision = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    resolved = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["form", "created_at"])]

    def __str__(self) -> str:
        return f"{self.form_id} · {self.author_name}: {self.text[:30]}"


class Notice(models.Model):
    """A message in a user's in-app inbox: a form returned, a comment, an assignment."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    kind = models.CharField(max_length=20)  # return, comment, reply, assignment, …
    form = models.ForeignKey(
        "goals.Form", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    text = models.TextField()
    link = models.CharField(max_length=300, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.kind}: {self.text[:30]}"
