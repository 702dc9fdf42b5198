"""/api/v1/forms/{id}/comments (docs/api.md, comments): the form's threads of 审核意见, and a
comment or a reply written, through the service the form page uses (`services.comments`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Status

from jixiao_web.api import schemas as s
from jixiao_web.api.errors import ApiError, Error
from jixiao_web.api.forms import ERRORS, FormId, comment_item, comments, router, visible
from jixiao_web.services import comments as service


@router.get("/{id}/comments", response={200: list[s.CommentOut], **ERRORS}, summary="审核意见")
def list_comments(request: HttpRequest, id: FormId) -> list[dict[str, Any]]:
    return comments(visible(request, id))


@router.post(
    "/{id}/comments",
    response={201: s.CommentOut, **ERRORS, 409: Error},
    summary="写审核意见或回复",
)
def write_comment(request: HttpRequest, id: FormId, payload: s.CommentIn) -> Status:
    form = visible(request, id)
    user = request.auth  # type: ignore[attr-defined]
    try:
        made = service.write(
            user,
            form,
            payload.text,
            field=payload.field or "",
            indicator_key=payload.indicator_key or "",
            parent=payload.parent,
        )
    except service.Refused as refused:
        raise refusal(refused) from None
    thread = next(t for t in service.threads(form) if made in t.comments)
    return Status(201, comment_item(thread, made))


def refusal(refused: service.Refused) -> ApiError:
    """409 for a row or a comment the form has not (any more), else 422 naming the field."""
    if refused.code != "invalid":
        return ApiError(409, refused.code, refused.message)
    problem = {"loc": ["body", "payload", refused.where], "msg": refused.message}  # as ninja's
    return ApiError(422, "invalid", _("请求的内容不符合接口说明。"), errors=[problem])
