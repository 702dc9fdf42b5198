"""An expert's own pages: the forms assigned to them (what is left to do) and the score sheet
of each, beside the form's paper layout with the automatic review's score and findings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from jixiao.errors import JixiaoError
from jixiao_web.accounts import permissions as perm
from jixiao_web.accounts.models import Role
from jixiao_web.bilingual import local
from jixiao_web.experts.models import Assignment, Round
from jixiao_web.forms.views import paper_context
from jixiao_web.reviews.models import Finding
from jixiao_web.services import sheets


def tasks(request: HttpRequest) -> HttpResponse:
    """The expert's assignments, those still to score first."""
    mine = (
        Assignment.objects.filter(expert=request.user)
        .select_related("form", "form__unit", "round")
        # those to score first on every database (PostgreSQL sorts NULL last by default)
        .order_by(
            F("submitted_at").asc(nulls_first=True), "round__name", "form__project_name", "pk"
        )
    )
    todo = sum(1 for a in mine if a.submitted_at is None and a.round.state == Round.State.OPEN)
    return render(request, "experts/tasks.html", {"assignments": mine, "todo": todo})


def _mine(request: HttpRequest, pk: int) -> Assignment:
    """The user's own assignment: anyone else's is not found (its existence is not told)."""
    perm.require(perm.role(request.user) == Role.EXPERT)
    return get_object_or_404(
        Assignment.objects.select_related("form", "form__unit", "form__unit__parent", "round"),
        pk=pk,
        expert=request.user,
    )


@login_required
def sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """The score sheet: GET shows it; POST saves it as a draft or hands it in (`hand_in`)."""
    assignment = _mine(request, pk)
    if request.method == "POST":
        return _post(request, assignment)
    return _render(request, assignment, typed=None)


def _post(request: HttpRequest, assignment: Assignment) -> HttpResponse:
    hand_in = "hand_in" in request.POST
    try:
        sheets.save(assignment, request.POST, hand_in)
    except sheets.Frozen:
        messages.error(request, _("评分表已提交或评审已结束，不能再修改。"))
        return redirect("experts:sheet", pk=assignment.pk)
    except (JixiaoError, sheets.Incomplete) as bad:
        text = local(bad.text) if isinstance(bad, JixiaoError) else str(bad)
        return _render(request, assignment, typed=request.POST, error=text, status=422)
    messages.success(request, _("评分表已提交。") if hand_in else _("评分已暂存。"))
    return redirect("experts:sheet", pk=assignment.pk)


def _render(
    request: HttpRequest, assignment: Assignment, typed: object, error: str = "", status: int = 200
) -> HttpResponse:
    form = assignment.form
    findings = (
        list(Finding.objects.filter(run_id=form.review_run_id, form=form))
        if form.review_run_id
        else []
    )
    stored = sheets.stored(assignment)
    rows = [
        {
            "line": ln,
            "checks": local(ln.criterion.checks),
            "score": _typed(typed, f"score_{ln.criterion.code}", stored.get(ln.criterion.code)),
            "comment": _typed(
                typed,
                f"comment_{ln.criterion.code}",
                (assignment.comments or {}).get(ln.criterion.code, ""),
            ),
        }
        for ln in sheets.lines()
    ]
    frozen = assignment.submitted_at is not None or assignment.round.state != Round.State.OPEN
    context = paper_context(form, findings)
    context.update(assignment=assignment, rows=rows, frozen=frozen, error=error)
    return render(request, "experts/sheet.html", context, status=status)


def _typed(typed: object, name: str, stored: object) -> object:
    """What was typed (shown again after a refusal), else what is stored."""
    if typed is not None:
        return typed.get(name, "")  # type: ignore[attr-defined]
    return "" if stored is None else stored
