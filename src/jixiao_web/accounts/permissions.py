"""Who may see and do what. Every view asks here; nothing is decided in templates alone.

- finance administrator: everything;
- department reviewer: the forms of their department and the units under it; return, approve;
- unit staff: the forms of their own unit; edit, submit, import their unit's documents;
- expert: reads forms of other units (to score them), never of their own unit; changes nothing;
- the public: published forms only, through the portal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from jixiao_web.accounts.models import Membership, Role
from jixiao_web.forms.models import Form, Status


def membership(user: Any) -> Membership | None:
    if not getattr(user, "is_authenticated", False):
        return None
    if user.is_superuser:
        return Membership(user=user, role=Role.ADMIN)
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None


def role(user: Any) -> str | None:
    found = membership(user)
    return found.role if found else None


def unit_ids(user: Any) -> list[int] | None:
    """The units whose forms the user may see; None means all (administrator, expert)."""
    found = membership(user)
    if found is None:
        return []
    if found.role == Role.ADMIN:
        return None
    if found.unit is None:
        return []
    if found.role == Role.REVIEWER:
        return found.unit.family_ids()
    if found.role == Role.EXPERT:
        return None
    return [found.unit.pk]


@dataclass(frozen=True)
class Scope:
    """The forms a user sees, as a value: the units included (None: all) less one excluded
    unit (an expert's own). Equal scopes see the same forms, so its key can key a cache."""

    units: frozenset[int] | None
    excluded: int | None = None

    def filter(self, forms: QuerySet[Form]) -> QuerySet[Form]:
        if self.units is not None:
            forms = forms.filter(unit_id__in=self.units)
        return forms if self.excluded is None else forms.exclude(unit_id=self.excluded)

    @property
    def key(self) -> str:
        units = "all" if self.units is None else ",".join(map(str, sorted(self.units)))
        return f"units={units};excluded={'' if self.excluded is None else self.excluded}"


def scope(user: Any) -> Scope:
    found = membership(user)
    if found is not None and found.role == Role.EXPERT:
        return Scope(units=None, excluded=found.unit_id)
    ids = unit_ids(user)
    return Scope(units=None if ids is None else frozenset(ids))


def visible_forms(user: Any) -> QuerySet[Form]:
    return scope(user).filter(Form.objects.all())


def can_view(user: Any, form: Form) -> bool:
    return visible_forms(user).filter(pk=form.pk).exists()


def can_edit(user: Any, form: Form) -> bool:
    """Administrators edit any form; staff their unit's forms while not yet approved."""
    who = role(user)
    if who == Role.ADMIN:
        return True
    editable = form.status in (Status.DRAFT, Status.RETURNED)
    return who == Role.STAFF and editable and can_view(user, form)


# The status changes each role may make: action -> (allowed from, to, roles). Publishing comes
# after approval only (docs/api.md, transitions).
TRANSITIONS: dict[str, tuple[tuple[str, ...], str, tuple[str, ...]]] = {
    "submit": ((Status.DRAFT, Status.RETURNED), Status.SUBMITTED, (Role.STAFF, Role.ADMIN)),
    "return": ((Status.SUBMITTED, Status.APPROVED), Status.RETURNED, (Role.REVIEWER, Role.ADMIN)),
    "approve": ((Status.SUBMITTED,), Status.APPROVED, (Role.REVIEWER, Role.ADMIN)),
    "publish": ((Status.APPROVED,), Status.PUBLISHED, (Role.ADMIN,)),
    "unpublish": ((Status.PUBLISHED,), Status.APPROVED, (Role.ADMIN,)),
}


def may_act(user: Any, action: str) -> bool:
    """Whether the user's role may take `action` at all, whatever the form's status."""
    who = role(user)
    return action in TRANSITIONS and who is not None and who in TRANSITIONS[action][2]


def allowed_actions(user: Any, form: Form) -> list[str]:
    """The actions the user may take on `form` now: their role may, and its status allows."""
    if not can_view(user, form):
        return []
    return [
        name
        for name, (sources, _, _roles) in TRANSITIONS.items()
        if may_act(user, name) and form.status in sources
    ]


def can_create(user: Any) -> bool:
    """Staff create forms of their unit; the administrator of any unit."""
    found = membership(user)
    if found is None:
        return False
    return found.role == Role.ADMIN or (found.role == Role.STAFF and found.unit_id is not None)


def can_import(user: Any) -> bool:
    return role(user) in (Role.ADMIN, Role.STAFF)


def may_manage_units(user: Any) -> bool:
    """Only the finance administrator creates units, moves them between departments, merges them.

    `None` is a command run on the server (the CLI's management commands, `make run`'s sample).
    """
    return user is None or role(user) == Role.ADMIN


def own_unit(user: Any) -> Any:
    """The unit unit staff file their forms under (their membership's), or None."""
    found = membership(user)
    return found.unit if found and found.role == Role.STAFF else None


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def can_follow_batch(user: Any, batch: Any) -> bool:
    """An import batch's page and its progress: whoever imported it, and the administrators."""
    return role(user) == Role.ADMIN or batch.created_by_id == user.pk
