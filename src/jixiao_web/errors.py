"""Error pages: a clear message in the site's layout, never a traceback."""

from __future__ import annotations

import sys

from django.db import OperationalError
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
    if is_busy(sys.exc_info()[1]):  # Django calls this while handling the exception
        return busy_page(request)
    return render(request, "error.html", {"message": _("服务器出错，请稍后再试。")}, status=500)


def is_busy(exc: BaseException | None) -> bool:
    """The database stayed locked by other writers past its busy timeout (SQLite)."""
    return isinstance(exc, OperationalError) and "locked" in str(exc)


def busy_page(request: HttpRequest) -> HttpResponse:
    message = _("系统正忙（其他人正在导入大量数据），请稍后再试；您的操作没有生效。")
    response = render(request, "error.html", {"message": message}, status=503)
    response["Retry-After"] = "10"
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A refused form post. An upload over the request's limit is stopped before its CSRF token
    is read (jixiao_web.uploads): say that, not that the page expired."""
    refused = getattr(request, "upload_refused", None)
    if refused:
        return render(request, "error.html", {"message": refused}, status=413)
    message = _("表单已过期或来源不明，未处理。请刷新页面后重试。")
    return render(request, "error.html", {"message": message}, status=403)
