"""Expert rounds' pages for the finance administrator (docs/workflow.md, "Expert rounds"):
the rounds and the year's setting, the expert pool, a round's forms and experts, its results.
The experts' own pages (their tasks and score sheets) are in `sheets.py`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jixiao.exporters.xlsx_export import MEDIA_TYPE as XLSX
from jixiao_web.accounts import permissions as perm
from jixiao_web.accounts.models import Role
from jixiao_web.downloads import attachment
from jixiao_web.experts import sheets
from jixiao_web.experts.forms import OpenRoundForm, ProfileForm
from jixiao_web.experts.models import Assignment, ExpertProfile, Round
from jixiao_web.forms.models import Form
from jixiao_web.params import MAX_ID, int_param
from jixiao_web.services import rounds
from jixiao_web.services import sheets as sheet_service
from jixiao_web.units.models import BudgetYear


def _admin(request: HttpRequest) -> None:
    perm.require(perm.may_administer(request.user))


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The administrator's rounds; an expert's own tasks."""
    if perm.role(request.user) == Role.EXPERT:
        return sheets.tasks(request)
    _admin(request)
    return _index(request, OpenRoundForm())


def _index(request: HttpRequest, form: OpenRoundForm, status: int = 200) -> HttpResponse:
    context = {
        "rounds": Round.objects.select_related("lead"),
        "form": form,
        "years": BudgetYear.objects.all(),
    }
    return render(request, "experts/index.html", context, status=status)


@require_POST
@login_required
def round_new(request: HttpRequest) -> HttpResponse:
    _admin(request)
    form = OpenRoundForm(request.POST)
    if not form.is_valid():
        return _index(request, form, status=422)
    try:
        made = rounds.open_round(request.user, **form.cleaned_data)
    except rounds.Refused as refused:
        messages.error(request, str(refused))
        return _index(request, form, status=422)
    messages.success(request, _("评审批次已创建，请加入表单并分配专家。"))
    return redirect("experts:round", pk=made.pk)


@require_POST
@login_required
def year_setting(request: HttpRequest, year: int) -> HttpResponse:
    """Whether the year's forms need an expert round before finance approves them."""
    _admin(request)
    found = get_object_or_404(BudgetYear, year=year)
    found.expert_review = request.POST.get("expert_review") == "on"
    found.save(update_fields=["expert_review"])
    messages.success(
        request,
        _("%(y)s 年度已设为需专家评审。") % {"y": year}
        if found.expert_review
        else _("%(y)s 年度已设为无需专家评审。") % {"y": year},
    )
    return redirect("experts:index")


@login_required
def pool(request: HttpRequest) -> HttpResponse:
    """The expert pool: every user whose role is expert, with their fields of work."""
    _admin(request)
    return render(request, "experts/pool.html", {"experts": rounds.experts(), "errors": {}})


@require_POST
@login_required
def pool_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """An expert's fields of work, active flag and note; the profile is made on first edit."""
    _admin(request)
    expert = get_object_or_404(rounds.experts(), pk=pk)
    form = ProfileForm(request.POST)
    if not form.is_valid():
        errors = {expert.pk: [e for es in form.errors.values() for e in es]}
        context = {"experts": rounds.experts(), "errors": errors}
        return render(request, "experts/pool.html", context, status=422)
    data = form.cleaned_data
    ExpertProfile.objects.update_or_create(
        user=expert,
        defaults={"fields": data["fields_text"], "active": data["active"], "note": data["note"]},
    )
    messages.success(request, _("已保存专家“%(u)s”的资料。") % {"u": expert.get_username()})
    return redirect("experts:pool")


def _round(request: HttpRequest, pk: int) -> Round:
    _admin(request)
    return get_object_or_404(Round.objects.select_related("lead", "budget_year"), pk=pk)


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    found = _round(request, pk)
    context = {
        "round": found,
        "results": sheet_service.results(found),
        "candidates": rounds.candidates(found) if found.state == Round.State.OPEN else [],
        "experts": rounds.experts().filter(is_active=True),
        "outcome": request.session.pop("round_outcome", None),
    }
    return render(request, "experts/round.html", context)


