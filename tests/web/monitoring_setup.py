"""Shared starting points of the monitoring tests: the seed's forms approved or published, a
round open as of July, and posting an entry as the page does."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from tests.web.conftest import put_in


def approve(imported, count: int = 4) -> list:
    """The seed's first `count` forms approved (the first published), as stored rows."""
    from jixiao_web.forms.models import Form, Status

    forms = imported.forms[:count]
    for i, form in enumerate(forms):
        put_in(form, Status.PUBLISHED if i == 0 else Status.APPROVED)
    return list(Form.objects.filter(pk__in=[f.pk for f in forms]).order_by("pk"))


def open_round(people, month: int = 7):
    from jixiao_web.monitoring.rounds import open_round as opened
    from jixiao_web.units.models import BudgetYear

    return opened(people.admin, BudgetYear.objects.get().year, month)


def entry_url(round_, form, name: str = "monitoring:entry") -> str:
    return reverse(name, args=[round_.pk, form.pk])


def post_data(
    rows: dict[int, dict[str, str]], spent: str = "", expected: str = "", **extra
) -> dict:
    """The entry page's fields: amounts and, per row index, its fields."""
    data = {"spent": spent, "expected": expected, "version": "0", **extra}
    for i, row in rows.items():
        data.update({f"row-{i}-{k}": v for k, v in row.items()})
    return data


def core_light(form, month: int, spent: str, rows: dict[int, dict[str, str]]):
    """The core's FormLights of `form` with these values, computed here without the web app's
    conversion: the core's blank sheet, the values put in, `monitor`."""
    from dataclasses import replace

    from jixiao.evaluation import evaluation_settings
    from jixiao.evaluation.monitoring import blank, monitor
    from jixiao.review.engine import default_settings
    from jixiao_web.services.forms import to_core

    sheet = blank(to_core(form), month)
    filled = tuple(replace(r, **rows.get(i, {})) for i, r in enumerate(sheet.rows))
    sheet = replace(sheet, spent=Decimal(spent) if spent else None, rows=filled)
    return monitor(sheet, evaluation_settings(default_settings()))
