"""The year's self-evaluations at a glance (finance's 汇总): scores and grades by unit, execution
rates, as charts (the dashboard's ECharts) with the same figures in tables beneath them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Avg, Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jixiao_web.bilingual import grade_name
from jixiao_web.params import MAX_YEAR, int_param
from jixiao_web.selfeval.models import SelfEval
from jixiao_web.services import selfeval_flow as flow
from jixiao_web.services.selfeval import settings_for


def _two(value: Decimal | None) -> str | None:
    return None if value is None else f"{value.quantize(Decimal('0.01'))}"


def by_unit(shown: QuerySet[SelfEval]) -> list[dict[str, Any]]:
    """Per unit: how many, how many scored, their average score and execution rate."""
    rows = (
        shown.values("form__unit__name")
        .annotate(n=Count("id"), scored=Count("score"), avg=Avg("score"), rate=Avg("rate"))
        .order_by("form__unit__name")
    )
    return [
        {
            "label": r["form__unit__name"],
            "count": r["n"],
            "scored": r["scored"],
            "score": _two(r["avg"]),
            "rate": _two(r["rate"]),
        }
        for r in rows
    ]


def by_grade(shown: QuerySet[SelfEval], year: int) -> list[dict[str, Any]]:
    """How many in each grade of the year's settings, best first, and those not yet scored."""
    counts = dict(shown.values_list("grade").annotate(n=Count("id")))
    grades = [g for _, g in settings_for(year).grade_bands]
    rows = [{"label": grade_name(g), "count": counts.get(g, 0)} for g in grades]
    return [*rows, {"label": "—", "count": counts.get("", 0)}]


@login_required
def selfeval_summary(request: HttpRequest) -> HttpResponse:
    visible = flow.visible(request.user)
    years = sorted(set(visible.values_list("year", flat=True)), reverse=True)
    year = int_param(request.GET, "year", MAX_YEAR) or (years[0] if years else None)
    shown = visible.filter(year=year) if year is not None else visible.none()
    data = {"units": by_unit(shown), "grades": by_grade(shown, year) if year else []}
    rates = shown.filter(rate__isnull=False).order_by("rate")
    context = {"data": data, "year": year, "years": years, "rates": rates[:200]}
    return render(request, "selfeval/summary.html", context)
