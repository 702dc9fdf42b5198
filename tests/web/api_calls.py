"""Calling the API in tests: a token's headers, a JSON request, a form as read."""

from __future__ import annotations

import json
from typing import Any

from jixiao_web.accounts import tokens
from jixiao_web.forms.models import Form

API = "/api/v1/forms"


def with_token(raw: str, **headers: str) -> dict[str, str]:
    """The headers of a call made with the token `raw`."""
    return {"Authorization": f"Bearer {raw}", **headers}


def bearer(user, read_only: bool = False, **headers: str) -> dict[str, str]:
    """The headers of a call with a new token of `user`."""
    _, raw = tokens.issue(user, "测试", read_only=read_only)
    return with_token(raw, **headers)


def send(client, method: str, url: str, body: Any, headers: dict[str, str]):
    return getattr(client, method)(
        url, data=json.dumps(body), content_type="application/json", headers=headers
    )


def first(imported) -> Form:
    return Form.objects.get(pk=imported.forms[0].pk)


def read(client, headers, pk: int) -> dict[str, Any]:
    return client.get(f"{API}/{pk}", headers=headers).json()
