"""Uploads are bounded: no request may bring more than `JIXIAO_MAX_UPLOAD_MB` of files, and files
go to temporary files on disk as they arrive (settings: FILE_UPLOAD_MAX_MEMORY_SIZE), so one
request never holds gigabytes in memory (docs/imports.md).

`LimitedUploadHandler` comes first among the upload handlers: a request whose length is over the
limit is refused before its body is read (Django reads no more of a body than its announced
length). The request then has no files and `request.upload_refused` says why, for the view (or
the CSRF failure page, as the refused body's token is not read either) to show.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _


def max_upload_bytes() -> int:
    """The most one request may upload, in bytes (`JIXIAO_MAX_UPLOAD_MB`, settings)."""
    return int(settings.JIXIAO_MAX_UPLOAD_MB * 1024 * 1024)


def _refusal(limit: int) -> str:
    return _("一次上传的文件总量超过 %(mb)s MB 的上限，未导入。请分几次上传。") % {
        "mb": round(limit / 1048576, 1)
    }


class LimitedUploadHandler(FileUploadHandler):
    """Refuses a request over the limit before reading it; passes every other one on."""

    def handle_raw_input(
        self, input_data: Any, META: Any, content_length: int, boundary: Any, encoding: Any = None
    ) -> tuple[QueryDict, MultiValueDict[str, Any]] | None:
        limit = max_upload_bytes()
        if content_length and content_length > limit:
            self.request.upload_refused = _refusal(limit)
            return QueryDict(), MultiValueDict()  # the body is never read
        return None

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        return raw_data  # for the next handler (memory or temporary file) to keep

    def file_complete(self, file_size: int) -> None:
        return None
