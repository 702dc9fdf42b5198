"""Users, their roles and units, as the finance administrator manages them (docs/people.md).

The one place for the rules every way of making or changing a user follows: the pages
(`jixiao_web.people`), the sheet import (`services/user_sheet.py`) and the `adduser` command.

- a role is written as its code (`staff`, `reviewer`, `expert`, `admin` or `finance`) or in
  Chinese (填报人, 主管部门审核人, 评审专家, 财政管理员);
- staff need a unit; a reviewer needs one (normally a department: they see it and its units); an
  expert's unit is optional (it keeps them off their own unit's forms); the finance
  administrator has none;
- users are deactivated, never deleted (the audit trail names them); the administrator cannot
  deactivate or demote themselves.

Role and flag changes are recorded by the audit signals (`services/audit.py`); what they cannot
see (a user made, a password reset) is recorded here.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from jixiao_web.accounts.models import Membership, Role
from jixiao_web.experts.models import ExpertProfile
from jixiao_web.services.audit import acting_as, record
from jixiao_web.units.models import Unit

NAME_LENGTH = User._meta.get_field("first_name").max_length  # 姓名 is kept in first_name
USERNAME_LENGTH = User._meta.get_field("username").max_length
EMAIL_LENGTH = User._meta.get_field("email").max_length

# How a role may be written (in a sheet, on the command line); compared without case or spaces.
ROLE_WORDS: dict[str, str] = {
    "staff": Role.STAFF,
    "填报人": Role.STAFF,
    "reviewer": Role.REVIEWER,
    "主管部门审核人": Role.REVIEWER,
    "审核人": Role.REVIEWER,
    "expert": Role.EXPERT,
    "评审专家": Role.EXPERT,
    "专家": Role.EXPERT,
    "admin": Role.ADMIN,
    "finance": Role.ADMIN,
    "财政管理员": Role.ADMIN,
}
ROLES_WRITTEN = (
    "填报人 (staff)、主管部门审核人 (reviewer)、评审专家 (expert)、财政管理员 (finance/admin)"
)


class PeopleRefused(Exception):
    """A change refused before anything is written: `messages` maps a field (or "") to why."""

    def __init__(self, messages: dict[str, str]) -> None:
        super().__init__("；".join(messages.values()))
        self.messages = messages


def _word(text: str) -> str:
    return "".join(text.split()).casefold()


def parse_role(text: str | None) -> str | None:
    """The role code of `text` written as a code, a Chinese name or the role's label; or None."""
    if not text:
        return None
    word = _word(text)
    found = ROLE_WORDS.get(word)
    if found is None:
        found = next((code for code, label in Role.choices if _word(str(label)) == word), None)
    return found


def unit_refusal(role: str, unit: Unit | None) -> str | None:
    """Why `role` cannot have `unit` (None: no unit), or None when it may."""
    if role == Role.STAFF and unit is None:
        return _("填报人须指定所属单位。")
    if role == Role.REVIEWER and unit is None:
        return _("主管部门审核人须指定单位（通常是主管部门：审核人看到该部门及其下属单位的表单）。")
    if role == Role.ADMIN and unit is not None:
        return _("财政管理员不属于任何单位，单位须留空。")
    return None


def username_refusal(username: str) -> str | None:
    """Why `username` cannot name a new user (empty, too long, bad characters, taken), or None."""
    if not username:
        return _("用户名不能为空。")
    if len(username) > USERNAME_LENGTH:
        return _("用户名过长（最多 %(n)s 个字符）。") % {"n": USERNAME_LENGTH}
    try:
        User.username_validator(username)
    except ValidationError:
        return _("用户名只能包含字母、数字和 @ . + - _ 字符：%(u)s") % {"u": username}
    if User.objects.filter(username__iexact=username).exists():
        return _taken(username)
    return None


def _taken(username: str) -> str:
    return _("用户名“%(u)s”已被占用。") % {"u": username}


def email_refusal(email: str) -> str | None:
    if not email:
        return None
    try:
        if len(email) > EMAIL_LENGTH:
            raise ValidationError("too long")
        validate_email(email)
    except ValidationError:
        return _("邮箱地址无效：%(e)s") % {"e": email}
    return None


def name_refusal(name: str) -> str | None:
    if len(name) > NAME_LENGTH:
        return _("姓名过长（最多 %(n)s 个字符）。") % {"n": NAME_LENGTH}
    return None


def password_refusal(password: str, user: User) -> str | None:
    """Why a typed password is too weak (Django's validators, settings.AUTH_PASSWORD_VALIDATORS)."""
    try:
        validate_password(password, user)
    except ValidationError as exc:
        return " ".join(str(m) for m in exc.messages)
    return None


def generate_password() -> str:
    return secrets.token_urlsafe(12)


