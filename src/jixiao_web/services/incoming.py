"""Uploaded files into the import (docs/imports.md): the limits, then the import within the
request or on the worker. One path for the import page and the API (docs/api.md, imports), so
both refuse, import and queue alike.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from jixiao.errors import JixiaoError
from jixiao.importers import check_size
from jixiao.matching import OnMatch
from jixiao_web.imports.models import ImportBatch
from jixiao_web.services import background
from jixiao_web.services.imports import FileReport, ImportResult, import_files


@dataclass
class Started:
    """What became of an upload: imported now (`result`), or queued for the worker (`queued`)."""

    result: ImportResult | None = None
    queued: ImportBatch | None = None


def accept(uploads: Sequence[Any]) -> tuple[list[Any], list[FileReport]]:
    """The uploaded files to import, and reports of those refused before reading (too large).
    The files stay on disk until `contents` reads them one at a time. (Their number is bounded
    before: Django refuses a request with more than DATA_UPLOAD_MAX_NUMBER_FILES, settings.py.)"""
    kept, refused = [], []
    for upload in uploads:
        try:
            check_size(upload.size or 0, upload.name or "")
        except JixiaoError as exc:
            report = FileReport(name=upload.name or "", size=upload.size or 0)
            report.error, report.error_en = exc.text.zh, exc.text.en
            refused.append(report)
            continue
        kept.append(upload)
    return kept, refused


def contents(uploads: list[Any]) -> Iterator[tuple[str, bytes]]:
    """Each upload's name and bytes, read only when the import comes to it."""
    for upload in uploads:
        with upload:
            yield upload.name or "upload", upload.read()


def start(
    uploads: Sequence[Any], user: Any, on_match: OnMatch, into: ImportBatch | None = None
) -> Started:
    """Import the uploads, or queue them for the worker when they are large
    (`JIXIAO_BACKGROUND_IMPORT_BYTES`, all files together)."""
    files, refused = accept(uploads)
    if sum(f.size or 0 for f in files) > settings.JIXIAO_BACKGROUND_IMPORT_BYTES:
        return Started(
            queued=background.queue_import(contents(files), refused, user, on_match, into)
        )
    result = import_files(contents(files), user, on_match, into=into)
    result.files += refused
    return Started(result=result)


def kept_report(batch: ImportBatch, first: int = 0) -> ImportResult:
    """The import report kept on a batch (from its `first` file on), as the page shows it."""
    files = [FileReport(**f) for f in batch.report.get("files", [])[first:]]
    return ImportResult(files=files, batch=batch)
