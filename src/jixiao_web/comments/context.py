"""Template context: the number of the user's unread notices, for the header (one query, made
only when a template shows it)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.http import HttpRequest

from jixiao_web.services.notices import unread


def notices(request: HttpRequest) -> dict[str, Any]:
    # a callable: the template calls it where the header shows the count, and only there
    return {"unread_notices": partial(unread, request.user)}
