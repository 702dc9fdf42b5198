"""Which version a save was edited from, and the answer when it clashes (docs/api.md, PUT).

The version is the form's `ETag` (`"3"`), sent back in `If-Match`, or the `version` field of the
body. Without either the save is refused (428): a save that names no version would be merged
against nothing, and the API does not guess. An `If-Match` that is not one of our ETags can match
no version of the form, which is what 412 (Precondition Failed) says (RFC 9110, 13.1.1).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _

from jixiao.importers.values import whole
from jixiao_web.api.errors import ApiError
from jixiao_web.params import MAX_INT
from jixiao_web.services.differences import label
from jixiao_web.services.editing import Conflict


def edited_from(request: HttpRequest, posted: int | None, current: int) -> int:
    """The version named by `If-Match` or by the body (`posted`); they must agree if both, and
    name a version the form has had (`current` is its latest)."""
    version = _named(request, posted)
    if version > current:
        message = _("表单没有版本 %(version)s：最新版本是 %(current)s。")
        raise ApiError(412, "no_such_version", message % {"version": version, "current": current})
    return version


def _named(request: HttpRequest, posted: int | None) -> int:
    header = request.headers.get("If-Match")
    if header is None or header.strip() == "*":  # `*` names no version either
        if posted is None:
            message = _("请注明所编辑的版本：请求头 If-Match（读取时的 ETag）或字段 version。")
            raise ApiError(428, "version_required", message)
        return posted
    version = etag_version(header)
    if version is None:
        message = _('If-Match 应为读取表单时得到的 ETag，如 "3"：%(value)s')
        raise ApiError(412, "bad_if_match", message % {"value": header[:40]})
    if posted is not None and posted != version:
        message = _("If-Match 的版本 %(header)s 与字段 version 的 %(body)s 不一致。")
        raise ApiError(412, "version_mismatch", message % {"header": version, "body": posted})
    return version


def etag_version(header: str) -> int | None:
    """The version of an ETag as this API writes it (`"3"`; bare `3` is taken too), else None."""
    text = header.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    if not text.isascii():
        return None
    return whole(text, MAX_INT)


def answer_conflict(conflict: Conflict) -> ApiError:
    """409 with each place the other side changed: base, theirs, yours, the merge, and whether
    both changed it differently (`clash`); save again naming `version` (docs/editing.md)."""
    differences = [_difference(change) for change in conflict.merged.changes]
    message = _("表单已被他人修改，且与您的修改冲突：请核对 differences 后以新版本再次保存。")
    return ApiError(
        409, "conflict", message, version=conflict.current_version, differences=differences
    )


def _difference(change: Any) -> dict[str, Any]:
    return {
        "field": change.name,
        "label": label(change),
        "kind": change.kind.value,
        "base": change.base,
        "theirs": change.theirs,
        "yours": change.mine,
        "merged": change.merged,
        "clash": change.clash,
    }
