"""Import page: upload one or many documents, see what was found, noted and refused."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from jixiao.exporters.template import template_long, template_xlsx
from jixiao.exporters.xlsx_export import MEDIA_TYPE as XLSX
from jixiao.importers import formats
from jixiao.matching import OnMatch
from jixiao_web.accounts import permissions as perm
from jixiao_web.accounts.models import Role
from jixiao_web.bilingual import local
from jixiao_web.downloads import attachment
from jixiao_web.imports.models import ImportBatch
from jixiao_web.params import MAX_ID, MAX_YEAR, int_param
from jixiao_web.services import background, incoming
from jixiao_web.services.imports import finish_batch


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    perm.require(perm.can_import(request.user))
    context: dict[str, Any] = {
        "formats": formats(),
        "recent": _recent(request.user),
        "policies": [(m.value, local(m.label)) for m in OnMatch],
        "on_match": OnMatch.SKIP.value,
    }
    if request.method != "POST":
        return render(request, "imports/page.html", context)
    into = _own_batch(request, int_param(request.POST, "batch", MAX_ID))
    if into is not None and into.busy:
        context["error"] = _("此批次仍在后台处理，请等它完成后再继续。")
        return render(request, "imports/page.html", context, status=409)
    if request.POST.get("finish"):
        return _finish(request, into)
    if getattr(request, "upload_refused", None):
        context["error"] = request.upload_refused
        return render(request, "imports/page.html", context, status=413)
    uploads = request.FILES.getlist("files")
    if not uploads:
        context["error"] = _("请选择至少一个文件。")
        return render(request, "imports/page.html", context, status=400)
    on_match = _on_match(request.POST.get("on_match"))
    context["on_match"] = on_match.value
    started = incoming.start(uploads, request.user, on_match, into)
    if started.queued is not None:
        return _following(request, started.queued)
    result = context["result"] = started.result
    status = 422 if not result.ok and not result.forms else 200  # nothing stored, a file refused
    fragment = request.headers.get("HX-Request")
    return render(
        request, "imports/_report.html" if fragment else "imports/page.html", context, status=status
    )


def _finish(request: HttpRequest, batch: ImportBatch | None) -> HttpResponse:
    """The end of a batch sent file by file: its whole review, on the worker when it is large."""
    if batch is not None and batch.forms.count() > settings.JIXIAO_BACKGROUND_REVIEW_FORMS:
        background.queue_review(batch, request.user)
        return _following(request, batch)
    reviewed = finish_batch(batch, request.user) if batch else False
    return render(request, "imports/_finished.html", {"batch": batch, "reviewed": reviewed})


def _following(request: HttpRequest, batch: ImportBatch) -> HttpResponse:
    """The answer to work queued for the worker: the progress to follow (the script asks the
    status address), or without the script the batch's page, which refreshes itself."""
    if request.headers.get("HX-Request"):
        context = {"batch": batch, "status": background.describe(batch)}
        return render(request, "imports/_progress.html", context, status=202)
    return redirect("imports:batch", batch.pk)


def _on_match(value: str | None) -> OnMatch:
    """The user's choice for forms already there (skip when not given)."""
    try:
        return OnMatch(value or OnMatch.SKIP.value)
    except ValueError:
        raise BadRequest(f"on_match: {value!r}") from None


TEMPLATES = {
    "xlsx": ("jixiao-template.xlsx", lambda year: template_xlsx(year)),
    "xlsx-long": ("jixiao-template-long.xlsx", lambda year: template_long()),
}


@login_required
def template_download(request: HttpRequest, kind: str) -> HttpResponse:
    """The blank Excel templates units fill in (the same files as `jixiao template`)."""
    if kind not in TEMPLATES:
        raise Http404
    year = int_param(request.GET, "year", MAX_YEAR)
    filename, make = TEMPLATES[kind]
    return attachment(make(year), XLSX, filename, filename)


def _own_batch(request: HttpRequest, pk: int | None) -> ImportBatch | None:
    """The batch a file-by-file upload adds to: only its own creator may add to it."""
    if not pk:
        return None
    batch = get_object_or_404(ImportBatch, pk=pk)
    perm.require(batch.created_by_id == request.user.pk)
    return batch


@login_required
def recent(request: HttpRequest) -> HttpResponse:
    """The list of recent imports alone: the upload script puts it in place once it is done."""
    perm.require(perm.can_import(request.user))
    return render(request, "imports/_recent.html", {"recent": _recent(request.user)})


def _recent(user: Any) -> Any:
    batches = ImportBatch.objects.all()
    if perm.role(user) != Role.ADMIN:
        batches = batches.filter(created_by=user)
    return batches[:10]


@login_required
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = _followed(request, pk)
    forms = perm.visible_forms(request.user).filter(import_batch=batch).select_related("unit")
    context = {"batch": batch, "result": incoming.kept_report(batch), "forms": forms}
    if batch.progress:
        context["status"] = background.describe(batch)
    return render(request, "imports/batch.html", context)


@login_required
def batch_status(request: HttpRequest, pk: int) -> JsonResponse:
    """The progress of a batch on the worker, for the import page's script; once finished, the
    report of the files this run imported (or of the whole review), as the page shows it."""
    batch = _followed(request, pk)
    status = background.describe(batch)
    if status["finished"]:
        status["html"] = _finished_html(request, batch, status)
    return JsonResponse(status)


def _finished_html(request: HttpRequest, batch: ImportBatch, status: dict[str, Any]) -> str:
    if batch.progress.get("kind") == background.REVIEW:
        context = {"batch": batch, "reviewed": batch.progress.get("reviewed"), "status": status}
        return render_to_string("imports/_finished.html", context, request)
    result = incoming.kept_report(batch, batch.progress.get("report_from", 0))
    return render_to_string("imports/_report.html", {"result": result, "status": status}, request)


def _followed(request: HttpRequest, pk: int) -> ImportBatch:
    perm.require(perm.can_import(request.user))
    batch = get_object_or_404(ImportBatch, pk=pk)
    perm.require(perm.can_follow_batch(request.user, batch))
    return batch
