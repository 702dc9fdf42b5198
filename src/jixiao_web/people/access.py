"""Who may open the pages under /manage/: the finance administrator (accounts/permissions.py)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse

from jixiao_web.accounts.permissions import may_administer, require

View = Callable[..., HttpResponse]


def admin_only(view: View) -> View:
    """Sign-in first (the login page), then 403 (the site's error page) for everyone else."""

    @login_required
    @wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        require(may_administer(request.user))
        return view(request, *args, **kwargs)

    return checked
