"""Who calls the API: `Authorization: Bearer TOKEN` with a personal token (docs/api.md, tokens).

No token or an unknown, revoked or malformed one is 401. A read-only token may read only: any
other method is refused with 403 before the endpoint runs, so a refused request changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer

from jixiao_web.accounts import tokens

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class ReadOnlyToken(HttpError):
    def __init__(self) -> None:
        super().__init__(403, "read_only_token")


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = tokens.resolve(token)
        if found is None:
            return None
        if found.read_only and request.method not in SAFE_METHODS:
            raise ReadOnlyToken()
        request.api_token = found  # type: ignore[attr-defined]
        return found.user
