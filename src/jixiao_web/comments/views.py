"""Pages of comments (审核意见) and notices (站内通知): a comment or a reply posted from the form
page, a thread marked resolved, the list of one's notices (docs/workflow.md).

Each is a plain form post (CSRF-checked); the services decide (`services.comments`,
`services.notices`); a refusal is said on the page the user came from, and nothing is written.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jixiao_web.comments.models import Notice
from jixiao_web.forms.models import Form
from jixiao_web.params import MAX_ID, MAX_INT, int_param
from jixiao_web.services import comments, notices

NOTICES_PER_PAGE = 50


def _form(pk: int) -> Form:
    return get_object_or_404(Form.objects.select_related("unit"), pk=pk)


def _back(form: Form, anchor: str) -> HttpResponse:
    return redirect(reverse("forms:detail", args=[form.pk]) + f"#{anchor}")


@require_POST
@login_required
def comment_add(request: HttpRequest, pk: int) -> HttpResponse:
    """A comment at the place the form names (`field`, `indicator_key` or neither), or a reply
    to `parent`; the form's page again, at the new comment."""
    form = _form(pk)
    post = request.POST
    parent = int_param(post, "parent", MAX_ID)
    try:
        made = comments.write(
            request.user,
            form,
            post.get("text", ""),
            field=post.get("field", ""),
            indicator_key=post.get("indicator_key", ""),
            parent=parent,
        )
    except comments.Refused as refused:
        messages.error(request, refused.message)
        return _back(form, "comments")
    messages.success(request, _("意见已保存。"))
    return _back(form, f"comment-{made.pk}")


@require_POST
@login_required
def comment_resolve(request: HttpRequest, pk: int, comment: int) -> HttpResponse:
    """Mark a thread resolved (`resolved=1`) or open again (`resolved=0`)."""
    form = _form(pk)
    resolved = request.POST.get("resolved", "1") != "0"
    try:
        comments.resolve(request.user, form, comment, resolved)
    except comments.Refused as refused:
        messages.error(request, refused.message)
        return _back(form, "comments")
    messages.success(request, _("已标记为已解决。") if resolved else _("已重新打开。"))
    return _back(form, f"comment-{comment}")


@login_required
def notice_list(request: HttpRequest) -> HttpResponse:
    """The user's notices, newest first, a page at a time."""
    mine = Notice.objects.filter(user_id=request.user.pk).select_related("form")
    page = Paginator(mine, NOTICES_PER_PAGE).get_page(int_param(request.GET, "page", MAX_INT))
    return render(request, "comments/notices.html", {"page": page})


@require_POST
@login_required
def notice_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark one of one's notices read; with `open`, go on to what it is about."""
    notice = get_object_or_404(Notice, pk=pk, user_id=request.user.pk)
    notices.mark_read(request.user, notice.pk)
    if request.POST.get("open") and notice.link.startswith("/"):
        return redirect(notice.link)
    return redirect("notices:list")


@require_POST
@login_required
def notice_read_all(request: HttpRequest) -> HttpResponse:
    count = notices.mark_read(request.user)
    messages.success(request, _("已将 %(n)s 条通知标为已读。") % {"n": count})
    return redirect("notices:list")
