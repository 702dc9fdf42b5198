"""Error pages: a clear message in the site's layout, never a traceback."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from jixiao_web.params import BadParameter


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A malformed request: which parameter is wrong when a view said so (`BadParameter`), else
    a general message (Django's own reasons are for the log, not for people)."""
    reason = str(exception) if isinstance(exception, BadParameter) else _("请求无效。")
    return render(request, "error.html", {"message": reason}, status=400)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "error.html", {"message": _("您没有权限访问此页面。")}, status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "error.html", {"message": _("页面不存在。")}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "error.html", {"message": _("服务器出错，请稍后再试。")}, status=500)
