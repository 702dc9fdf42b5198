"""Public portal: published forms only, by year and unit, each as the standard table. No login.

The public sees a form's latest publication (`goals.Publication`), never the working copy: a
revision (调整) under way shows nothing until it is published in turn; the form's page lists
every version it was published in (docs/workflow.md).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from jixiao_web.forms.models import Form, Status
from jixiao_web.forms.views import paper_context
from jixiao_web.params import MAX_ID, MAX_YEAR, int_param
from jixiao_web.selfeval.models import SelfEval
from jixiao_web.services.forms import published_core
from jixiao_web.units.models import Unit


def published() -> QuerySet[Form]:
    """Forms with a publication, their current one fetched along."""
    return Form.objects.filter(publication__isnull=False).select_related(
        "unit", "unit__parent", "publication"
    )


def portal_index(request: HttpRequest) -> HttpResponse:
    forms = published()
    years = sorted(
        {y for y in forms.values_list("publication__budget_year", flat=True) if y}, reverse=True
    )
    year = int_param(request.GET, "year", MAX_YEAR)
    unit = int_param(request.GET, "unit", MAX_ID)
    if year is not None:
        forms = forms.filter(publication__budget_year=year)
    if unit is not None:
        forms = forms.filter(unit_id=unit)
    units = Unit.objects.filter(forms__publication__isnull=False).distinct()
    context = {
        "forms": forms.order_by("-publication__budget_year", "unit__name", "seq"),
        "years": years,
        "units": units,
        "year": None if year is None else str(year),  # compared with the options' text
        "unit": None if unit is None else str(unit),
    }
    return render(request, "portal/index.html", context)


def portal_form(request: HttpRequest, pk: int) -> HttpResponse:
    """A form as published; `?v=N` one of its earlier publications."""
    form = get_object_or_404(published(), pk=pk)
    versions = list(form.publications.defer("data").order_by("-number"))
    number = int_param(request.GET, "v", MAX_ID)
    shown = form.publication if number is None else form.publications.filter(number=number).first()
    if shown is None:
        raise Http404
    context = paper_context(form, [], published_core(shown))
    context.update(public=True, shown=shown, versions=versions)
    context["selfevals"] = published_selfevals().filter(form=form)
    return render(request, "portal/form.html", context)


def published_selfevals() -> QuerySet[SelfEval]:
    """Self-evaluations as published (their frozen tables), latest year first."""
    return (
        SelfEval.objects.filter(status=Status.PUBLISHED, published__isnull=False)
        .select_related("form", "form__unit")
        .order_by("-year", "form__unit__name", "form__seq", "id")
    )


def portal_selfevals(request: HttpRequest) -> HttpResponse:
    shown = published_selfevals()
    year = int_param(request.GET, "year", MAX_YEAR)
    years = sorted(set(shown.values_list("year", flat=True)), reverse=True)
    if year is not None:
        shown = shown.filter(year=year)
    context = {"evaluations": shown, "years": years, "year": year}
    return render(request, "portal/selfevals.html", context)


def portal_selfeval(request: HttpRequest, pk: int) -> HttpResponse:
    """A self-evaluation as published: the scored table frozen when it was published."""
    se = get_object_or_404(published_selfevals(), pk=pk)
    return render(request, "portal/selfeval.html", {"se": se, "table": se.published})
