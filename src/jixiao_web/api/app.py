"""The API object: /api/v1/, bearer tokens, OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs.

Each area adds its router here (forms, imports, directory); see docs/api.md.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI, Schema
from ninja.renderers import JSONRenderer

from jixiao_web.accounts import permissions
from jixiao_web.api import (  # noqa: F401  (comments and workflow add to forms.router)
    comments,
    directory,
    errors,
    forms,
    imports,
    workflow,
)
from jixiao_web.api.auth import TokenAuth
from jixiao_web.rates import TokenThrottle


class Utf8JSON(JSONRenderer):
    """Chinese text as UTF-8, not `\\u` escapes: what a person reading curl's output sees."""

    json_dumps_params = MappingProxyType({"ensure_ascii": False})


class JixiaoAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Any) -> str:
        """The view's own name (`list_forms`, `read_form`): what a generated client calls the
        operation, stable when a module is moved (ninja would prefix the module's path)."""
        return str(operation.view_func.__name__)


api = JixiaoAPI(
    title="jixiao API",
    version="1",
    description="项目支出绩效目标：表单、审核、流程、导入（docs/api.md）。",
    auth=TokenAuth(),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
    throttle=[TokenThrottle()],
    renderer=Utf8JSON(),
)
errors.install(api)
api.add_router("/forms", forms.router)
api.add_router("", imports.router)
api.add_router("", directory.router)


class Me(Schema):
    username: str
    role: str | None
    unit: str | None
    read_only: bool


@api.get("/me", response=errors.responses({200: Me}), summary="当前令牌的用户与角色")
def me(request: HttpRequest) -> dict[str, Any]:
    """Who the token belongs to: name, role and unit, and whether the token may write."""
    user = request.auth  # type: ignore[attr-defined]
    found = permissions.membership(user)
    token = request.api_token  # type: ignore[attr-defined]
    return {
        "username": user.get_username(),
        "role": found.role if found else None,
        "unit": found.unit.name if found and found.unit else None,
        "read_only": token.read_only,
    }
