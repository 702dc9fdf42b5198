"""Monitoring pages (docs/evaluation.md, "Monitoring in the app"): the rounds, a round's forms
and lights by unit, and a form's entry. Who may do what is asked of `accounts.permissions`;
the lights and problems are the core's (`sheets`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jixiao.errors import JixiaoError
from jixiao.evaluation.lights import Light
from jixiao.evaluation.monitoring import FormLights, unit_light
from jixiao.evaluation.writers import render_monitoring
from jixiao_web.accounts import permissions as perm
from jixiao_web.bilingual import local
from jixiao_web.downloads import attachment
from jixiao_web.forms.models import Form
from jixiao_web.monitoring import entries, sheets
from jixiao_web.monitoring.forms import OpenRoundForm
from jixiao_web.monitoring.models import Entry, Round
from jixiao_web.monitoring.rounds import Refused, close_round, covered, open_round
from jixiao_web.params import MAX_ID, int_param

EXPORTS = ("docx", "xlsx", "pdf")  # the monitoring report's formats offered (docs/evaluation.md)


def _seeing(request: HttpRequest) -> None:
    perm.require(perm.sees_monitoring(request.user))


@login_required
def index(request: HttpRequest) -> HttpResponse:
    _seeing(request)
    return _index(request, OpenRoundForm())


def _index(request: HttpRequest, form: OpenRoundForm, status: int = 200) -> HttpResponse:
    context = {"rounds": Round.objects.all(), "form": form}
    context["may_open"] = perm.may_administer(request.user)
    return render(request, "monitoring/index.html", context, status=status)


@require_POST
@login_required
def round_new(request: HttpRequest) -> HttpResponse:
    perm.require(perm.may_administer(request.user))
    form = OpenRoundForm(request.POST)
    if not form.is_valid():
        return _index(request, form, status=422)
    data = form.cleaned_data
    try:
        made = open_round(request.user, data["budget_year"].year, data["month"])
    except Refused as refused:
        messages.error(request, str(refused))
        return _index(request, form, status=422)
    messages.success(request, _("监控批次已开始，已通知相关单位。"))
    return redirect("monitoring:round", pk=made.pk)


@dataclass(frozen=True)
class FormLine:
    form: Form
    entry: Entry | None
    lit: FormLights

    @property
    def red(self) -> int:
        return self.lit.count(Light.RED)

    @property
    def yellow(self) -> int:
        return self.lit.count(Light.YELLOW)


@dataclass(frozen=True)
class UnitLines:
    unit: Any
    light: Any
    lines: list[FormLine]


def round_lines(user: Any, round_: Round, unit: int | None = None) -> list[UnitLines]:
    """The round's forms the user sees (of one unit, if given), lit by the core, grouped by
    unit with its light."""
    seen = perm.monitoring_forms(user).filter(pk__in=covered(round_).values("pk"))
    seen = seen if unit is None else seen.filter(unit_id=unit)
    forms = seen.select_related("unit").prefetch_related("indicators").order_by("unit__name", "pk")
    stored = {e.form_id: e for e in Entry.objects.filter(round=round_, form__in=seen)}
    units: dict[int, list[FormLine]] = {}
    using = sheets.settings(round_.budget_year_id)
    for form in forms:
        entry = stored.get(form.pk)
        lit = sheets.lights(sheets.base(form, round_.month), entries.typed_of(entry), using)
        units.setdefault(form.unit_id, []).append(FormLine(form, entry, lit))
    return [
        UnitLines(lines[0].form.unit, unit_light(line.lit for line in lines), lines)
        for lines in units.values()
    ]


@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _seeing(request)
    found = get_object_or_404(Round, pk=pk)
    context = {
        "round": found,
        "units": round_lines(request.user, found),
        "exports": EXPORTS,
        "may_close": perm.may_administer(request.user) and found.state == Round.State.OPEN,
    }
    return render(request, "monitoring/round.html", context)


@require_POST
@login_required
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    perm.require(perm.may_administer(request.user))
    found = get_object_or_404(Round, pk=pk)
    try:
        close_round(request.user, found)
    except Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("监控批次已结束。"))
    return redirect("monitoring:round", pk=pk)


@login_required
def report(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """A unit's monitoring report (GET `unit`) in `kind` (docx, xlsx, pdf), written by the
    core's writer from the lights the core gives its forms: only the forms the user sees."""
    _seeing(request)
    found = get_object_or_404(Round, pk=pk)
    unit = int_param(request.GET, "unit", MAX_ID)
    lines = round_lines(request.user, found, unit) if unit is not None else []
    if kind not in EXPORTS or not lines:
        raise Http404
    forms = [line.lit for line in lines[0].lines]
    try:
        name, media_type, data = render_monitoring(lines[0].unit.name, found.month, forms, kind)
    except JixiaoError as exc:
        return render(request, "error.html", {"message": local(exc.text)}, status=422)
    return attachment(data, media_type, name, f"jixiao-monitoring-{found.pk}-{unit}.{kind}")
