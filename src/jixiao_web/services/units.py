"""Which unit a form is filed under; creating, moving and merging units (docs/units.md).

A form names its 主管部门 and 实施单位 as written. The unit it is filed under is found by the key
of the cleaned name (`jixiao.names`): junk text (a lone `）`) is no unit, and spellings that
differ only in white space, brackets, width or case are one unit. Only the finance administrator
(or a command on the server) creates units or attaches them to a department; anyone else is
refused before anything is written, and the unit structure stays as it was.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from jixiao.names import clean_name, name_key
from jixiao_web.accounts import permissions as perm
from jixiao_web.accounts.models import Membership
from jixiao_web.forms.models import Form
from jixiao_web.services.audit import acting_as, record
from jixiao_web.units.models import Unit, UnitAlias

UNKNOWN_UNIT = "（未填写单位）"


class UnitRefused(Exception):
    """The user may not file a form under this unit or department; `str()` says why."""


def find(name: str | None) -> Unit | None:
    """The unit of a name as written (by its key, or the key of a name it had), or None."""
    clean = clean_name(name)
    if clean is None:
        return None
    key = name_key(clean)
    found = Unit.objects.filter(key=key).first()
    if found is None:
        alias = UnitAlias.objects.filter(key=key).select_related("unit").first()
        found = alias.unit if alias else None
    return found


def lookup(department: str | None, unit: str | None) -> Unit | None:
    """The unit `resolve` would file a form under if it exists already, else None; no writes."""
    if clean_name(unit):
        return find(unit)
    return find(department) if clean_name(department) else find(UNKNOWN_UNIT)


def resolve(department: str | None, unit: str | None, user: Any) -> Unit:
    """The unit a form naming `department` and `unit` is filed under, for `user`.

    The administrator's forms create the units they name; unit staff may only file under their
    own unit as it is registered (UnitRefused otherwise, before any write).
    """
    if perm.may_manage_units(user):
        return _resolve_creating(department, unit)
    return _resolve_own(department, unit, user)


def _resolve_creating(department: str | None, unit: str | None) -> Unit:
    dept_name, unit_name = clean_name(department), clean_name(unit)
    parent = _find_or_create(dept_name, None) if dept_name else None
    if unit_name is None:
        return parent or _find_or_create(UNKNOWN_UNIT, None)
    found = _find_or_create(unit_name, parent)
    if parent and found.parent_id is None and found.pk != parent.pk:
        found.parent = parent
        found.save(update_fields=["parent"])
    return found


def _find_or_create(name: str, parent: Unit | None) -> Unit:
    return find(name) or Unit.objects.create(name=name, parent=parent)


def _resolve_own(department: str | None, unit: str | None, user: Any) -> Unit:
    own = perm.own_unit(user)
    if own is None:
        raise UnitRefused(_("您的账户没有所属单位，不能填报表单。请联系财政管理员。"))
    found = find(unit) if clean_name(unit) else own
    if found is None or found.pk != own.pk:
        raise UnitRefused(
            _("实施单位“%(unit)s”不是您所在的单位“%(own)s”；只有财政管理员可以新建单位。")
            % {"unit": unit, "own": own.name}
        )
    registered = own.parent
    if clean_name(department) and (registered is None or find(department) != registered):
        raise UnitRefused(
            _(
                "主管部门“%(dept)s”与单位登记的主管部门“%(reg)s”不一致；调整主管部门请联系财政管理员。"
            )
            % {"dept": department, "reg": registered.name if registered else _("（未登记）")}
        )
    return own


def refusal(department: str | None, unit: str | None, user: Any) -> str | None:
    """Why `user` may not file a form under these names, or None; writes nothing."""
    if perm.may_manage_units(user):
        return None
    try:
        _resolve_own(department, unit, user)
    except UnitRefused as exc:
        return str(exc)
    return None


# The administrator's changes (the pages of jixiao_web.people, Django's admin): each is checked
# before anything is written and audited by the unit signals (services/audit.py).


def _checked(unit: Unit) -> None:
    """The name rules of `Unit.clean` (a real name, no other unit's), as UnitRefused."""
    try:
        unit.clean()
    except ValidationError as exc:
        raise UnitRefused(" ".join(exc.messages)) from None


def _parent_refusal(unit: Unit, parent: Unit | None) -> str | None:
    """Departments hold one level of units: a unit goes under a department, never under a unit
    or itself, and a department with units stays a department."""
    if parent is None:
        return None
    if parent.pk == unit.pk:
        return _("不能把单位放在它自己下面。")
    if parent.parent_id is not None:
        return _("“%(p)s”不是主管部门，不能把单位放在它下面。") % {"p": parent.name}
    if unit.pk and Unit.objects.filter(parent_id=unit.pk).exists():
        return _("“%(u)s”下有单位，不能放到另一个主管部门下。") % {"u": unit.name}
    return None


@transaction.atomic
def create(name: str, parent: Unit | None, user: Any) -> Unit:
    """A new unit under `parent`, or a new department when `parent` is None."""
    unit = Unit(name=name, parent=parent)
    _checked(unit)
    why = _parent_refusal(unit, parent)
    if why:
        raise UnitRefused(why)
    with acting_as(user):
        unit.save()
    return unit


@transaction.atomic
def rename(unit: Unit, name: str, user: Any) -> None:
    """A new name; forms keep the names they were written with."""
    old, unit.name = unit.name, name
    try:
        _checked(unit)
    except UnitRefused:
        unit.name = old  # the caller's object stays as stored
        raise
    with acting_as(user):
        unit.save(update_fields=["name"])


@transaction.atomic
def move(unit: Unit, parent: Unit | None, user: Any) -> None:
    """Put `unit` under the department `parent` (None: make it a department)."""
    why = _parent_refusal(unit, parent)
    if why:
        raise UnitRefused(why)
    unit.parent = parent
    with acting_as(user):
        unit.save(update_fields=["parent"])


@transaction.atomic
def change(unit: Unit, name: str, parent: Unit | None, user: Any) -> None:
    """Rename and move at once (the unit page): each only if it differs; all or nothing."""
    if name != unit.name:
        rename(unit, name, user)
    if parent != unit.parent:
        move(unit, parent, user)


@transaction.atomic
def merge(source: Unit, target: Unit, user: Any) -> dict[str, Any]:
    """Merge `source` into `target`: its forms, members and units move, its name becomes an
    alias of `target` (a later import that names it finds `target`), and the merge is audited."""
    if source.pk == target.pk:
        raise UnitRefused(_("不能把单位合并到它自己。"))
    if target.parent_id not in (None, source.pk) and source.children.exists():
        raise UnitRefused(
            _("“%(s)s”下有单位，不能并入另一主管部门下的单位“%(t)s”。")
            % {"s": source.name, "t": target.name}
        )
    with acting_as(user):
        return _merge(source, target, user)


def _merge(source: Unit, target: Unit, user: Any) -> dict[str, Any]:
    if target.parent_id == source.pk:
        target.parent = source.parent
        target.save(update_fields=["parent"])
    moved = {
        "forms": Form.objects.filter(unit=source).update(unit=target),
        "members": Membership.objects.filter(unit=source).update(unit=target),
        "units": Unit.objects.filter(parent=source).update(parent=target),
    }
    source.aliases.update(unit=target)
    UnitAlias.objects.create(unit=target, name=source.name, key=source.key)
    data = {"from": source.name, "from_id": source.pk, "into": target.name, **moved}
    record("unit_merge", user, unit=target, data=data)
    source.delete()
    return data
