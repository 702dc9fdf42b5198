"""单位管理: the tree of departments and units; create, rename, move, merge (docs/units.md).
The rules are services/units.py's (names, one level of units, merge); the unit signals audit
each change. A refused change writes nothing and shows why."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from jixiao_web.people.access import admin_only
from jixiao_web.people.forms import MergeForm, UnitForm, unit_tree
from jixiao_web.services import units
from jixiao_web.units.models import Unit


def _counts() -> dict[int, tuple[int, int]]:
    """(forms, users) of each unit."""
    rows = Unit.objects.annotate(
        n_forms=Count("forms", distinct=True), n_users=Count("membership", distinct=True)
    ).values_list("pk", "n_forms", "n_users")
    return {pk: (forms, users) for pk, forms, users in rows}


def _list_page(request: HttpRequest, status: int = 200, **forms: Any) -> HttpResponse:
    context = {
        "tree": unit_tree(),
        "counts": _counts(),
        "new_form": forms.get("new_form") or UnitForm(),
        "merge_form": forms.get("merge_form") or MergeForm(),
        "error": forms.get("error"),
    }
    return render(request, "people/units.html", context, status=status)


@admin_only
def unit_list(request: HttpRequest) -> HttpResponse:
    return _list_page(request)


@admin_only
def unit_new(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("people:units")
    form = UnitForm(request.POST)
    if not form.is_valid():
        return _list_page(request, 400, new_form=form)
    try:
        made = units.create(form.cleaned_data["name"], form.cleaned_data["parent"], request.user)
    except units.UnitRefused as exc:
        form.add_error("name", str(exc))
        return _list_page(request, 400, new_form=form)
    messages.success(request, _("已新建“%(u)s”。") % {"u": made.name})
    return redirect("people:units")


@admin_only
def unit_merge(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect("people:units")
    form = MergeForm(request.POST)
    chosen = form.cleaned_data if form.is_valid() else {}
    source, target = chosen.get("source"), chosen.get("target")
    if source is None or target is None:
        return _list_page(request, 400, merge_form=form, error=_("请选择两个单位。"))
    try:
        moved = units.merge(source, target, request.user)
    except units.UnitRefused as exc:
        return _list_page(request, 400, merge_form=form, error=str(exc))
    messages.success(
        request,
        _("已将“%(from)s”合并到“%(into)s”：表单 %(forms)s 张，用户 %(members)s 个。") % moved,
    )
    return redirect("people:units")


def _unit_page(
    request: HttpRequest, unit: Unit, form: UnitForm | None, status: int
) -> HttpResponse:
    initial = {"name": unit.name, "parent": unit.parent_id}
    context = {
        "unit": unit,
        "form": form or UnitForm(initial=initial),
        "members": unit.membership_set.select_related("user").order_by("user__username"),
        "aliases": unit.aliases.order_by("name"),
        "children": unit.children.order_by("name"),
    }
    return render(request, "people/unit.html", context, status=status)


@admin_only
def unit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Rename and move in one form: each changed only when it differs."""
    unit = get_object_or_404(Unit, pk=pk)
    if request.method != "POST":
        return _unit_page(request, unit, None, 200)
    form = UnitForm(request.POST)
    if not form.is_valid():
        return _unit_page(request, unit, form, 400)
    try:
        units.change(unit, form.cleaned_data["name"], form.cleaned_data["parent"], request.user)
    except units.UnitRefused as exc:
        form.add_error(None, str(exc))
        return _unit_page(request, Unit.objects.get(pk=pk), form, 400)
    messages.success(request, _("已保存“%(u)s”。") % {"u": unit.name})
    return redirect("people:unit", pk=unit.pk)
