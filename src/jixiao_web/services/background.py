"""Large imports and whole-batch reviews on the worker (docs/imports.md, background work).

The request keeps the uploaded bytes (`PendingUpload`), marks the batch `queued` and queues a
task in the database; `python -m jixiao_web worker` (started by `make run`) runs it. The task
imports the files one at a time with the same service as the page (`services.imports`), so it
writes in short transactions and other people's saves go through meanwhile; after each part it
writes its progress on the batch, which the batch's page shows.

A worker stopped mid-way (killed, restarted) leaves the batch `running`: the worker's next
start (`recover`) removes the parts of the file it was writing (still hidden as `pending`) and
queues the batch again, which goes on from that file; the files stored before stay stored.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from jixiao.matching import OnMatch
from jixiao_web.forms.models import Form as FormRow
from jixiao_web.imports.models import ImportBatch, ImportNote, PendingUpload, SourceFile
from jixiao_web.reviews.models import ReviewRun
from jixiao_web.services.imports import FileReport, finish_batch, import_files, keep_reports

IMPORT, REVIEW = "import", "review"


def queue_import(
    files: Iterable[tuple[str, bytes]],
    refused: list[FileReport],
    user: Any,
    on_match: OnMatch,
    into: ImportBatch | None = None,
) -> ImportBatch:
    """Keep the files and queue their import into a new batch (or `into`)."""
    with transaction.atomic():
        batch = into or ImportBatch.objects.create(created_by=user)
        start = len(batch.report.get("files", []))
        count = 0
        for count, (name, data) in enumerate(files, 1):  # one file in memory at a time
            PendingUpload.objects.create(batch=batch, position=count, name=name, content=data)
        batch.report = {"files": batch.report.get("files", []) + [r.as_dict() for r in refused]}
        batch.progress = {
            "kind": IMPORT,
            "on_match": on_match.value,
            "user": getattr(user, "pk", None),
            "files": count,
            "files_done": 0,
            "report_from": start,
            "whole_review": into is None and count > 1,
        }
        _queue(batch)
    return batch


def queue_review(batch: ImportBatch, user: Any) -> None:
    """Queue the review of a whole batch (a batch sent file by file, when it is large)."""
    batch.progress = {"kind": REVIEW, "user": getattr(user, "pk", None)}
    _queue(batch)


def _queue(batch: ImportBatch) -> None:
    batch.state = ImportBatch.QUEUED
    batch.progress.update(phase="queued", restarts=batch.progress.get("restarts", 0))
    batch.save(update_fields=["report", "state", "progress"])
    run_batch.enqueue(batch.pk)


@task()
def run_batch(batch_id: int) -> str:
    """The task: import the batch's waiting files, or review it; returns its final state."""
    batch = ImportBatch.objects.get(pk=batch_id)
    progress = batch.progress
    user = User.objects.filter(pk=progress.get("user")).first()
    _tell(batch, ImportBatch.RUNNING)
    try:
        if progress["kind"] == IMPORT:
            _import_uploads(batch, user, OnMatch(progress["on_match"]))
        if progress["kind"] == REVIEW or progress.get("whole_review"):
            progress.update(phase="whole_review")
            _tell(batch)
            progress["reviewed"] = finish_batch(batch, user)
    except Exception as exc:
        progress.update(phase="failed", error=str(exc) or type(exc).__name__)
        PendingUpload.objects.filter(batch=batch).delete()
        _tell(batch, ImportBatch.FAILED)
        raise
    progress.update(phase="done")
    _tell(batch, ImportBatch.DONE)
    return ImportBatch.DONE


def _import_uploads(batch: ImportBatch, user: Any, on_match: OnMatch) -> None:
    """Import the waiting files in order, each whole or not at all, forgetting each when done."""
    progress = batch.progress
    resumed = bool(progress.get("restarts"))

    def told(phase: str, done: int, total: int) -> None:
        progress.update(phase=phase, done=done, total=total)
        _tell(batch)

    for pk in batch.uploads.values_list("pk", flat=True):
        upload = PendingUpload.objects.get(pk=pk)
        name, data = upload.name, bytes(upload.content)
        progress.update(name=name, notes_from=batch.notes.count(), label=batch.label)
        progress.update(file=progress["files_done"] + 1, done=0, total=0)
        done = _stored_before(batch, name, data) if resumed else None
        if done is not None:
            keep_reports(batch, [done])
        else:
            import_files([(name, data)], user, on_match, batch, told)
        resumed = False
        with transaction.atomic():
            upload.delete()
            progress.update(files_done=progress["files_done"] + 1, phase="stored")
            _tell(batch)


