"""Budget years and units are kept by the finance administrator in Django's admin."""

from django.contrib import admin

from jixiao_web.units.models import BudgetYear, Unit


@admin.register(BudgetYear)
class BudgetYearAdmin(admin.ModelAdmin):
    list_display = ("year", "scheme")


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "parent")
    search_fields = ("name",)
    list_filter = ("parent",)
