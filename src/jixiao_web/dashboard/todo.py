"""The dashboard's to-do (待办): for each kind of the user's role (`services.todo.BY_ROLE`), the
count of the form list it links to, counted by that list's own filter (`services.listing`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import OuterRef, QuerySet, Subquery
from django.urls import reverse

from jixiao_web.accounts import permissions as perm
from jixiao_web.comments.models import Comment, Kind
from jixiao_web.forms.models import Form
from jixiao_web.services import listing
from jixiao_web.services.todo import BY_ROLE, TODOS, Todo


@dataclass(frozen=True)
class Waiting:
    """A line of a user's to-do: how many forms, the list that shows them, and for returned
    drafts the forms with their latest return comment."""

    todo: Todo
    count: int
    link: str
    returned: list[tuple[Form, str]]


RETURNED_SHOWN = 5  # returned drafts listed with their comment on the dashboard


def waiting(user: Any) -> list[Waiting]:
    """The user's to-do by their role: the count of each list (`listing.apply`, `?todo=`)."""
    visible = perm.visible_forms(user)
    found = []
    for key in BY_ROLE.get(perm.role(user) or "", ()):
        forms = listing.apply(visible, {"todo": key}, user)
        link = reverse("forms:list") + "?" + urlencode({"todo": key})
        returned = _with_comments(forms) if key == "returned" else []
        found.append(Waiting(TODOS[key], forms.count(), link, returned))
    return found


def _with_comments(forms: QuerySet[Form]) -> list[tuple[Form, str]]:
    """The first returned drafts, each with the comment of its latest return."""
    latest = Comment.objects.filter(form=OuterRef("pk"), kind=Kind.RETURN).order_by("-id")
    rows = forms.annotate(why=Subquery(latest.values("text")[:1])).only("pk", "project_name")
    return [(row, row.why or "") for row in rows[:RETURNED_SHOWN]]
