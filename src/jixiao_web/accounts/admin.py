"""Users' roles are set by the finance administrator in Django's admin."""

from django.contrib import admin

from jixiao_web.accounts.models import Membership


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "unit")
    list_filter = ("role",)
    search_fields = ("user__username", "unit__name")
    autocomplete_fields = ("unit",)
