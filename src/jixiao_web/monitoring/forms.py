"""The posted form that opens a monitoring round (a Django form: its messages are Django's)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from jixiao_web.units.models import BudgetYear

MONTHS = [(m, str(m)) for m in range(1, 13)]


class OpenRoundForm(forms.Form):
    budget_year = forms.ModelChoiceField(
        BudgetYear.objects.all(), label=_("预算年度"), to_field_name="year"
    )
    month = forms.TypedChoiceField(label=_("截至月份"), choices=MONTHS, coerce=int, initial=7)
