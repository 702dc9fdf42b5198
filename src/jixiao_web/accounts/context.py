"""Template context: the role of the user, for menus (the server still checks every action)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from jixiao_web.accounts.permissions import (
    can_create,
    can_import,
    may_administer,
    membership,
)


def role(request: HttpRequest) -> dict[str, Any]:
    found = membership(request.user)
    return {
        "membership": found,
        "user_role": found.role if found else None,
        "may_import": can_import(request.user),
        "may_create": can_create(request.user),
        "may_manage": may_administer(request.user),
    }
