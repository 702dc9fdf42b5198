"""Dashboard: funds by unit, category and grade; review scores; the most common findings."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Count, Max, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jixiao.review import score_bands
from jixiao_web.accounts import permissions as perm
from jixiao_web.dashboard.todo import waiting
from jixiao_web.forms.models import Form
from jixiao_web.reviews.models import Finding

CACHE_SECONDS = 600


def _money(value: Decimal | None) -> Decimal:
    return value if value is not None else Decimal(0)  # sums of money stay exact


def _by(forms: QuerySet[Form], key: str) -> list[dict[str, Any]]:
    rows = forms.values(key).annotate(n=Count("id"), total=Sum("request_yuan")).order_by("-total")
    return [
        {"label": r[key] or "（空）", "count": r["n"], "total": _money(r["total"])} for r in rows
    ]


def _scores(forms: QuerySet[Form]) -> list[dict[str, Any]]:
    out = []
    for grade, low, end in score_bands():  # the review's grade bands, never a copy of them
        band = (
            forms.filter(score__gte=low)
            if end is None
            else forms.filter(score__gte=low, score__lt=end)
        )
        label = f"≥{low}" if end is None else (f"<{end}" if not low else f"{low}–{end}")
        out.append({"label": f"{grade}（{label}）", "grade": grade, "count": band.count()})
    out.append({"label": "未审核", "count": forms.filter(score__isnull=True).count()})
    return out


def _top_findings(forms: QuerySet[Form], limit: int = 10) -> list[dict[str, Any]]:
    rows = (
        Finding.objects.filter(
            form__in=forms.values("pk"), run_id__in=forms.values("review_run_id")
        )
        .values("category", "rule")
        .annotate(n=Count("id"))
        .order_by("-n", "rule")[:limit]
    )
    return [{"category": r["category"], "rule": r["rule"], "count": r["n"]} for r in rows]


def data_version() -> str:
    """Changes whenever a form is added, removed, edited, moved on or reviewed again."""
    # Three queries, not one: each is answered from its own index without reading the table.
    count = Form.objects.count()
    changed = Form.objects.aggregate(m=Max("updated_at"))["m"]
    run = Form.objects.aggregate(m=Max("review_run_id"))["m"]
    return f"{count}:{changed}:{run}"


def figures(forms: QuerySet[Form]) -> dict[str, Any]:
    return {
        "units": _by(forms, "unit__name"),
        "categories": _by(forms, "project_category"),
        "grades": _by(forms, "grade"),
        "scores": _scores(forms),
        "findings": _top_findings(forms),
        "totals": forms.aggregate(n=Count("id"), total=Sum("request_yuan")),
    }


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    scope = perm.scope(request.user)
    # The aggregates cost a scan of every form and finding: keep them until the data changes,
    # for the forms this user sees (the scope says which: two users of one scope share them).
    key = "dashboard:" + hashlib.sha256(f"{scope.key}:{data_version()}".encode()).hexdigest()
    data = cache.get(key)
    if data is None:
        data = figures(scope.filter(Form.objects.order_by()))
        cache.set(key, data, CACHE_SECONDS)
    context = {"data": data, "totals": data["totals"], "todo": waiting(request.user)}
    return render(request, "dashboard/index.html", context)