def _ids(request: HttpRequest, name: str) -> list[int]:
    values = request.POST.getlist(name)
    return [n for v in values if (n := int_param({name: v}, name, MAX_ID)) is not None]


def _refused(request: HttpRequest, refused: Exception, pk: int) -> HttpResponse:
    messages.error(request, str(refused))
    return redirect("experts:round", pk=pk)


@require_POST
@login_required
def round_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Forms join the round; the page lists what became of each."""
    found = _round(request, pk)
    chosen = list(Form.objects.filter(pk__in=_ids(request, "form")).order_by("pk"))
    if not chosen:
        return _refused(request, rounds.Refused(_("请先勾选要加入的表单。")), pk)
    try:
        outcome = rounds.add_forms(request.user, found, chosen)
    except rounds.Refused as refused:
        return _refused(request, refused, pk)
    request.session["round_outcome"] = [
        {"name": r.form.project_name or f"#{r.form.pk}", "added": r.added, "reason": r.reason}
        for r in outcome
    ]
    return redirect("experts:round", pk=pk)


@require_POST
@login_required
def round_assign(request: HttpRequest, pk: int) -> HttpResponse:
    found = _round(request, pk)
    try:
        plan = rounds.assign_automatically(request.user, found)
    except rounds.Refused as refused:
        return _refused(request, refused, pk)
    made = sum(len(p) for p in plan.picks.values())
    messages.success(request, _("已自动分配 %(n)s 份评分任务。") % {"n": made})
    if plan.short:
        names = Form.objects.filter(pk__in=plan.short).values_list("project_name", flat=True)
        messages.error(
            request,
            _("以下表单可回避规则下的专家不足 %(n)s 人：%(forms)s")
            % {"n": found.experts_per_form, "forms": "、".join(n or "-" for n in names)},
        )
    return redirect("experts:round", pk=pk)


@require_POST
@login_required
def round_hand(request: HttpRequest, pk: int) -> HttpResponse:
    """One expert put on one form of the round by hand."""
    found = _round(request, pk)
    form = get_object_or_404(Form, pk=int_param(request.POST, "form", MAX_ID) or 0)
    expert = get_object_or_404(User, pk=int_param(request.POST, "expert", MAX_ID) or 0)
    try:
        rounds.assign_by_hand(request.user, found, form, expert)
    except rounds.Refused as refused:
        return _refused(request, refused, pk)
    messages.success(request, _("已分配专家“%(u)s”。") % {"u": expert.get_username()})
    return redirect("experts:round", pk=pk)


@require_POST
@login_required
def round_unassign(request: HttpRequest, pk: int) -> HttpResponse:
    """An expert taken off a form (`pk`: the assignment), back to its round's page."""
    _admin(request)
    taken = get_object_or_404(Assignment.objects.select_related("round"), pk=pk)
    try:
        rounds.unassign(request.user, taken.round, taken)
    except rounds.Refused as refused:
        return _refused(request, refused, taken.round_id)
    messages.success(request, _("已撤销分配。"))
    return redirect("experts:round", pk=taken.round_id)


@require_POST
@login_required
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    found = _round(request, pk)
    try:
        rounds.close_round(request.user, found)
    except rounds.Refused as refused:
        return _refused(request, refused, pk)
    messages.success(request, _("评审批次已结束。"))
    return redirect("experts:round", pk=pk)


@login_required
def results(request: HttpRequest, pk: int) -> HttpResponse:
    found = _round(request, pk)
    context = {
        "round": found,
        "results": sheet_service.results(found),
        "lines": sheet_service.lines(),
    }
    return render(request, "experts/results.html", context)


@login_required
def results_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    found = _round(request, pk)
    name = f"jixiao-round-{found.pk}.xlsx"
    return attachment(sheet_service.workbook(found), XLSX, name, name)
