"""/api/v1/forms/{id}/review, /history and /transitions (docs/api.md): what the form page shows
and its action buttons do, through the same services (`services.reviews`, `services.workflow`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from jixiao.review import to_json
from jixiao_web.api import schemas as s
from jixiao_web.api.errors import ApiError
from jixiao_web.api.forms import ERRORS, FormId, router, visible
from jixiao_web.forms.models import Status
from jixiao_web.services import workflow
from jixiao_web.services.comments import history
from jixiao_web.services.reviews import review_of


@router.get(
    "/{id}/review", response={200: s.ReviewDoc, **ERRORS}, by_alias=True, summary="审核结果"
)
def read_review(request: HttpRequest, id: FormId) -> dict[str, Any]:
    return to_json(review_of(visible(request, id)))


@router.get("/{id}/history", response={200: list[s.Event], **ERRORS}, summary="审计记录与意见")
def read_history(request: HttpRequest, id: FormId) -> list[dict[str, Any]]:
    """The audit events and the comments (审核意见) of the form, interleaved by time."""
    return [
        {"user": e.user, "at": e.at, "action": e.action, "comment": e.comment, "version": e.version}
        for e in history(visible(request, id))
    ]


@router.post(
    "/{id}/transitions",
    response={200: s.TransitionOut, **ERRORS, 409: s.BlockedOut},
    summary="流程操作：submit、withdraw、return、approve、publish、revise",
)
def transition(request: HttpRequest, id: FormId, payload: s.TransitionIn) -> dict[str, Any]:
    form = visible(request, id)
    try:
        moved = workflow.act(request.auth, form, payload.action, payload.comment)  # type: ignore[attr-defined]
    except workflow.NotPermitted:
        message = _("您的角色不能对此表单执行“%(action)s”。") % {"action": payload.action}
        raise ApiError(403, "forbidden", message) from None
    except workflow.WrongState as refused:
        message = _("表单当前状态为“%(status)s”，不能执行“%(action)s”。")
        status = dict(Status.choices).get(refused.status, refused.status)
        raise ApiError(
            409, "wrong_state", message % {"status": status, "action": payload.action}
        ) from None
    except workflow.Blocked as held:
        raise ApiError(409, held.code, held.message, findings=held.findings) from None
    return {"status": moved.status, "version": moved.version}
