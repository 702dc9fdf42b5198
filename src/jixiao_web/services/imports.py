"""Import uploaded documents (docs/imports.md), one file at a time:

1. read: the core reads the file; nothing is written for a file it cannot read, nor for a file
   with a form whose unit the user may not file under (unit staff: their own unit only);
2. recognise: a file identical to one stored before (same sha256) is skipped; each form is
   matched with the stored forms of the same budget year, unit and project name, and `OnMatch`
   says what happens: skip it, replace the stored form as a new version, or add it separately;
3. review: the file's forms are reviewed together, in memory;
4. store: one short transaction inserts it all, so the saves and logins of other people wait
   for milliseconds, not for the length of the import.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jixiao.domain import Form, Note, Source
from jixiao.errors import JixiaoError
from jixiao.importers import read_bytes
from jixiao.interchange import Batch
from jixiao.matching import OnMatch
from jixiao.names import name_key
from jixiao_web.accounts import permissions as perm
from jixiao_web.forms.models import Form as FormRow
from jixiao_web.forms.models import Status
from jixiao_web.imports.models import ImportBatch, ImportNote, SourceFile
from jixiao_web.services import audit, reviews, units
from jixiao_web.services.forms import (
    to_core,
)
from jixiao_web.services.import_writer import Planned, ReplacedMeanwhile, Writer


@dataclass
class FileReport:
    """What happened to one file; kept on the batch as JSON (`as_dict`)."""

    name: str
    size: int
    format: str = ""
    forms: int = 0
    notes: list[dict[str, Any]] = field(default_factory=list)
    error: str = ""
    error_en: str = ""
    line: int | None = None
    skipped: str = ""  # why the whole file was left out (identical to one stored before)
    created: int = 0
    replaced: int = 0
    matches: list[dict[str, Any]] = field(default_factory=list)
    field: str = ""  # the field the error is about (年度资金申请总额), where it names one

    def as_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


# Told the phase of the file being imported ("reading", "reviewing", "storing"), how many of its
# forms are done and of how many (services/background.py shows it on the batch's page).
Progress = Callable[[str, int, int], None]


def _silent(phase: str, done: int, total: int) -> None:
    pass


@dataclass
class ImportResult:
    files: list[FileReport]
    batch: ImportBatch | None = None
    forms: list[FormRow] = field(default_factory=list)
    progress: Progress = _silent

    @property
    def ok(self) -> bool:
        return not any(f.error for f in self.files)

    @property
    def stored(self) -> int:
        """Forms stored, new or as new versions (also when read back from a batch's report)."""
        return sum(f.created + f.replaced for f in self.files)


def read_one(name: str, data: bytes, user: Any) -> tuple[Batch | None, FileReport]:
    """The file read by the core and checked against the user's units; writes nothing."""
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
    for form in batch.forms:
        refusal = units.refusal(form.supervising_department, form.implementing_unit, user)
        if refusal:
            report.error = report.error_en = _("第 %(seq)s 张表：%(why)s 整个文件未导入。") % {
                "seq": form.seq,
                "why": refusal,
            }
            return None, report
    return batch, report


def _note(note: Any, seq: int | None = None) -> dict[str, Any]:
    said = {"form": seq, "code": note.code, "message": note.message, "line": note.line}
    return {**said, "message_en": note.en} if note.en else said


def import_files(
    files: Iterable[tuple[str, bytes]],
    user: Any = None,
    on_match: OnMatch = OnMatch.SKIP,
    into: ImportBatch | None = None,
    progress: Progress = _silent,
) -> ImportResult:
    """Import each file on its own (a file is stored whole or not at all) into one batch;
    `files` may be read lazily, one file in memory at a time.

    `into` adds the files to an existing batch (a large upload sent one file at a time); the
    reports of its files, failed ones included, accumulate on the batch.
    """
    result = ImportResult(files=[], batch=into, progress=progress)
    with audit.acting_as(user):
        for name, data in files:
            report, rows = import_file(name, data, user, on_match, result)
            result.files.append(report)
            result.forms += rows
    if result.batch is not None:
        keep_reports(result.batch, result.files)
    return result


def import_file(
    name: str, data: bytes, user: Any, on_match: OnMatch, result: ImportResult
) -> tuple[FileReport, list[FormRow]]:
    result.progress("reading", 0, 0)
    batch, report = read_one(name, data, user)
    if batch is None:
        return report, []
    source = batch.sources[0]
    earlier = _identical(source.sha256)
    if earlier is not None:
        report.skipped = _(
            "与 %(when)s 导入的“%(name)s”（批次 #%(batch)s）内容完全相同，已跳过。"
        ) % {
            "when": date_format(timezone.localtime(earlier.batch.created_at), "Y-m-d H:i"),
            "name": earlier.path,
            "batch": earlier.batch_id,
        }
        return report, []
    plan = _plan(batch.forms, user, on_match, report)
    if not plan:
        return report, []
    result.progress("reviewing", 0, len(plan))
    review = reviews.review_core([p.form for p in plan])
    told = lambda stored: result.progress("storing", stored, len(plan))  # noqa: E731
    writer = Writer(result.batch, batch, data, plan, review, user, told)
    try:
        rows = writer.write()
    except ReplacedMeanwhile as exc:
        report.error = _("导入期间，表单 #%(pk)s 被他人修改，此文件未导入。请重新上传。") % {
            "pk": exc.args[0]
        }
        return report, []
    result.batch = writer.batch
    report.replaced = sum(1 for p in plan if p.row is not None)
    report.created = len(plan) - report.replaced
    return report, rows


def _identical(sha256: str) -> SourceFile | None:
    """A stored file with the same bytes whose forms are still there."""
    found = SourceFile.objects.filter(sha256=sha256, forms__isnull=False)
    return found.select_related("batch").defer("content").order_by("pk").first()


# Recognising forms filed before ----------------------------------------------------------


def _plan(forms: Sequence[Form], user: Any, on_match: OnMatch, report: FileReport) -> list[Planned]:
    plan: list[Planned] = []
    found: dict[tuple[str | None, str | None], Any] = {}  # the unit of each pair of names
    for form in forms:
        names = (form.supervising_department, form.implementing_unit)
        if names not in found:
            found[names] = units.lookup(*names)
        matched = _matches(form, found[names])
        if not matched:
            plan.append(Planned(form))
            continue
        # a stored form is replaced once, even when the file lists its project twice
        taken = {p.row.pk for p in plan if p.row is not None}
        planned = _decide(form, matched, taken, user, on_match, report)
        if planned is not None:
            plan.append(planned)
    return plan


def _matches(form: Form, unit: Any) -> list[FormRow]:
    """The stored forms of the same budget year, unit and project name, latest first."""
    key = name_key(form.project_name)[:200]
    if not key or unit is None:
        return []
    found = FormRow.objects.filter(budget_year_id=form.budget_year, unit=unit, project_key=key)
    return list(found.only("pk", "version", "status", "project_name").order_by("-updated_at"))


def _decide(
    form: Form,
    matched: list[FormRow],
    taken: set[int],
    user: Any,
    on_match: OnMatch,
    report: FileReport,
) -> Planned | None:
    first = matched[0]
    match = {"form": form.seq, "project": form.project_name, "existing": first.pk}
    report.matches.append(match)
    if on_match is OnMatch.SEPARATE:
        match["done"] = "separate"
        return Planned(form)
    if on_match is OnMatch.REPLACE:
        free = [r for r in matched if r.pk not in taken]
        # only a draft is replaced, whoever imports (docs/workflow.md, rules of passage)
        editable = next(
            (
                r
                for r in free
                if r.status == Status.DRAFT and (user is None or perm.can_edit(user, r))
            ),
            None,
        )
        if editable is not None:
            match.update(existing=editable.pk, done="replaced", version=editable.version + 1)
            return Planned(form, editable)
        match["why"] = _refused(free[0]) if free else _("同一文件中的另一张表已替换了它。")
    match["done"] = "skipped"
    return None


def _refused(row: FormRow) -> str:
    status = {"s": row.get_status_display()}
    if row.status != Status.DRAFT:
        return _("已有表单状态为“%(s)s”，只有草稿可以被替换，未替换。") % status
    return _("已有表单状态为“%(s)s”，您不能修改，未替换。") % status


def keep_reports(batch: ImportBatch, files: list[FileReport]) -> None:
    with transaction.atomic():
        locked = ImportBatch.objects.select_for_update().get(pk=batch.pk)
        locked.report = {"files": locked.report.get("files", []) + [f.as_dict() for f in files]}
        locked.save(update_fields=["report"])


# A batch sent file by file is reviewed as a whole at the end, up to this many forms.
WHOLE_REVIEW_LIMIT = 5000


def finish_batch(batch: ImportBatch, user: Any = None) -> bool:
    """Review all forms of a batch together, so cross-file rules see them; False if too many."""
    forms = list(batch.forms.order_by("source_file__position", "seq", "id"))
    if not forms or len(forms) > WHOLE_REVIEW_LIMIT:
        return False
    reviews.review_forms(forms, user=user, batch=batch)
    return True


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
