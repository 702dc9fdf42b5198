"""Read-only lists: units, budget years, users (docs/api.md, directory).

Who sees what is `accounts/permissions.py`'s, as on the pages: units and form counts follow the
forms the caller may see; the list of users is the administrator's only.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db.models import Count, Q
from django.http import HttpRequest
from ninja import Router, Schema

from jixiao_web.accounts import permissions as perm
from jixiao_web.accounts.models import Role
from jixiao_web.api.errors import Error, responses
from jixiao_web.units.models import BudgetYear, Unit

router = Router(tags=["directory"])


class UnitOut(Schema):
    id: int
    name: str
    parent: int | None  # the department's id; none for a department
    department: str | None  # the department's name


class YearOut(Schema):
    year: int
    scheme: str  # the indicator scheme of the year
    forms: int  # forms of the year the caller may see


class UserOut(Schema):
    id: int
    username: str
    role: str | None
    unit: int | None
    unit_name: str | None
    active: bool


@router.get("/units", response=responses({200: list[UnitOut]}), summary="可见的单位")
def units(request: HttpRequest) -> list[dict[str, Any]]:
    """The units whose forms the caller may see (all, for the administrator and experts)."""
    ids = perm.unit_ids(request.auth)  # type: ignore[attr-defined]
    found = Unit.objects.select_related("parent").order_by("name", "pk")
    if ids is not None:
        found = found.filter(pk__in=ids)
    return [
        {"id": u.pk, "name": u.name, "parent": u.parent_id, "department": _name(u.parent)}
        for u in found
    ]


def _name(unit: Unit | None) -> str | None:
    return unit.name if unit is not None else None


@router.get("/years", response=responses({200: list[YearOut]}), summary="预算年度与表单数")
def years(request: HttpRequest) -> list[dict[str, Any]]:
    """Every budget year, with how many of its forms the caller may see."""
    visible = perm.visible_forms(request.auth).values("pk")  # type: ignore[attr-defined]
    counted = BudgetYear.objects.annotate(n=Count("forms", filter=Q(forms__in=visible)))
    return [{"year": y.year, "scheme": y.scheme, "forms": y.n} for y in counted.order_by("-year")]


@router.get(
    "/users", response=responses({200: list[UserOut], 403: Error}), summary="用户（仅管理员）"
)
def users(request: HttpRequest) -> list[dict[str, Any]]:
    """Every user with role, unit and whether active: never a password hash nor a token."""
    perm.require(perm.role(request.auth) == Role.ADMIN)  # type: ignore[attr-defined]
    found = User.objects.select_related("membership__unit").order_by("username")
    return [_user(u) for u in found]


def _user(user: User) -> dict[str, Any]:
    found = perm.membership(user)
    unit = found.unit if found is not None and found.unit_id else None
    return {
        "id": user.pk,
        "username": user.get_username(),
        "role": found.role if found else None,
        "unit": unit.pk if unit else None,
        "unit_name": unit.name if unit else None,
        "active": user.is_active,
    }
