"""Budget years and units are kept by the finance administrator in Django's admin.

Units are merged here (the action "合并所选单位"): the forms, members and units under the merged
units move to the unit kept, and their names become its aliases (`services.units.merge`).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import Count, QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jixiao_web.services import units
from jixiao_web.units.models import BudgetYear, Unit, UnitAlias


@admin.register(BudgetYear)
class BudgetYearAdmin(admin.ModelAdmin):
    list_display = ("year", "scheme")


class AliasInline(admin.TabularInline):
    model = UnitAlias
    fields = ("name", "merged_at")
    readonly_fields = ("name", "merged_at")
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "parent", "form_count")
    search_fields = ("name", "aliases__name")
    list_filter = ("parent",)
    autocomplete_fields = ("parent",)
    inlines = (AliasInline,)
    actions = ("merge_units",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Unit]:
        return super().get_queryset(request).annotate(n_forms=Count("forms"))

    @admin.display(description=gettext_lazy("表单数"), ordering="n_forms")
    def form_count(self, unit: Unit) -> int:
        return unit.n_forms  # type: ignore[attr-defined]

    @admin.action(description=gettext_lazy("合并所选单位…"))
    def merge_units(self, request: HttpRequest, queryset: QuerySet[Unit]) -> HttpResponse | None:
        chosen = list(queryset.order_by("name"))
        if len(chosen) < 2:
            self.message_user(request, _("请至少选择两个单位。"), messages.WARNING)
            return None
        keep = request.POST.get("keep")
        if keep is None or not keep.isdecimal():
            context = {
                **self.admin_site.each_context(request),
                "title": _("合并单位"),
                "units": chosen,
                "opts": self.model._meta,
                "selected": [u.pk for u in chosen],
            }
            return TemplateResponse(request, "admin/units/merge.html", context)
        target = next((u for u in chosen if u.pk == int(keep)), None)
        if target is None:
            self.message_user(request, _("要保留的单位不在所选单位中。"), messages.ERROR)
            return None
        for source in chosen:
            if source.pk != target.pk:
                self._merge_one(request, source, target)
        return None

    def _merge_one(self, request: HttpRequest, source: Unit, target: Unit) -> None:
        """One merge, atomic on its own; a refused one (services/units.py) says why."""
        try:
            moved = units.merge(source, target, request.user)
        except units.UnitRefused as exc:
            self.message_user(request, str(exc), messages.ERROR)
            return
        self.message_user(
            request,
            _("已将“%(from)s”合并到“%(into)s”：表单 %(forms)s 张，用户 %(members)s 个。") % moved,
        )
