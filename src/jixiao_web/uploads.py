"""Uploads are bounded: no request may bring more than `JIXIAO_MAX_UPLOAD_MB` of files, and files
go to temporary files on disk as they arrive (settings: FILE_UPLOAD_MAX_MEMORY_SIZE), so one
request never holds gigabytes in memory (docs/imports.md).

`LimitedUploadHandler` comes first among the upload handlers. A request whose announced length
is over the limit is refused before its body is read; one that sends more than it announced (or
announces nothing) is stopped when the limit is passed. Either way the request gets no files and
`request.upload_refused` says why, for the view to show.
"""

from __future__ import annotations

import os
from typing import Any

from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

DEFAULT_MAX_UPLOAD_MB = 200


def max_upload_bytes() -> int:
    """The most one request may upload, in bytes (`JIXIAO_MAX_UPLOAD_MB`, default 200)."""
    value = os.environ.get("JIXIAO_MAX_UPLOAD_MB", "").strip()
    megabytes = float(value) if value else DEFAULT_MAX_UPLOAD_MB
    return int(megabytes * 1024 * 1024)


def _refusal(limit: int) -> str:
    return _("一次上传的文件总量超过 %(mb)s MB 的上限，未导入。请分几次上传。") % {
        "mb": round(limit / 1048576, 1)
    }


class LimitedUploadHandler(FileUploadHandler):
    """Counts what a request uploads; past the limit, the upload stops and nothing is kept."""

    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.limit = max_upload_bytes()
        self.received = 0

    def handle_raw_input(
        self, input_data: Any, META: Any, content_length: int, boundary: Any, encoding: Any = None
    ) -> tuple[QueryDict, MultiValueDict[str, Any]] | None:
        if content_length and content_length > self.limit:
            self.request.upload_refused = _refusal(self.limit)
            return QueryDict(), MultiValueDict()  # the body is never read
        return None

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self.request.upload_refused = _refusal(self.limit)
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler (memory or temporary file) keeps the file
