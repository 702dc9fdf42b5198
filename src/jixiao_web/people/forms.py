"""The forms of the pages under /manage/: shapes only; the rules are in services/people.py and
services/units.py, which every page, the sheet import and the `adduser` command call."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from jixiao_web.accounts.models import Role
from jixiao_web.services.people import EMAIL_LENGTH, NAME_LENGTH, USERNAME_LENGTH
from jixiao_web.services.user_sheet import split_fields
from jixiao_web.units.models import Unit


def unit_tree() -> list[tuple[Unit, list[Unit]]]:
    """Departments (units without parent) with their units, by name."""
    everything = list(Unit.objects.order_by("name"))
    children: dict[int, list[Unit]] = {}
    for unit in everything:
        if unit.parent_id is not None:
            children.setdefault(unit.parent_id, []).append(unit)
    return [(u, children.get(u.pk, [])) for u in everything if u.parent_id is None]


def unit_choices(departments_only: bool = False) -> list[tuple[Any, str]]:
    """(id, label) of every unit, each department followed by its units (indented)."""
    choices: list[tuple[Any, str]] = []
    for department, units in unit_tree():
        choices.append((department.pk, department.name))
        if not departments_only:
            choices += [(u.pk, f"\u3000└ {u.name}") for u in units]
    return choices


class UnitField(forms.TypedChoiceField):
    """A unit chosen from the tree; empty is no unit."""

    def __init__(self, *, empty: Any, departments_only: bool = False, **kwargs: Any) -> None:
        super().__init__(coerce=int, empty_value=None, required=False, **kwargs)
        self.choices = [("", empty), *unit_choices(departments_only)]

    def clean(self, value: Any) -> Unit | None:
        pk = super().clean(value)
        return None if pk is None else Unit.objects.filter(pk=pk).first()


class MembershipForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=NAME_LENGTH, required=False, strip=True)
    role = forms.ChoiceField(label=_("角色"), choices=Role.choices)
    email = forms.CharField(label=_("邮箱"), max_length=EMAIL_LENGTH, required=False)
    fields_of_work = forms.CharField(
        label=_("专业领域"),
        required=False,
        help_text=_("仅评审专家填写，多项用、分隔。"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = UnitField(label=_("单位"), empty=_("（无单位）"))
        self.order_fields(["name", "role", "unit", "email", "fields_of_work"])

    def clean_fields_of_work(self) -> list[str]:
        """Split as the sheet import splits them (services/user_sheet.py)."""
        fields = split_fields(self.cleaned_data["fields_of_work"])
        if isinstance(fields, str):
            raise forms.ValidationError(fields)
        return fields


class NewUserForm(MembershipForm):
    username = forms.CharField(label=_("用户名"), max_length=USERNAME_LENGTH)
    password = forms.CharField(
        label=_("初始密码"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("留空则自动生成（只显示一次）。"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.order_fields(["username", "name", "role", "unit", "email", "password"])


class UnitForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=200)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"] = UnitField(
            label=_("主管部门"), empty=_("（无：作为主管部门）"), departments_only=True
        )


class MergeForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["source"] = UnitField(label=_("并入的单位（将被删除）"), empty="—")
        self.fields["target"] = UnitField(label=_("保留的单位"), empty="—")
