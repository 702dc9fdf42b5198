"""Import page: upload one or many documents, see what was found, noted and refused."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import translation
from django.utils.translation import gettext as _

from jixiao.errors import JixiaoError
from jixiao.exporters.template import template_long, template_xlsx
from jixiao.importers import check_size, formats
from jixiao.matching import OnMatch
from jixiao_web.accounts import permissions as perm
from jixiao_web.accounts.models import Role
from jixiao_web.imports.models import ImportBatch
from jixiao_web.params import MAX_ID, MAX_YEAR, int_param
from jixiao_web.services.imports import FileReport, ImportResult, finish_batch, import_files

MAX_FILES = 200


def _uploads(request: HttpRequest) -> tuple[list[Any], list[FileReport]]:
    """The uploaded files to import, and reports of those refused before reading (too many,
    too large). The files stay on disk until `_contents` reads them one at a time."""
    uploads, refused = request.FILES.getlist("files"), []
    for upload in uploads[MAX_FILES:]:
        message = _("超过一次最多 %(n)s 个文件的上限，未导入。") % {"n": MAX_FILES}
        refused.append(FileReport(name=upload.name or "", size=upload.size or 0, error=message))
    kept = []
    for upload in uploads[:MAX_FILES]:
        try:
            check_size(upload.size or 0, upload.name or "")
        except JixiaoError as exc:
            report = FileReport(name=upload.name or "", size=upload.size or 0)
            report.error, report.error_en = exc.text.zh, exc.text.en
            refused.append(report)
            continue
        kept.append(upload)
    return kept, refused


def _contents(uploads: list[Any]) -> Iterator[tuple[str, bytes]]:
    """Each upload's name and bytes, read only when the import comes to it."""
    for upload in uploads:
        with upload:
            yield upload.name or "upload", upload.read()


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    perm.require(perm.can_import(request.user))
    context: dict[str, Any] = {
        "formats": formats(),
        "recent": _recent(request.user),
        "policies": [(m.value, _label(m)) for m in OnMatch],
        "on_match": OnMatch.SKIP.value,
    }
    if request.method != "POST":
        return render(request, "imports/page.html", context)
    into = _own_batch(request, int_param(request.POST, "batch", MAX_ID))
    if request.POST.get("finish"):
        reviewed = finish_batch(into, request.user) if into else False
        return render(request, "imports/_finished.html", {"batch": into, "reviewed": reviewed})
    if getattr(request, "upload_refused", None):
        context["error"] = request.upload_refused
        return render(request, "imports/page.html", context, status=413)
    files, refused = _uploads(request)
    if not files and not refused:
        context["error"] = _("请选择至少一个文件。")
        return render(request, "imports/page.html", context, status=400)
    on_match = _on_match(request.POST.get("on_match"))
    context["on_match"] = on_match.value
    result = import_files(_contents(files), request.user, on_match, into=into)
    result.files += refused
    context["result"] = result
    failed = any(f.error for f in result.files)
    status = 422 if failed and not result.forms else 200
    fragment = request.headers.get("HX-Request")
    return render(
        request, "imports/_report.html" if fragment else "imports/page.html", context, status=status
    )


def _on_match(value: str | None) -> OnMatch:
    """The user's choice for forms already there (skip when not given)."""
    try:
        return OnMatch(value or OnMatch.SKIP.value)
    except ValueError:
        raise BadRequest(f"on_match: {value!r}") from None


def _label(policy: OnMatch) -> str:
    return policy.label.en if translation.get_language() == "en" else policy.label.zh


TEMPLATES = {
    "xlsx": ("jixiao-template.xlsx", lambda year: template_xlsx(year)),
    "xlsx-long": ("jixiao-template-long.xlsx", lambda year: template_long()),
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def template_download(request: HttpRequest, kind: str) -> HttpResponse:
    """The blank Excel templates units fill in (the same files as `jixiao template`)."""
    if kind not in TEMPLATES:
        raise Http404
    year = int_param(request.GET, "year", MAX_YEAR)
    filename, make = TEMPLATES[kind]
    response = HttpResponse(make(year), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _own_batch(request: HttpRequest, pk: int | None) -> ImportBatch | None:
    """The batch a file-by-file upload adds to: only its own creator may add to it."""
    if not pk:
        return None
    batch = get_object_or_404(ImportBatch, pk=pk)
    perm.require(batch.created_by_id == request.user.pk)
    return batch


def _recent(user: Any) -> Any:
    batches = ImportBatch.objects.all()
    if perm.role(user) != Role.ADMIN:
        batches = batches.filter(created_by=user)
    return batches[:10]


@login_required
def batch_detail(request: HttpRequest, pk: int) -> HttpResponse:
    perm.require(perm.can_import(request.user))
    batch = get_object_or_404(ImportBatch, pk=pk)
    perm.require(perm.role(request.user) == Role.ADMIN or batch.created_by_id == request.user.pk)
    forms = perm.visible_forms(request.user).filter(import_batch=batch).select_related("unit")
    result = ImportResult(
        files=[FileReport(**f) for f in batch.report.get("files", [])], batch=batch
    )
    return render(request, "imports/batch.html", {"batch": batch, "result": result, "forms": forms})
