"""Import uploaded documents: read each with the core, then store the good ones in one transaction.

A file that cannot be read, or whose forms the user may not create, is reported with its error
and stores nothing; the files that read well are stored together with their sources and notes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from jixiao.domain import Form, Note, Source
from jixiao.errors import JixiaoError
from jixiao.importers import read_bytes
from jixiao.interchange import Batch
from jixiao_web.goals.models import AuditEvent
from jixiao_web.goals.models import Form as FormRow
from jixiao_web.imports.models import ImportBatch, ImportNote, SourceFile
from jixiao_web.services.forms import create_form, resolve_unit, snapshot, to_core
from jixiao_web.services.reviews import review_forms

# Says why a user may not create a form of this unit, or None when they may.
UnitCheck = Callable[[Form], str | None]


@dataclass
class FileReport:
    name: str
    size: int
    format: str = ""
    forms: int = 0
    notes: list[dict[str, Any]] = field(default_factory=list)
    error: str = ""
    error_en: str = ""
    line: int | None = None
    field: str = ""  # the field the error is about (年度资金申请总额), where it names one

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


@dataclass
class ImportResult:
    files: list[FileReport]
    batch: ImportBatch | None = None
    forms: list[FormRow] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(f.error for f in self.files)


def read_one(name: str, data: bytes, check: UnitCheck | None) -> tuple[Batch | None, FileReport]:
    report = FileReport(name=name, size=len(data))
    try:
        batch = read_bytes(data, name)
    except JixiaoError as exc:
        report.error, report.error_en, report.line = exc.text.zh, exc.text.en, exc.line
        report.field = exc.field or ""
        return None, report
    report.format = batch.sources[0].format if batch.sources else ""
    report.forms = len(batch.forms)
    report.notes = [_note(n) for n in batch.notes] + [
        _note(n, f.seq) for f in batch.forms for n in f.notes
    ]
    refusal = next((r for r in map(check, batch.forms) if r), None) if check else None
    if refusal:
        report.error = report.error_en = refusal
        return None, report
    return batch, report


def _note(note: Any, seq: int | None = None) -> dict[str, Any]:
    return {"form": seq, "code": note.code, "message": note.message, "line": note.line}


def import_files(
    files: Sequence[tuple[str, bytes]],
    user: Any = None,
    check: UnitCheck | None = None,
    into: ImportBatch | None = None,
) -> ImportResult:
    """Read every file; store those that read well, all in one transaction, then review them.

    `into` adds the files to an existing batch (a large upload sent one file at a time); the
    reports of its files, failed ones included, accumulate on the batch.
    """
    read = [(read_one(name, data, check), data) for name, data in files]
    result = ImportResult(files=[report for (_, report), _ in read])
    good = [(batch, data) for (batch, _), data in read if batch is not None]
    if not good and into is None:
        return result
    with transaction.atomic():
        result.batch, result.forms = _store(good, user, result, into)
        review_forms(result.forms, user=user, batch=result.batch)
    return result


# A batch sent file by file is reviewed as a whole at the end, up to this many forms.
WHOLE_REVIEW_LIMIT = 5000


def finish_batch(batch: ImportBatch, user: Any = None) -> bool:
    """Review all forms of a batch together, so cross-file rules see them; False if too many."""
    forms = list(batch.forms.order_by("source_file__position", "seq", "id"))
    if not forms or len(forms) > WHOLE_REVIEW_LIMIT:
        return False
    review_forms(forms, user=user, batch=batch)
    return True


def _store(
    good: list[tuple[Batch, bytes]], user: Any, result: ImportResult, into: ImportBatch | None
) -> tuple[ImportBatch, list[FormRow]]:
    label = "、".join(b.sources[0].path for b, _ in good)
    if into is None:
        batch = ImportBatch.objects.create(created_by=user, label=label[:200])
    else:
        batch = ImportBatch.objects.select_for_update().get(pk=into.pk)
        batch.label = "、".join(x for x in (batch.label, label) if x)[:200]
    rows: list[FormRow] = []
    notes = batch.notes.count()
    first = batch.sources.count()
    for position, (doc, data) in enumerate(good, start=first):
        source = _source(batch, position, doc, data)
        for note in doc.notes:
            ImportNote.objects.create(
                batch=batch, position=notes, code=note.code, message=note.message, line=note.line
            )
            notes += 1
        rows += [_form(form, batch, source, user) for form in doc.forms]
    batch.form_count += len(rows)
    batch.report = {"files": batch.report.get("files", []) + [f.as_dict() for f in result.files]}
    batch.save(update_fields=["form_count", "report", "label"])
    return batch, rows


def _form(form: Form, batch: ImportBatch, source: SourceFile, user: Any) -> FormRow:
    unit = resolve_unit(form.supervising_department, form.implementing_unit)
    row = create_form(form, import_batch=batch, source_file=source, updated_by=user, unit=unit)
    AuditEvent.objects.create(
        actor=user, action="import", form=row, version=row.version, data=snapshot(row)
    )
    return row


def _source(batch: ImportBatch, position: int, doc: Batch, data: bytes) -> SourceFile:
    src = doc.sources[0]
    return SourceFile.objects.create(
        batch=batch,
        position=position,
        path=src.path,
        sha256=src.sha256,
        format=src.format,
        size=len(data),
        content=data,
    )


def batch_to_core(batch: ImportBatch) -> Batch:
    """An import batch read back from the database, as the core batch it was stored from."""
    sources = tuple(batch.sources.all())
    index = {s.pk: i for i, s in enumerate(sources)}
    forms = tuple(
        to_core(f).with_changes(source=index.get(f.source_file_id, 0))
        for f in batch.forms.order_by("source_file__position", "seq", "id").prefetch_related(
            "indicators"
        )
    )
    notes = tuple(_core_note(n) for n in batch.notes.all())
    return Batch(tuple(Source(s.path, s.sha256, s.format) for s in sources), forms, notes)


def _core_note(note: ImportNote) -> Note:
    return Note(note.code, note.message, note.line)
