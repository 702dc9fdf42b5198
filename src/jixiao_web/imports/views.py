"""Import page: upload one or many documents, see what was found, noted and refused."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from jixiao.errors import JixiaoError
from jixiao.exporters.template import template_long, template_xlsx
from jixiao.importers import check_size, formats
from jixiao_web.accounts import permissions as perm
from jixiao_web.accounts.models import Role
from jixiao_web.imports.models import ImportBatch
from jixiao_web.params import MAX_ID, MAX_YEAR, int_param
from jixiao_web.services.forms import UNKNOWN_UNIT
from jixiao_web.services.imports import FileReport, ImportResult, finish_batch, import_files
from jixiao_web.units.models import Unit

MAX_FILES = 200


def _unit_check(user: Any) -> Any:
    """Staff may import only forms of their own unit."""
    if perm.role(user) != Role.STAFF:
        return None
    allowed = set(perm.unit_ids(user) or [])

    def check(form: Any) -> str | None:
        name = form.implementing_unit or form.supervising_department or UNKNOWN_UNIT
        unit = Unit.objects.filter(name=name).first()
        if unit is not None and unit.pk in allowed:
            return None
        return _("第 %(seq)s 张表的实施单位“%(unit)s”不是您的单位，整个文件未导入。") % {
            "seq": form.seq,
            "unit": name,
        }

    return check


def _read_uploads(request: HttpRequest) -> tuple[list[tuple[str, bytes]], list[FileReport]]:
    good, refused = [], []
    uploads = request.FILES.getlist("files")
    for upload in uploads[MAX_FILES:]:
        refused.append(
            FileReport(
                name=upload.name or "",
                size=upload.size or 0,
                error=_("超过一次最多 %(n)s 个文件的上限，未导入。") % {"n": MAX_FILES},
            )
        )
    for upload in uploads[:MAX_FILES]:
        try:
            check_size(upload.size or 0, upload.name or "")
        except JixiaoError as exc:
            refused.append(
                FileReport(
                    name=upload.name or "",
                    size=upload.size or 0,
                    error=exc.text.zh,
                    error_en=exc.text.en,
                )
            )
            continue
        good.append((upload.name or "upload", upload.read()))
    return good, refused


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    perm.require(perm.can_import(request.user))
    context: dict[str, Any] = {"formats": formats(), "recent": _recent(request.user)}
    if request.method != "POST":
        return render(request, "imports/page.html", context)
    into = _own_batch(request, int_param(request.POST, "batch", MAX_ID))
    if request.POST.get("finish"):
        reviewed = finish_batch(into, request.user) if into else False
        return render(request, "imports/_finished.html", {"batch": into, "reviewed": reviewed})
    files, refused = _read_uploads(request)
    if not files and not refused:
        context["error"] = _("请选择至少一个文件。")
        return render(request, "imports/page.html", context, status=400)
    result = import_files(files, request.user, _unit_check(request.user), into=into)
    result.files += refused
    context["result"] = result
    failed = any(f.error for f in result.files)
    status = 422 if failed and not result.forms else 200
    fragment = request.headers.get("HX-Request")
    return render(
        request, "imports/_report.html" if fragment else "imports/page.html", context, status=status
    )


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
