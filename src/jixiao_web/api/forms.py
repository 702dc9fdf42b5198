"""/api/v1/forms: list, read, create, replace, delete (docs/api.md, forms).

Who sees and changes what is `accounts.permissions`, as for the pages; the list is the list page's
(`services.listing`), a save the editor's (`services.editing.save`: version, merge, conflict), a
form is read and written by the core as `jixiao/forms@1`. A form the caller may not see is 404.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, Path, Query, Router, Schema, Status

from jixiao.domain import Form as CoreForm
from jixiao.domain.target import format_decimal
from jixiao.errors import InputError
from jixiao.interchange import CanonicalError, form_from_json
from jixiao.review import CATEGORIES, grades
from jixiao_web.accounts import permissions as perm
from jixiao_web.api import errors
from jixiao_web.api import schemas as s
from jixiao_web.api.errors import ApiError, Error
from jixiao_web.api.versions import answer_conflict, edited_from
from jixiao_web.bilingual import local
from jixiao_web.comments.models import Comment
from jixiao_web.forms.models import Form
from jixiao_web.forms.models import Status as FormStatus
from jixiao_web.params import MAX_ID, MAX_INT, MAX_YEAR
from jixiao_web.services import editing, listing, units, workflow
from jixiao_web.services.comments import Thread
from jixiao_web.services.comments import threads as threads_of
from jixiao_web.services.forms import snapshot

router = Router(tags=["forms"])
FormId = Annotated[int, Path(ge=1, le=MAX_ID)]
MAX_PAGE_SIZE = 200
COLUMNS = (
    *("project_name", "implementing_unit", "unit__name", "budget_year", "status", "version"),
    *("score", "grade", "finding_count", "request_yuan", "updated_at"),
)
# What the form endpoints answer besides what any endpoint does (`errors.responses`): a body
# that is no JSON (400); about one form, no right (403) and no such form (404).
COMMON = errors.responses({400: Error})
ERRORS = errors.responses({400: Error, 403: Error, 404: Error})


class Filters(Schema):
    """The list page's filters and sorts (`services.listing`); a value it does not know is 422."""

    year: int | None = Field(None, ge=1, le=MAX_YEAR)
    unit: int | None = Field(None, ge=1, le=MAX_ID, description="单位 id（含其下属单位）")
    status: Literal[tuple(FormStatus.values)] | None = None  # type: ignore[valid-type]
    grade: Literal[grades()] | None = None  # type: ignore[valid-type]
    category: Literal[CATEGORIES] | None = None  # type: ignore[valid-type]
    q: s.Plain | None = Field(None, max_length=200, description="项目名称或单位")
    sort: Literal[tuple(listing.SORTS)] = "year"  # type: ignore[valid-type]
    page: int = Field(1, ge=1, le=MAX_INT)
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE)


def visible(request: HttpRequest, pk: int) -> Form:
    """The form `pk` if the caller may see it; 404 otherwise, whether it exists or not."""
    form = Form.objects.select_related("unit").filter(pk=pk).first()
    if form is None or not perm.can_view(request.auth, form):  # type: ignore[attr-defined]
        raise Http404
    return form


def editable(request: HttpRequest, pk: int) -> Form:
    """The form `pk` if the caller may edit it: 404 if unseen, 409 if it is no draft (only a
    draft is edited, docs/workflow.md) for those who edit its drafts, else 403."""
    form = visible(request, pk)
    if form.status != FormStatus.DRAFT and perm.edits_drafts(request.auth, form):  # type: ignore[attr-defined]
        raise not_draft(form)
    perm.require(perm.can_edit(request.auth, form))  # type: ignore[attr-defined]
    return form


def not_draft(form: Form) -> ApiError:
    status = dict(FormStatus.choices).get(form.status, form.status)
    message = _("表单当前状态为“%(status)s”，只有草稿可以编辑或删除。") % {"status": status}
    return ApiError(409, "not_draft", message)


def representation(form: Form, response: HttpResponse | None = None) -> dict[str, Any]:
    """The form as `jixiao/forms@1` (with its rows' keys, as its audit snapshot has them), its
    id, status, version and its comments (审核意见); sets its `ETag` on `response`."""
    data = snapshot(form)
    data.update(
        id=form.pk,
        status=form.status,
        version=form.version,
        revision=form.revision,
        returned=form.returned,
        published_versions=form.publications.count(),
        comments=comments(form),
    )
    if response is not None:
        response["ETag"] = f'"{form.version}"'
    return data


def comments(form: Form) -> list[dict[str, Any]]:
    """The form's comments (审核意见), thread by thread: each that opens one, then its replies
    (`services.comments.threads`); each at its place today (docs/api.md, comments)."""
    return [comment_item(t, c) for t in threads_of(form) for c in t.comments]


def comment_item(thread: Thread, c: Comment) -> dict[str, Any]:
    return {
        **{"id": c.pk, "parent": c.parent_id, "kind": c.kind, "text": c.text},
        **{"field": c.field or None, "indicator_key": c.indicator_key or None},
        **{"indicator": thread.indicator, "row_deleted": thread.row_deleted},
        **{"user": c.author_name, "role": c.author_role or None, "at": c.created_at},
        **{"version": c.version, "revision": c.revision, "resolved": thread.root.resolved},
    }