@dataclass
class NewUser:
    """A user to make; `password` None means generate one. `fields`: an expert's fields of work."""

    username: str
    role: str
    unit: Unit | None = None
    name: str = ""
    email: str = ""
    password: str | None = None
    fields: Sequence[str] = field(default_factory=list)

    def refusals(self) -> dict[str, str]:
        """Everything wrong with it, by field; nothing is written."""
        found = {
            "username": username_refusal(self.username),
            "name": name_refusal(self.name),
            "email": email_refusal(self.email),
            "unit": unit_refusal(self.role, self.unit),
            "fields_of_work": fields_refusal(self.role, self.fields),
        }
        if self.password is not None and not found["username"]:
            user = User(username=self.username, first_name=self.name, email=self.email)
            found["password"] = password_refusal(self.password, user)
        return {name: why for name, why in found.items() if why}


def fields_refusal(role: str, fields: Sequence[str]) -> str | None:
    if fields and role != Role.EXPERT:
        return _("专业领域只用于评审专家。")
    return None


def create(new: NewUser, actor: Any) -> tuple[User, str]:
    """Make the user with their role and unit; returns it and its password (shown once)."""
    refused = new.refusals()
    if refused:
        raise PeopleRefused(refused)
    password = new.password if new.password is not None else generate_password()
    try:
        with transaction.atomic(), acting_as(actor):
            user = _made(new, password, actor)
    except IntegrityError:  # the same name, made by another request since the check
        raise PeopleRefused({"username": _taken(new.username)}) from None
    return user, password


def _made(new: NewUser, password: str, actor: Any) -> User:
    user = User(username=new.username, first_name=new.name, email=new.email)
    user.set_password(password)
    user.save()
    Membership.objects.create(user=user, role=new.role, unit=new.unit)
    if new.role == Role.EXPERT:
        store_fields(user, new.fields)
    record("user_create", actor, data=_described(user, new))
    return user


def _described(user: User, new: NewUser) -> dict[str, Any]:
    unit = new.unit.name if new.unit else None
    described = {"user": user.get_username(), "name": new.name, "role": new.role, "unit": unit}
    return {**described, "fields": list(new.fields)} if new.fields else described


def store_fields(user: User, fields: Sequence[str]) -> None:
    """Keep an expert's fields of work in their profile of the expert pool (专家库,
    `experts.ExpertProfile`); an expert made here joins the pool, with or without fields."""
    ExpertProfile.objects.update_or_create(user=user, defaults={"fields": list(fields)})


def current_fields(user: User) -> list[str]:
    profile = ExpertProfile.objects.filter(user=user).first()
    return list(profile.fields) if profile else []


def set_fields(user: User, role: str, fields: Sequence[str], actor: Any) -> None:
    """An expert's fields of work (the user page); recorded when they change. A former expert's
    fields, shown on their page, may stay as they are or be emptied."""
    before = current_fields(user)
    if before == list(fields):
        return
    why = fields_refusal(role, fields)
    if why:
        raise PeopleRefused({"fields_of_work": why})
    store_fields(user, fields)
    data = {"user": user.get_username(), "before": before, "after": list(fields)}
    record("expert_fields", actor, data=data)


def _refuse_self(user: User, actor: Any, message: str) -> None:
    if actor is not None and user.pk == actor.pk:
        raise PeopleRefused({"": message})


def change(user: User, role: str, unit: Unit | None, actor: Any) -> None:
    """Give `user` this role and unit (the audit signal records the change)."""
    if role != Role.ADMIN:
        _refuse_self(user, actor, _("不能取消自己的财政管理员角色：请另一位财政管理员操作。"))
    why = unit_refusal(role, unit)
    if why:
        raise PeopleRefused({"unit": why})
    with transaction.atomic(), acting_as(actor):
        Membership.objects.update_or_create(user=user, defaults={"role": role, "unit": unit})
        if role != Role.ADMIN and (user.is_superuser or user.is_staff):
            # a superuser is an administrator whatever their membership says
            user.is_superuser = user.is_staff = False
            user.save(update_fields=["is_superuser", "is_staff"])


def set_details(user: User, name: str, email: str, actor: Any) -> None:
    """A user's 姓名 and e-mail."""
    refused = {"name": name_refusal(name), "email": email_refusal(email)}
    refused = {k: v for k, v in refused.items() if v}
    if refused:
        raise PeopleRefused(refused)
    before = {"name": user.first_name, "email": user.email}
    with transaction.atomic():
        user.first_name, user.email = name, email
        user.save(update_fields=["first_name", "email"])
        after = {"name": name, "email": email}
        if before != after:
            data = {"user": user.get_username(), "before": before, "after": after}
            record("user_details", actor, data=data)


def set_active(user: User, active: bool, actor: Any) -> None:
    """Deactivate (no login, no API token) or reactivate; the audit signal records it."""
    if not active:
        _refuse_self(user, actor, _("不能停用自己的账户。"))
    with transaction.atomic(), acting_as(actor):
        user.is_active = active
        user.save(update_fields=["is_active"])


def reset_password(user: User, actor: Any) -> str:
    """A new generated password for `user` (shown once); the old one stops working."""
    _refuse_self(user, actor, _("请用页眉的“修改密码”修改自己的密码。"))
    password = generate_password()
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        record("password_reset", actor, data={"user": user.get_username()})
    return password
