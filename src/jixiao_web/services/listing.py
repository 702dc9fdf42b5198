"""The form list: search, filters and sort from query parameters, shared by page and export."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from jixiao_web.forms.models import Form, Status
from jixiao_web.params import MAX_ID, MAX_YEAR, int_param
from jixiao_web.services.todo import TODOS
from jixiao_web.units.models import Unit

SORTS: dict[str, tuple[str, ...]] = {
    "year": ("-budget_year_id", "unit_id", "seq", "id"),
    "name": ("project_name", "id"),
    "-name": ("-project_name", "-id"),
    "unit": ("unit__name", "seq", "id"),
    "funds": ("request_yuan", "id"),
    "-funds": ("-request_yuan", "-id"),
    "score": ("score", "id"),
    "-score": ("-score", "-id"),
    "findings": ("finding_count", "id"),
    "-findings": ("-finding_count", "-id"),
    "updated": ("-updated_at", "-id"),
}
SORT_LABELS = (
    ("year", _("年度、单位")),
    ("name", _("名称 ↑")),
    ("-name", _("名称 ↓")),
    ("unit", _("单位")),
    ("funds", _("资金 ↑")),
    ("-funds", _("资金 ↓")),
    ("score", _("得分 ↑")),
    ("-score", _("得分 ↓")),
    ("findings", _("问题数 ↑")),
    ("-findings", _("问题数 ↓")),
    ("updated", _("最近修改")),
)


def apply(forms: QuerySet[Form], params: Mapping[str, str], user: Any = None) -> QuerySet[Form]:
    """Filter and sort `forms` by the list's query parameters; unknown values (a grade, a
    status, a sort, a to-do) are ignored, a year or unit that is no number is refused
    (`BadParameter`). `user`: whose to-do `todo` means (`todo.TODOS`)."""
    # Units are looked up first so that the form table is filtered on its own narrow indexes.
    q = (params.get("q") or "").strip()
    if q:
        units = list(Unit.objects.filter(name__icontains=q).values_list("pk", flat=True))
        forms = forms.filter(Q(project_name__icontains=q) | Q(unit_id__in=units))
    year = int_param(params, "year", MAX_YEAR)
    if year:
        forms = forms.filter(budget_year_id=year)
    unit = int_param(params, "unit", MAX_ID)
    if unit:
        forms = forms.filter(unit_id__in=Unit.family_of(unit))
    grade = params.get("grade")
    if grade:
        forms = forms.filter(grade=grade)
    status = params.get("status")
    if status in Status.values:
        forms = forms.filter(status=status)
    category = params.get("category")
    if category:
        forms = forms.filter(finding_categories__contains=f"|{category}|")
    wanted = TODOS.get(params.get("todo") or "")
    if wanted is not None:
        forms = wanted.filter(forms, user)
    return forms.order_by(*SORTS.get(params.get("sort") or "", SORTS["year"]))


def units_for(forms: QuerySet[Form]) -> QuerySet[Unit]:
    """The units that appear in `forms` and their departments, for the unit filter."""
    ids = set(forms.order_by().values_list("unit_id", flat=True).distinct())
    parents = set(Unit.objects.filter(pk__in=ids).values_list("parent_id", flat=True))
    return Unit.objects.filter(pk__in=ids | (parents - {None}))


def page_of(forms: QuerySet[Form], number: int | None, size: int, columns: tuple[str, ...]) -> Page:
    """One page of the list: the ids are found on narrow indexes, then only those rows are read."""
    page = Paginator(forms.values_list("id", flat=True), size).get_page(number)
    page.object_list = rows_of(list(page.object_list), columns)
    return page


def rows_of(ids: list[int], columns: tuple[str, ...]) -> list[Form]:
    """The rows of `ids`, in that order, with only `columns` read (and their units)."""
    rows = Form.objects.filter(id__in=ids).select_related("unit").only(*columns).order_by()
    by_id = {row.pk: row for row in rows}
    return [by_id[i] for i in ids]