def core_form(payload: s.FormDoc) -> CoreForm:
    """The posted form read by the core, as the JSON importer reads one; 422 with where."""
    data = payload.model_dump(exclude={"version", "indicator_keys"})
    try:
        return form_from_json(data, "body")
    except CanonicalError as exc:
        raise invalid(str(exc)) from None
    except InputError as exc:  # an amount out of the bounds: in the caller's language
        text = local(exc.text)
        raise invalid(text, "body", "funds") from None


def row_keys(given: list[str], rows: int) -> list[str | None]:
    """One key per row as sent (checked by the save: `trusted_keys`); None, a new row's."""
    return [*given[:rows], *([None] * (rows - len(given)))]


def invalid(message: str, *where: str) -> ApiError:
    """422 for a message of the core. Its canonical JSON reader starts each with where it is
    (`body.planned_start：不是 YYYY-MM-DD 日期`), which becomes the `loc`; or `where` is given."""
    place, _sep, reason = message.partition("：")
    loc = list(where) or place.split(".")
    problem = {"loc": loc, "msg": reason if not where and reason else message}
    return ApiError(422, "invalid", _("请求的内容不符合接口说明。"), errors=[problem])


def item(row: Form) -> dict[str, Any]:
    amount = row.request_yuan
    return {
        **{name: getattr(row, name) for name in ("id", "project_name", "implementing_unit")},
        **{name: getattr(row, name) for name in ("status", "version", "grade", "updated_at")},
        "unit": row.unit_id,
        "unit_name": row.unit.name,
        "budget_year": row.budget_year_id,
        "score": None if row.score is None else str(row.score),
        "finding_count": row.finding_count,
        "request_yuan": None if amount is None else format_decimal(amount),
    }


@router.get("", response={200: s.FormList, **COMMON}, summary="表单列表")
def list_forms(request: HttpRequest, filters: Query[Filters]) -> dict[str, Any]:
    unknown = sorted(set(request.GET) - set(Filters.model_fields))
    if unknown:  # a misspelt filter would otherwise list everything, silently
        problems = [{"loc": ["query", name], "msg": _("没有这个参数。")} for name in unknown]
        raise ApiError(422, "invalid", _("请求的内容不符合接口说明。"), errors=problems)
    params = {k: str(v) for k, v in filters.model_dump().items() if v is not None}
    forms = listing.apply(perm.visible_forms(request.auth), params)  # type: ignore[attr-defined]
    start = (filters.page - 1) * filters.page_size
    ids = list(forms.values_list("id", flat=True)[start : start + filters.page_size])
    return {"count": forms.count(), "items": [item(r) for r in listing.rows_of(ids, COLUMNS)]}


@router.get("/{id}", response={200: s.FormOut, **ERRORS}, exclude_unset=True, summary="读取表单")
def read_form(request: HttpRequest, id: FormId, response: HttpResponse) -> dict[str, Any]:
    return representation(visible(request, id), response)


@router.post(
    "",
    response={201: s.FormOut, **COMMON, 403: Error},
    exclude_unset=True,
    summary="新建草稿",
)
def create_form(request: HttpRequest, payload: s.FormDoc, response: HttpResponse) -> Status:
    user = request.auth  # type: ignore[attr-defined]
    perm.require(perm.can_create(user))
    try:
        form = editing.create(core_form(payload), user)
    except units.UnitRefused as exc:
        raise ApiError(403, "unit_refused", str(exc)) from None
    editing.review_with_siblings(form, user)
    response["Location"] = f"{request.path.rstrip('/')}/{form.pk}"
    return Status(201, representation(Form.objects.get(pk=form.pk), response))


@router.put(
    "/{id}",
    response={
        200: s.FormOut,
        **ERRORS,
        409: s.ConflictOut,
        412: Error,
        428: Error,
    },
    exclude_unset=True,
    summary="保存表单（版本号：If-Match 或 version）",
)
def replace_form(
    request: HttpRequest, id: FormId, payload: s.FormIn, response: HttpResponse
) -> dict[str, Any]:
    form = editable(request, id)
    version = edited_from(request, payload.version, form.version)
    posted = core_form(payload).with_changes(source=form.source_index)
    keys = row_keys(payload.indicator_keys or [], len(posted.indicators))
    try:
        saved = editing.save(form, posted, keys, version, request.auth)  # type: ignore[attr-defined]
    except units.UnitRefused as exc:
        raise ApiError(403, "unit_refused", str(exc)) from None
    except editing.Conflict as conflict:
        raise answer_conflict(conflict) from None
    except editing.Frozen:
        raise not_draft(Form.objects.get(pk=form.pk)) from None
    response["Jixiao-Merged"] = "true" if saved.merged else "false"
    return representation(Form.objects.get(pk=form.pk), response)


@router.delete("/{id}", response={204: None, **ERRORS, 409: Error}, summary="删除草稿")
def delete_form(request: HttpRequest, id: FormId) -> Status:
    form = visible(request, id)
    try:
        workflow.delete_draft(request.auth, form)  # type: ignore[attr-defined]
    except workflow.WrongState:
        raise ApiError(409, "not_draft", _("只能删除草稿。")) from None
    except workflow.Blocked as held:
        raise ApiError(409, held.code, held.message) from None
    return Status(204, None)
