"""Self-evaluation pages (docs/evaluation.md, *Self-evaluation in the app*): the list and the
opening of a year, the entry page laid out as the published table, its live preview, its actions.

Scores, totals, grades and findings are the core's (`services.selfeval`); the page posts what
was typed, and without JavaScript saving shows the scores.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from jixiao.evaluation import Achievement
from jixiao_web.accounts import permissions as perm
from jixiao_web.params import MAX_INT, MAX_YEAR, int_param
from jixiao_web.selfeval import downloads
from jixiao_web.selfeval.models import SelfEval
from jixiao_web.services import selfeval as entry
from jixiao_web.services import selfeval_flow as flow
from jixiao_web.services import workflow
from jixiao_web.units.models import BudgetYear

COMMENT_MAX = 2000
PAGE_SIZE = 100


@login_required
def selfeval_list(request: HttpRequest) -> HttpResponse:
    shown = flow.visible(request.user).order_by("-year", "form__unit__name", "form__seq", "id")
    year = int_param(request.GET, "year", MAX_YEAR)
    if year is not None:
        shown = shown.filter(year=year)
    page = Paginator(shown, PAGE_SIZE).get_page(int_param(request.GET, "page", MAX_INT))
    context = {
        "page": page,
        "query": "" if year is None else f"year={year}",
        "year": year,
        "years": BudgetYear.objects.order_by("-year").values_list("year", flat=True),
        "may_open": perm.may_administer(request.user),
    }
    return render(request, "selfeval/list.html", context)


@require_POST
@login_required
def selfeval_open(request: HttpRequest) -> HttpResponse:
    perm.require(perm.may_administer(request.user))
    year = int_param(request.POST, "year", MAX_YEAR)
    if year is None or not BudgetYear.objects.filter(year=year).exists():
        messages.error(request, _("请选择一个已有的预算年度。"))
        return redirect("selfeval:list")
    made = flow.open_year(request.user, year)
    text = _("已为 %(year)s 年度的 %(n)s 张已批复表单开展绩效自评。") % {"year": year, "n": made}
    messages.success(request, text)
    return redirect(f"{reverse('selfeval:list')}?year={year}")


def _load(request: HttpRequest, pk: int) -> SelfEval:
    se = get_object_or_404(SelfEval.objects.select_related("form", "form__unit"), pk=pk)
    perm.require(flow.can_view(request.user, se))
    return se


@login_required
def selfeval_page(request: HttpRequest, pk: int) -> HttpResponse:
    se = _load(request, pk)
    if request.method != "POST":
        return _render(request, se, entry.entries_of(se))
    perm.require(flow.edits(request.user, se))
    sheet = entry.table_of(se)
    entries, too_long = entry.parse_post(request.POST, sheet.keys)
    if too_long:
        return _render(request, se, entries, 422, errors=too_long)
    version = int_param(request.POST, "version", MAX_INT) or 0
    try:
        flow.save(request.user, se, entries, version)
    except flow.Conflict as clash:
        return _render(
            request, se, entries, 409, theirs=clash.current, version=clash.current.version
        )
    except flow.Frozen:
        se.refresh_from_db(fields=["status"])
        message = _("此绩效自评当前状态为“%(s)s”，只有草稿可以修改，您的输入未保存。")
        return _render(
            request, se, entries, 409, errors={"status": message % {"s": se.get_status_display()}}
        )
    messages.success(request, _("已保存。"))
    return redirect("selfeval:page", pk=se.pk)


def _render(
    request: HttpRequest, se: SelfEval, entries: entry.Entries, status: int = 200, **extra: Any
) -> HttpResponse:
    """The page with `entries` in its inputs (what was typed, also when refused) and the table
    scored from them by the core."""
    sheet = entry.table_of(se, entries)
    ev = entry.evaluation_of(sheet)
    editable = flow.can_edit(request.user, se)
    context = {
        "se": se,
        "form": se.form,
        "table": entry.shown(ev, sheet.keys),
        "entries": entries,
        "editable": editable,
        # what was typed stays in its inputs, also when the save was refused as no draft
        "inputs": editable or request.method == "POST",
        "version": extra.pop("version", se.version),
        "entry_errors": {**sheet.errors, **extra.pop("errors", {})},
        "levels": [a.value for a in Achievement],
        "actions": flow.allowed_actions(request.user, se),
        "formats": downloads.FORMATS,
        "blocked": request.session.pop("selfeval_blocked", None),
        **extra,
    }
    context["error_list"] = [
        (entry.place(sheet, name), text)
        for name, text in context["entry_errors"].items()
        if name != "status"
    ]
    if "theirs" in context:
        theirs = entry.entries_of(context["theirs"])
        context["differences"] = entry.differences(sheet, entries, theirs)
    return render(request, "selfeval/page.html", context, status=status)


@require_POST
@login_required
def selfeval_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """The table scored from what is typed, as JSON (`jixiao/selfeval@1`'s form plus the rows'
    keys and the entries that could not be read): the page fills its scores in from it."""
    se = _load(request, pk)
    keys = entry.table_of(se).keys
    entries, too_long = entry.parse_post(request.POST, keys)
    sheet = entry.table_of(se, entries)
    data = entry.shown(entry.evaluation_of(sheet), sheet.keys)
    return JsonResponse({**data, "errors": {**sheet.errors, **too_long}})


@require_POST
@login_required
def selfeval_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    se = _load(request, pk)
    if action not in perm.SELFEVAL_ACTIONS:
        raise Http404
    perm.require(flow.refusal(request.user, se, action) != "role")
    try:
        flow.act(request.user, se, action, request.POST.get("comment", "")[:COMMENT_MAX])
    except workflow.WrongState:
        messages.error(request, _("状态已被他人更改，请刷新后再操作。"))
    except workflow.Blocked as held:
        request.session["selfeval_blocked"] = {
            "message": held.message,
            "findings": held.findings[:50],
        }
        messages.error(request, held.message)
    else:
        messages.success(request, ACTION_DONE[action])
    return redirect("selfeval:page", pk=se.pk)


ACTION_DONE = {
    "submit": gettext_lazy("绩效自评已提交，等待主管部门审核。"),
    "withdraw": gettext_lazy("已撤回为草稿，可以继续修改。"),
    "return": gettext_lazy("已退回，填报单位会收到退回意见。"),
    "approve": gettext_lazy("已审核通过。"),
    "publish": gettext_lazy("已公开。"),
}
