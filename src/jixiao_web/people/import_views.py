"""用户批量导入: the template, the upload and its report, the passwords made (docs/people.md).

The generated passwords are shown once on the report and kept in the administrator's session
for one download of the xlsx; the download removes them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from jixiao.exporters.xlsx_export import MEDIA_TYPE as XLSX
from jixiao_web.downloads import attachment
from jixiao_web.people.access import admin_only
from jixiao_web.services import user_sheet

PASSWORDS = "people_import_passwords"  # the session key of the passwords not yet downloaded


def _download(data: bytes, filename: str) -> HttpResponse:
    return attachment(data, XLSX, filename, filename)


@admin_only
def template(request: HttpRequest) -> HttpResponse:
    return _download(user_sheet.template_bytes(), "users-template.xlsx")


def _page(request: HttpRequest, error: str | None = None) -> HttpResponse:
    context = {
        "error": error,
        "max_rows": user_sheet.MAX_ROWS,
        "max_kb": user_sheet.MAX_BYTES // 1024,
    }
    return render(request, "people/import.html", context, status=400 if error else 200)


@admin_only
def import_page(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _page(request)
    upload = request.FILES.get("file")
    if upload is None:
        return _page(request, _("请选择要导入的 .xlsx 文件。"))
    if (upload.size or 0) > user_sheet.MAX_BYTES:  # refused before it is read
        return _page(
            request, _("文件过大（上限 %(n)s KB）。") % {"n": user_sheet.MAX_BYTES // 1024}
        )
    try:
        report = user_sheet.import_sheet(upload.read(), upload.name or "", request.user)
    except user_sheet.SheetRefused as exc:
        return _page(request, f"{upload.name}: {exc}")
    if report.created:
        request.session[PASSWORDS] = report.created
    context = {"report": report, "name": upload.name}
    return render(request, "people/import_report.html", context)


@admin_only
def passwords(request: HttpRequest) -> HttpResponse:
    """The passwords of the last import, once: a second download finds nothing."""
    kept = request.session.pop(PASSWORDS, None) if request.method == "POST" else None
    if not kept:
        message = _("初始密码只能下载一次，已下载或已过期。需要时请在用户页面重设密码。")
        return render(request, "error.html", {"message": message}, status=410)
    return _download(user_sheet.passwords_bytes(kept), "users-passwords.xlsx")
