"""The form list's batch actions (批量操作): approve or return (with one comment) the forms
ticked on the list, or add them to an open expert round; the answer lists each form, done or
refused and why (`services.batch`).

The request is checked whole before any form is touched: an unknown action, no form, more than
`batch.MAX_FORMS`, a return without its comment, a comment too long, no open round chosen are
refused with a message and change nothing (400).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from jixiao_web.accounts import permissions as perm
from jixiao_web.experts.models import Round
from jixiao_web.params import MAX_ID, int_param
from jixiao_web.services import batch, rounds

COMMENT_MAX = 2000
LABELS = {
    "approve": gettext_lazy("审核通过 / 批复"),
    "return": gettext_lazy("退回修改"),
    "round": gettext_lazy("加入评审批次"),
}


def actions_for(user: object) -> list[tuple[str, object]]:
    """The batch actions the user's role may take (on some stage): the list's select offers
    these; each form is still checked on its own."""
    return [(action, label) for action, label in LABELS.items() if _may(user, action)]


def _may(user: object, action: str) -> bool:
    if action != "round":
        return perm.may_act(user, action)
    return perm.may_administer(user)  # who runs rounds (services.rounds)


def open_rounds() -> list[tuple[int, str]]:
    """The rounds forms may join now, newest first (the list's select)."""
    return list(Round.objects.filter(state=Round.State.OPEN).values_list("pk", "name"))


class Refused(Exception):
    pass


def _ids(values: list[str]) -> list[int]:
    if not values:
        raise Refused(_("请先在列表中勾选表单。"))
    if len(values) > batch.MAX_FORMS:
        message = _("一次最多处理 %(n)s 张表（勾选了 %(count)s 张）。")
        raise Refused(message % {"n": batch.MAX_FORMS, "count": len(values)})
    # each a whole number (`BadParameter`, the 400 page naming `ids`, otherwise)
    numbers = [int_param({"ids": v}, "ids", MAX_ID) for v in values]
    return [n for n in numbers if n is not None]


def _round(request: HttpRequest) -> Round:
    """The open round the forms are to join."""
    pk = int_param(request.POST, "round", MAX_ID)
    found = Round.objects.filter(pk=pk, state=Round.State.OPEN).first() if pk else None
    if found is None:
        raise Refused(_("请选择一个进行中的评审批次。"))
    return found


def _checked(request: HttpRequest) -> tuple[str, list[int], str]:
    """The action, the forms and the comment of the request, or `Refused` saying what is wrong."""
    action = request.POST.get("action", "")
    if action not in dict(actions_for(request.user)):
        raise Refused(_("没有这个批量操作，或您的角色不能执行它。"))
    comment = request.POST.get("comment", "").strip()
    if len(comment) > COMMENT_MAX:
        raise Refused(_("意见不能超过 %(n)s 个字符。") % {"n": COMMENT_MAX})
    if action == "return" and not comment:
        raise Refused(_("批量退回时必须填写退回意见，说明需要修改的内容。"))
    return action, _ids(request.POST.getlist("ids")), comment


@require_POST
@login_required
def form_batch(request: HttpRequest) -> HttpResponse:
    try:
        action, ids, comment = _checked(request)
    except Refused as refused:
        return render(request, "error.html", {"message": str(refused)}, status=400)
    try:
        outcomes = _outcomes(request, action, ids, comment)
    except (Refused, rounds.Refused) as refused:
        return render(request, "error.html", {"message": str(refused)}, status=400)
    context = {
        "action": LABELS[action],
        "outcomes": outcomes,
        "done": sum(o.done for o in outcomes),
        "refused": sum(not o.done for o in outcomes),
    }
    return render(request, "forms/batch_result.html", context)


def _outcomes(request: HttpRequest, action: str, ids: list[int], comment: str) -> list:
    if action == "round":
        return batch.to_round(request.user, ids, _round(request))
    return batch.run(request.user, ids, action, comment)
