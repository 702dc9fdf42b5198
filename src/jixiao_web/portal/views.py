"""Public portal: published forms only, by year and unit, each as the standard table. No login."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from jixiao_web.forms.models import Form, Status
from jixiao_web.forms.views import paper_context
from jixiao_web.params import MAX_ID, MAX_YEAR, int_param
from jixiao_web.units.models import Unit


def published() -> object:
    return Form.objects.filter(status=Status.PUBLISHED).select_related("unit", "unit__parent")


def portal_index(request: HttpRequest) -> HttpResponse:
    forms = published()
    years = sorted({y for y in forms.values_list("budget_year_id", flat=True) if y}, reverse=True)
    year = int_param(request.GET, "year", MAX_YEAR)
    unit = int_param(request.GET, "unit", MAX_ID)
    if year is not None:
        forms = forms.filter(budget_year_id=year)
    if unit is not None:
        forms = forms.filter(unit_id=unit)
    units = Unit.objects.filter(forms__status=Status.PUBLISHED).distinct()
    context = {
        "forms": forms.order_by("-budget_year_id", "unit__name", "seq"),
        "years": years,
        "units": units,
        "year": None if year is None else str(year),  # compared with the options' text
        "unit": None if unit is None else str(unit),
    }
    return render(request, "portal/index.html", context)


def portal_form(request: HttpRequest, pk: int) -> HttpResponse:
    form = get_object_or_404(published(), pk=pk)
    context = paper_context(form, [])
    context["public"] = True
    return render(request, "portal/form.html", context)
