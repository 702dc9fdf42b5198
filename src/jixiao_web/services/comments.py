"""审核意见: threads of comments on a form, at a place of its paper layout (docs/workflow.md,
comments), for the form page and the API alike.

A thread is opened on the whole form, on a field (a cell of the paper table) or on an indicator
row, named by the row's key (`goals.Indicator.key`), which stays with the row through saves,
moves and revisions; a reply joins its thread. Whoever may see the form writes; the thread's
author or the form's unit marks it resolved. Text is kept exactly as written (never HTML) and
bounded. A comment tells people (`services.notices`): the unit's staff when a reviewer, an expert
or finance writes, and the thread's earlier authors when someone replies; never the author.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from jixiao.domain.form import FUNDS_LABELS, HEADER_FIELDS
from jixiao.review.places import by_place
from jixiao_web.accounts import permissions as perm
from jixiao_web.accounts.models import Role
from jixiao_web.comments.models import Comment, Kind
from jixiao_web.forms.models import AuditEvent, Form, Indicator
from jixiao_web.services import notices

MAX_TEXT = 2000  # characters of one comment (the API's schema says the same)
# The fields a comment may name: the places of the paper table's cells other than indicator rows
# (`jixiao.domain.paper`): the header, the funds (its label and each figure), the two goals and
# the indicators as a whole (tests/web/test_comments.py checks it against the grid).
FIELDS: tuple[str, ...] = (
    *HEADER_FIELDS,
    "funds",
    *FUNDS_LABELS,
    "overall_goal",
    "annual_goal",
    "indicators",
)
# whose comments the unit hears of (a unit's own staff comment for the others to read)
TELLS_THE_UNIT = frozenset({Role.REVIEWER, Role.EXPERT, Role.ADMIN})


class Refused(Exception):
    """A comment that cannot be written as asked: `message` says why, `where` which input;
    `code` is `invalid` (the input itself), or `no_such_row` / `no_such_comment` when it names
    a row or a comment the form has not (any more)."""

    def __init__(self, where: str, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.where = where
        self.message = message
        self.code = code


@dataclasses.dataclass
class Thread:
    """A comment that opens a thread, its replies, and where it is shown now: `indicator` the
    row's index in the form today (None: not on a row, or the row was deleted)."""

    root: Comment
    replies: list[Comment] = dataclasses.field(default_factory=list)
    indicator: int | None = None
    row_deleted: bool = False
    may_resolve: bool = False

    @property
    def field(self) -> str | None:  # `review.places.Located`, as a finding's location
        return self.root.field or None

    @property
    def comments(self) -> list[Comment]:
        return [self.root, *self.replies]


def write(
    user: Any,
    form: Form,
    text: str,
    field: str = "",
    indicator_key: str = "",
    parent: int | None = None,
) -> Comment:
    """A comment by `user` on `form` (a reply when `parent` names one of its comments). A form
    the user may not see is `PermissionDenied`, bad input `Refused`; then nothing is written."""
    perm.require(perm.can_view(user, form))
    _check_text(text)
    root = _thread_of(form, parent) if parent is not None else None
    if root is not None and (field or indicator_key):
        raise Refused("parent", _("回复跟随其意见的位置，不能另指定栏目或指标行。"))
    if root is None:
        _check_place(form, field, indicator_key)
    with transaction.atomic():
        made = _create(user, form, text, root, field, indicator_key)
        _tell(user, form, made, root)
    return made


def _check_text(text: str) -> None:
    if not text.strip():
        raise Refused("text", _("意见不能为空。"))
    if len(text) > MAX_TEXT:
        message = _("意见不能超过 %(n)s 个字符（现有 %(len)s 个）。")
        raise Refused("text", message % {"n": MAX_TEXT, "len": len(text)})


def _thread_of(form: Form, parent: int) -> Comment:
    """The comment that opened the thread `parent` belongs to (replies to replies join it)."""
    found = Comment.objects.filter(form=form, pk=parent).first()
    if found is None:
        raise Refused("parent", _("要回复的意见不存在，或不属于此表单。"), "no_such_comment")
    return found.parent if found.parent_id else found


def _check_place(form: Form, field: str, indicator_key: str) -> None:
    if field and indicator_key:
        raise Refused("field", _("意见的位置只能是一个栏目或一个指标行，不能同时指定。"))
    if field and field not in FIELDS:
        raise Refused("field", _("没有这个栏目：%(field)s。") % {"field": field})
    if indicator_key and not Indicator.objects.filter(form=form, key=indicator_key).exists():
        message = _("此表单没有这个指标行（键 %(key)s），它可能已被删除。") % {"key": indicator_key}
        raise Refused("indicator_key", message, "no_such_row")


def _create(
    user: Any, form: Form, text: str, root: Comment | None, field: str, indicator_key: str
) -> Comment:
    if root is not None:  # a reply is at its thread's place
        field, indicator_key = root.field, root.indicator_key
    kind = Kind.REPLY if root else Kind.COMMENT
    return stored(user, form, text, kind, root, field, indicator_key)


