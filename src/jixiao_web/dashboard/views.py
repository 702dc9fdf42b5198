"""Dashboard: funds by unit, category and grade; review scores; the most common findings; for
one budget year (the latest by default) or all, and one status or all (GET `year`, `status`)."""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db.models import Count, Max, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from jixiao.review import score_bands
from jixiao.review.model import category_labels
from jixiao_web.accounts import permissions as perm
from jixiao_web.bilingual import english, grade_name
from jixiao_web.dashboard.todo import waiting
from jixiao_web.forms.models import Form, Status
from jixiao_web.monitoring.summary import summary as monitoring_summary
from jixiao_web.params import MAX_YEAR, int_param
from jixiao_web.reviews.models import Finding

CACHE_SECONDS = 600


def _money(value: Decimal | None) -> Decimal:
    return value if value is not None else Decimal(0)  # sums of money stay exact


def _by(forms: QuerySet[Form], key: str) -> list[dict[str, Any]]:
    rows = forms.values(key).annotate(n=Count("id"), total=Sum("request_yuan")).order_by("-total")
    return [{"label": r[key], "count": r["n"], "total": _money(r["total"])} for r in rows]


def _scores(forms: QuerySet[Form]) -> list[dict[str, Any]]:
    out = []
    for grade, low, end in score_bands():  # the review's grade bands, never a copy of them
        band = (
            forms.filter(score__gte=low)
            if end is None
            else forms.filter(score__gte=low, score__lt=end)
        )
        label = f"≥{low}" if end is None else (f"<{end}" if not low else f"{low}–{end}")
        row = {"label": f"{grade}（{label}）", "grade": grade, "band": label}
        out.append({**row, "count": band.count()})
    out.append({"label": "未审核", "count": forms.filter(score__isnull=True).count()})
    return out


def _findings(forms: QuerySet[Form]) -> QuerySet[Finding]:
    """The findings of the latest review of each of `forms`."""
    return Finding.objects.filter(
        form__in=forms.values("pk"), run_id__in=forms.values("review_run_id")
    )


def _top_findings(forms: QuerySet[Form], limit: int = 10) -> list[dict[str, Any]]:
    rows = _findings(forms).values("category", "rule").annotate(n=Count("id"))
    rows = rows.order_by("-n", "rule")[:limit]
    return [{"category": r["category"], "rule": r["rule"], "count": r["n"]} for r in rows]


def _by_category(forms: QuerySet[Form]) -> list[dict[str, Any]]:
    rows = _findings(forms).values("category").annotate(n=Count("id")).order_by("-n", "category")
    return [{"category": r["category"], "count": r["n"]} for r in rows]


def _shown(data: dict[str, Any]) -> dict[str, Any]:
    """The figures (kept alike for every language) as the page shows them: the grades and the
    words of the labels in the page's language, the findings chart by category name."""
    empty = _("（空）")
    scores = [
        {**r, "label": f"{grade_name(r['grade'])} ({r['band']})" if english() else r["label"]}
        if r.get("grade")
        else {**r, "label": _("未审核")}
        for r in data["scores"]
    ]
    return {
        **data,
        "units": [{**r, "label": r["label"] or empty} for r in data["units"]],
        "categories": [{**r, "label": r["label"] or empty} for r in data["categories"]],
        "grades": [{**r, "label": grade_name(r["label"]) or _("未审核")} for r in data["grades"]],
        "scores": scores,
        "finding_categories": _named(data["finding_categories"]),
    }


def _named(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The findings chart's bars: each category by its name in the page's language."""
    names = category_labels("en" if english() else "zh")
    return [{**r, "label": names.get(r["category"], r["category"])} for r in rows]


def _years(forms: QuerySet[Form]) -> list[int]:
    """The budget years of `forms`, latest first."""
    years = forms.values_list("budget_year_id", flat=True).distinct()
    return sorted({y for y in years if y}, reverse=True)


def choices(params: Any, years: list[int]) -> dict[str, Any]:
    """The filters asked for: `year` absent is the latest of `years`, empty is every year (a
    year that is no number is refused as on the list page, `params.py`); a status no form can
    have is every status, as on the list page (`services.listing`)."""
    year = int_param(params, "year", MAX_YEAR) if "year" in params else (years or [None])[0]
    status = params.get("status") if params.get("status") in Status.values else None
    return {"year": year, "status": status, "years": years}


def narrowed(forms: QuerySet[Form], chosen: dict[str, Any]) -> QuerySet[Form]:
    if chosen["year"] is not None:
        forms = forms.filter(budget_year_id=chosen["year"])
    if chosen["status"]:
        forms = forms.filter(status=chosen["status"])
    return forms


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
        "finding_categories": _by_category(forms),
        "totals": forms.aggregate(n=Count("id"), total=Sum("request_yuan")),
    }


def _hashed(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    scope = perm.scope(request.user)
    visible = scope.filter(Form.objects.order_by())
    # The aggregates cost a scan of every form and finding: keep them until the data changes,
    # for the forms this user sees (the scope says which: two users of one scope share them).
    seen = f"{scope.key}:{data_version()}"
    years_key = "dashboard-years:" + _hashed(seen)
    years = cache.get_or_set(years_key, lambda: _years(visible), CACHE_SECONDS)
    chosen = choices(request.GET, years)
    key = "dashboard:" + _hashed(f"{seen}:{chosen['year']}:{chosen['status']}")
    data = cache.get(key)
    if data is None:
        data = figures(narrowed(visible, chosen))
        cache.set(key, data, CACHE_SECONDS)
    shown = _shown(data)
    context = {"data": data, "shown": shown, "totals": data["totals"], "chosen": chosen}
    context.update(statuses=Status.choices, todo=waiting(request.user))
    context.update(monitoring=monitoring_summary(request.user))  # not cached: entries change
    return render(request, "dashboard/index.html", context)
