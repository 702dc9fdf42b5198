"""The API's errors: always JSON `{"code", "message"}`, the message in the caller's language
(Chinese unless `Accept-Language` asks for English; docs/api.md, errors). Never a traceback.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.exceptions import (
    BadRequest,
    PermissionDenied,
    SuspiciousOperation,
    TooManyFilesSent,
)
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from jixiao_web.api.auth import ReadOnlyToken
from jixiao_web.errors import is_busy

log = logging.getLogger(__name__)


class Problem(Schema):
    """Where a request was wrong (422): the path to the field and what is wrong with it."""

    loc: list[str]
    msg: str


class Error(Schema):
    """The body of every refusal (docs/api.md, errors)."""

    code: str
    message: str
    errors: list[Problem] | None = None


def responses(answers: dict[int, Any]) -> dict[int, Any]:
    """An endpoint's answers plus those any endpoint can give (no token, invalid input, too
    many requests, busy), so that the OpenAPI document declares every status the API sends."""
    return {401: Error, 422: Error, 429: Error, 503: Error, **answers}


class ApiError(HttpError):
    """A refusal the caller can act on: HTTP status, a stable code, a message for people."""

    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(status, message)
        self.code = code
        self.extra = extra


def body(code: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"code": code, "message": message, **extra}


def install(api: NinjaAPI) -> None:
    """Register the handlers on `api` (one place for every status the API answers with)."""

    def answer(request: HttpRequest, status: int, code: str, message: str, **extra: Any) -> Any:
        return api.create_response(request, body(code, message, **extra), status=status)

    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
        return answer(request, exc.status_code, exc.code, exc.message, **exc.extra)

    @api.exception_handler(ReadOnlyToken)
    def read_only(request: HttpRequest, exc: ReadOnlyToken) -> HttpResponse:
        return answer(request, 403, "read_only_token", _("此令牌只读，不能修改数据。"))

    @api.exception_handler(AuthenticationError)
    def unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        message = _("需要有效的 API 令牌：请求头 Authorization: Bearer 令牌。")
        response = answer(request, 401, "unauthorized", message)
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return answer(request, 403, "forbidden", _("您没有权限进行此操作。"))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return answer(request, 404, "not_found", _("所请求的对象不存在，或您无权查看。"))

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        refused = getattr(request, "upload_refused", None)
        if refused:  # an upload over the limit is not read, so its fields are missing (uploads.py)
            return answer(request, 413, "too_large", refused)
        message = _("请求的内容不符合接口说明。")
        return answer(request, 422, "invalid", message, errors=_plain(exc.errors))

    @api.exception_handler(TooManyFilesSent)
    def too_many_files(request: HttpRequest, exc: TooManyFilesSent) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_NUMBER_FILES
        message = _("一次最多上传 %(n)s 个文件，未导入。请分几次上传。") % {"n": limit}
        return answer(request, 413, "too_large", message)

    def bad_request(request: HttpRequest, exc: Exception) -> HttpResponse:
        return answer(request, 400, "bad_request", _("请求无法处理：格式有误或内容过多。"))

    # a body Django will not parse (too many fields …), or one it calls malformed
    for refused in (SuspiciousOperation, BadRequest):
        api.add_exception_handler(refused, bad_request)

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        response = answer(request, 429, "throttled", _("请求过于频繁，请稍后再试。"))
        if exc.wait:
            response["Retry-After"] = str(int(exc.wait) + 1)
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return answer(request, exc.status_code, "error", str(exc))

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        if is_busy(exc):
            response = answer(request, 503, "busy", _("系统正忙，请稍后再试；您的操作没有生效。"))
            response["Retry-After"] = "10"
            return response
        log.exception("API request failed: %s %s", request.method, request.path)
        return answer(request, 500, "server_error", _("服务器出错，请稍后再试。"))


def _plain(errors: Any) -> list[dict[str, Any]]:
    """Pydantic's error records, kept to what a caller needs (where and why), all JSON-safe."""
    return [
        {"loc": [str(part) for part in item.get("loc", ())], "msg": str(item.get("msg", ""))}
        for item in errors
    ]