def stored(
    user: Any,
    form: Form,
    text: str,
    kind: str,
    root: Comment | None = None,
    field: str = "",
    indicator_key: str = "",
) -> Comment:
    """The comment row, its author as they are now and the form's version and revision (a
    person's comment here, a workflow action's in `services.workflow`)."""
    signed_in = getattr(user, "is_authenticated", False)
    return Comment.objects.create(
        form=form,
        parent=root,
        kind=kind,
        field=field,
        indicator_key=indicator_key,
        text=text,
        author=user if signed_in else None,
        author_name=user.get_username() if signed_in else "",
        author_role=perm.role(user) or "",
        version=form.version,
        revision=form.revision,
    )


def _tell(user: Any, form: Form, made: Comment, root: Comment | None) -> None:
    """The unit's staff when a reviewer, expert or finance writes; the thread's earlier authors
    on a reply; never the author (`notices.notify` writes each person once)."""
    heard: list[Any] = []
    if made.author_role in TELLS_THE_UNIT:
        heard += notices.unit_staff(form)
    if root is not None:
        heard += [c.author for c in [root, *root.replies.exclude(pk=made.pk)] if c.author]
    heard = [u for u in heard if u.pk != user.pk]
    if not heard:
        return
    name = form.project_name or f"#{form.pk}"
    text = _("%(user)s 对“%(name)s”的意见：%(text)s") % {
        "user": made.author_name,
        "name": name,
        "text": made.text[:200],
    }
    link = reverse("forms:detail", args=[form.pk]) + f"#comment-{made.pk}"
    notices.notify(heard, "reply" if root else "comment", text, form, link)


def may_resolve(user: Any, form: Form, root: Comment) -> bool:
    """A thread is marked resolved (or open again) by its author or the staff of the form's unit."""
    return perm.can_view(user, form) and _resolves(user, form, root)


def _resolves(user: Any, form: Form, root: Comment) -> bool:
    """`may_resolve` for a user known to see the form."""
    own = perm.own_unit(user)
    return root.author_id == user.pk or (own is not None and own.pk == form.unit_id)


def resolve(user: Any, form: Form, pk: int, resolved: bool = True) -> Comment:
    """Mark the thread `pk` resolved (or not); `Refused` when it is not one of the form's
    threads, `PermissionDenied` when the user may not."""
    root = Comment.objects.filter(form=form, pk=pk, parent__isnull=True).first()
    if root is None:
        message = _("没有这条意见，或它是一条回复（只能标记整条意见）。")
        raise Refused("comment", message, "no_such_comment")
    perm.require(may_resolve(user, form, root))
    Comment.objects.filter(pk=root.pk).update(resolved=resolved)
    root.resolved = resolved
    return root


def threads(form: Form, user: Any = None, keys: list[str] | None = None) -> list[Thread]:
    """The form's threads, oldest first, each at its place today; `user` (one who sees the form)
    to know which they may mark resolved; `keys` the form's `row_keys` when already read."""
    rows = {key: n for n, key in enumerate(row_keys(form) if keys is None else keys)}
    found: dict[int, Thread] = {}
    for c in (
        Comment.objects.filter(form=form).select_related("author").order_by("created_at", "id")
    ):
        if c.parent_id is None:
            found[c.pk] = _thread(c, rows, user, form)
        elif c.parent_id in found:
            found[c.parent_id].replies.append(c)
    return list(found.values())


def row_keys(form: Form) -> list[str]:
    """The keys of the form's indicator rows in their order (an index is a row of the grid)."""
    return list(
        Indicator.objects.filter(form=form).order_by("position").values_list("key", flat=True)
    )


def _thread(root: Comment, rows: dict[str, int], user: Any, form: Form) -> Thread:
    key = root.indicator_key
    made = Thread(root, indicator=rows.get(key) if key else None)
    made.row_deleted = bool(key) and made.indicator is None
    made.may_resolve = user is not None and _resolves(user, form, root)
    return made


def placed(found: list[Thread]) -> dict[str, list[Thread]]:
    """Threads by their place on the paper table: the one grouping findings use
    (`jixiao.review.places.by_place`); a thread whose row was deleted is at the whole form."""
    return by_place(found, lambda t: t)


# What a thread adds to the form's history: comments and replies. An action's own comment (a
# return, a submission's explanation, an approval's remark) is there already, with its event.
IN_HISTORY = (Kind.COMMENT, Kind.REPLY)


@dataclasses.dataclass(frozen=True)
class Entry:
    """One line of a form's history: an audit event, or a comment (`action` its kind)."""

    user: str
    at: Any
    action: str
    comment: str
    version: int | None
    comment_id: int | None = None


def history(form: Form, last: int | None = None) -> list[Entry]:
    """The form's audit events and comments interleaved by time, oldest first; `last`: only
    the latest so many."""
    events = AuditEvent.objects.filter(form_id=form.pk).defer("data").order_by("-at", "-id")
    said = Comment.objects.filter(form_id=form.pk, kind__in=IN_HISTORY).order_by(
        "-created_at", "-id"
    )
    if last is not None:
        events, said = events[:last], said[:last]
    entries = [Entry(e.actor_name, e.at, e.action, e.comment, e.version) for e in events]
    entries += [Entry(c.author_name, c.created_at, c.kind, c.text, c.version, c.pk) for c in said]
    entries.sort(key=lambda e: e.at)
    return entries if last is None else entries[-last:]
