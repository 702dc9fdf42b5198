"""`POST /api/v1/imports` and `GET /api/v1/imports/{id}` (docs/api.md, imports).

The import page's own path (`services.incoming`): the same limits, the same duplicate handling,
the same worker for large uploads. This module only turns its report into JSON.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import File, Form, Path, Router, Schema, Status
from ninja.files import UploadedFile

from jixiao.matching import OnMatch
from jixiao_web.accounts import permissions as perm
from jixiao_web.api.errors import Error, responses
from jixiao_web.imports.models import ImportBatch
from jixiao_web.params import MAX_ID
from jixiao_web.services import background, incoming
from jixiao_web.services.imports import ImportResult

router = Router(tags=["imports"])


class NoteOut(Schema):
    form: int | None = None  # the form's place in its file; none for a note on the whole file
    code: str
    message: str
    message_en: str | None = None  # the note in English, where the reader wrote one (Note.en)
    line: int | None = None


class MatchOut(Schema):
    form: int
    project: str | None = None
    existing: int  # the stored form it matched
    done: Literal["skipped", "replaced", "separate"]
    version: int | None = None  # the stored form's new version, when replaced
    why: str | None = None  # why it was skipped, when replacing was asked


class FileOut(Schema):
    name: str
    size: int
    format: str
    forms: int  # forms read from the file
    created: int
    replaced: int
    skipped: str  # why the whole file was left out (identical to one stored before); "" if not
    error: str  # why the file was not imported (Chinese); "" if it was
    error_en: str
    line: int | None = None
    field: str
    notes: list[NoteOut]
    matches: list[MatchOut]


class ImportOut(Schema):
    batch: int | None
    ok: bool  # no file was refused (each file is stored whole or not at all)
    stored: int  # forms stored, new or as new versions
    forms: list[int]  # their ids
    files: list[FileOut]


class ImportQueued(Schema):
    id: int
    state: str
    location: str  # where to poll (GET), also in the Location header


class ImportStatus(Schema):
    id: int
    state: Literal["queued", "running", "done", "failed"]
    finished: bool
    percent: int
    text: str  # one sentence on where the worker is, in the caller's language
    restarted: str  # what a worker restart did to it, if one did
    report: ImportOut | None  # once finished


def report(result: ImportResult, forms: list[int]) -> dict[str, Any]:
    files = [f.as_dict() for f in result.files]
    batch = result.batch.pk if result.batch else None
    return {
        "batch": batch,
        "ok": result.ok,
        "stored": result.stored,
        "forms": forms,
        "files": files,
    }


@router.post(
    "/imports",
    response=responses({200: ImportOut, 202: ImportQueued, 400: Error, 403: Error, 413: Error}),
    summary="导入文档（一个或多个文件）",
)
def create_import(
    request: HttpRequest,
    response: HttpResponse,
    file: Annotated[list[UploadedFile], File(min_length=1)],
    on_match: Form[OnMatch] = OnMatch.SKIP,
) -> Status[dict[str, Any]]:
    """Import the files as the import page does; large uploads answer 202 and a place to poll."""
    user = request.auth  # type: ignore[attr-defined]
    perm.require(perm.can_import(user))
    started = incoming.start(file, user, on_match)
    if started.queued is not None:
        location = reverse("api:import", kwargs={"id": started.queued.pk})
        response["Location"] = location
        return Status(
            202, {"id": started.queued.pk, "state": started.queued.state, "location": location}
        )
    result = started.result
    assert result is not None
    # 200 also when a file is refused: the request was sound and the report tells (`ok`, `files`)
    return Status(200, report(result, [f.pk for f in result.forms]))


@router.get(
    "/imports/{id}",
    response=responses({200: ImportStatus, 403: Error, 404: Error}),
    url_name="import",
    summary="导入批次的状态与报告",
)
def import_status(
    request: HttpRequest, id: Annotated[int, Path(ge=1, le=MAX_ID)]
) -> dict[str, Any]:
    """The state and progress of a batch; when finished, the report of the files it imported."""
    user = request.auth  # type: ignore[attr-defined]
    perm.require(perm.can_import(user))
    batch = get_object_or_404(ImportBatch, pk=id)
    if not perm.can_follow_batch(user, batch):
        raise Http404  # like a form one may not see: its existence is not told
    status = background.describe(batch)
    status["id"], status["report"] = batch.pk, None
    if status["finished"]:
        kept = incoming.kept_report(batch, batch.progress.get("report_from", 0))
        forms = perm.visible_forms(user).filter(import_batch=batch).order_by("pk")
        status["report"] = report(kept, list(forms.values_list("pk", flat=True)))
    return status
