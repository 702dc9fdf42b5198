"""The posted forms of the expert pages: a new round, an expert's profile (Django forms: their
messages are Django's own, translated)."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from jixiao_web.accounts.models import Role
from jixiao_web.units.models import BudgetYear

MAX_FIELDS = 20


class OpenRoundForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=200)
    budget_year = forms.ModelChoiceField(
        BudgetYear.objects.all(), label=_("预算年度"), to_field_name="year"
    )
    experts_per_form = forms.IntegerField(
        label=_("每表专家数"), min_value=1, max_value=9, initial=2
    )
    margin = forms.DecimalField(
        label=_("分歧阈值（分）"),
        min_value=Decimal(0),
        max_value=Decimal(100),
        decimal_places=2,
        initial=10,
    )
    lead = forms.ModelChoiceField(None, label=_("组长"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        from django.contrib.auth.models import User

        self.fields["lead"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            membership__role=Role.EXPERT, is_active=True
        ).order_by("username")


def split_fields(text: str) -> list[str]:
    """Fields of work as typed: separated by commas, 、, semicolons or new lines."""
    parts = (p.strip() for p in re.split(r"[,，、;；\n]+", text or ""))
    return list(dict.fromkeys(p for p in parts if p))


class ProfileForm(forms.Form):
    fields_text = forms.CharField(label=_("专业领域"), required=False, max_length=500)
    active = forms.BooleanField(label=_("在库"), required=False)
    note = forms.CharField(label=_("备注"), required=False, max_length=2000)

    def clean_fields_text(self) -> list[str]:
        found = split_fields(self.cleaned_data["fields_text"])
        if len(found) > MAX_FIELDS or any(len(f) > 50 for f in found):
            raise forms.ValidationError(_("专业领域最多 20 项，每项不超过 50 字。"))
        return found