def _stored_before(batch: ImportBatch, name: str, data: bytes) -> FileReport | None:
    """The report of the file a stopped worker had stored whole just before it stopped (its
    last transaction committed, the report not yet kept); None if it was not stored."""
    source = batch.sources.filter(sha256=hashlib.sha256(data).hexdigest()).first()
    if source is None:
        return None
    forms = source.forms.count()
    return FileReport(name=name, size=len(data), format=source.format, forms=forms, created=forms)


def _tell(batch: ImportBatch, state: str | None = None) -> None:
    """Write the batch's progress (and state); the page reads it."""
    if state is not None:
        batch.state = state
    ImportBatch.objects.filter(pk=batch.pk).update(state=batch.state, progress=batch.progress)


def recover() -> list[int]:
    """Batches a stopped worker left running: undo the file it was writing and queue them again.

    Called when the worker starts, before it takes any task: one worker serves a database
    (`make run` starts one), so a batch still `running` then was left by a worker that died."""
    found = list(ImportBatch.objects.filter(state=ImportBatch.RUNNING))
    for batch in found:
        undo_unfinished(batch)
        batch.progress["restarts"] = batch.progress.get("restarts", 0) + 1
        _queue(batch)
    _forget_dead_tasks()
    return [b.pk for b in found]


def undo_unfinished(batch: ImportBatch) -> None:
    """Remove what was written of a file whose import did not finish: its forms are still
    `pending` (shown only by the file's last transaction), with its source, review run and
    notes (written in the file's first transaction)."""
    pending = FormRow.all_objects.filter(import_batch=batch, pending=True)
    sources = set(pending.values_list("source_file_id", flat=True))
    runs = set(pending.values_list("review_run_id", flat=True))
    if not sources:
        return
    with transaction.atomic():
        pending.delete()
        SourceFile.objects.filter(pk__in=sources).delete()
        ReviewRun.objects.filter(pk__in=runs).delete()
        notes_from = batch.progress.get("notes_from")
        if notes_from is not None:
            ImportNote.objects.filter(batch=batch, position__gte=notes_from).delete()
        if "label" in batch.progress:
            ImportBatch.objects.filter(pk=batch.pk).update(label=batch.progress["label"])


class WorkerStopped(Exception):
    """The worker stopped while the task ran (its batch was queued again)."""


def _forget_dead_tasks() -> None:
    """Mark the task records a dead worker left `RUNNING` as failed, so they show as ended."""
    from django_tasks_db.models import DBTaskResult

    for result in DBTaskResult.objects.running():
        result.set_failed(WorkerStopped())


def describe(batch: ImportBatch) -> dict[str, Any]:
    """What the page says of a batch the worker has or had: state, percent done, one sentence,
    and whether a worker restart interrupted it."""
    p = batch.progress
    return {
        "state": batch.state,
        "finished": not batch.busy,
        "percent": _percent(p) if batch.busy else 100,
        "text": _sentence(batch.state, p),
        "restarted": _(
            "后台进程曾重启，导入中断过 %(n)s 次：未写完的文件已撤销，并从该文件重新导入。"
        )
        % {"n": p["restarts"]}
        if p.get("restarts")
        else "",
    }


def _percent(p: dict[str, Any]) -> int:
    if p.get("kind") != IMPORT or not p.get("files"):
        return 0
    part = p.get("done", 0) / p["total"] if p.get("phase") == "storing" and p.get("total") else 0
    return min(99, int(100 * (p.get("files_done", 0) + part) / p["files"]))


def _sentence(state: str, p: dict[str, Any]) -> str:
    phase = p.get("phase", "")
    if state == ImportBatch.FAILED:
        return _("失败：%(error)s。正在写入的文件已撤销，此前的文件已导入。") % {
            "error": p.get("error")
        }
    if state == ImportBatch.DONE:
        return _("已完成。")
    if phase == "queued":
        return _("已排队，等待后台处理……")
    if phase == "whole_review":
        return _("正在对整个批次重新审核……")
    where = _("第 %(file)s / %(files)s 个文件“%(name)s”：") % p
    if phase == "reviewing":
        return where + _("已读取 %(total)s 张表，正在审核……") % p
    if phase == "storing":
        return where + _("已存入 %(done)s / %(total)s 张表……") % p
    if phase == "stored":
        return where + _("已完成。")
    return where + _("正在读取……")
