"""Roles in Django's admin, kept for superusers; the finance administrator's pages are /manage/
(jixiao_web.people, docs/people.md). Both follow the rules of services/people.py."""

from typing import Any

from django import forms
from django.contrib import admin

from jixiao_web.accounts.models import Membership
from jixiao_web.services.people import unit_refusal


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ("user", "role", "unit")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        why = unit_refusal(data.get("role", ""), data.get("unit"))
        if why:
            self.add_error("unit", why)
        return data


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    form = MembershipForm
    list_display = ("user", "role", "unit")
    list_filter = ("role",)
    search_fields = ("user__username", "unit__name")
    autocomplete_fields = ("unit",)
