"""Writing one imported file into the database (docs/imports.md): its source, forms, rows,
findings and audit events, in short transactions. `services.imports` decides what to write.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from jixiao.domain import Form, Note, Source
from jixiao.interchange import Batch
from jixiao.review import ReviewReport
from jixiao_web.forms.models import AuditEvent, Indicator, Status
from jixiao_web.forms.models import Form as FormRow
from jixiao_web.imports.models import ImportBatch, ImportNote, SourceFile
from jixiao_web.reviews.models import Finding, ReviewRun
from jixiao_web.services import audit, reviews, units
from jixiao_web.services.forms import ensure_year, form_fields, indicator_rows, snapshot_of
from jixiao_web.services.turns import import_turn


@dataclass
class Planned:
    """A form of the file and what will become of it: a new row, or a new version of `row`."""

    form: Form
    row: FormRow | None = None  # the stored form it replaces


# Forms written per transaction. A file with more is written in parts, hidden (`pending`) until
# the last part, so that other people's saves and logins wait for one part, not the whole file.
CHUNK = 250


class ReplacedMeanwhile(Exception):
    """A form to be replaced was saved by someone else during the import."""


class Writer:
    """Writes one file: its source, forms, rows, findings and audit events.

    The rows of each part are built before its transaction opens, so the transaction only
    inserts, and the building leaves other writers a turn between parts (SQLite has one writer at
    a time and no queue). New forms of a file larger than `CHUNK` are written in parts as
    `pending` and shown in one step at the end, with the replaced forms and the audit events; if
    anything fails, what was written of the file is removed again.
    """

    def __init__(
        self,
        batch: ImportBatch | None,
        read: Batch,
        data: bytes,
        plan: list[Planned],
        review: ReviewReport,
        user: Any,
        on_part: Callable[[int], None] | None = None,
    ) -> None:
        self.batch, self.read, self.data, self.plan, self.user = batch, read, data, plan, user
        self.on_part = on_part  # told how many forms are stored after each part (the worker's page)
        self.stored = 0
        self.run = reviews.new_run(review, user)
        self.reviews = sorted(review.forms, key=lambda r: r.form_index)
        self.rows = [self._row(p) for p in plan]
        self.children: dict[int, tuple[list[Indicator], list[Finding]]] = {}
        self.snapshots: dict[int, dict[str, Any]] = {}
        self.notes_from: int | None = None
        self.units: dict[tuple[str | None, str | None], Any] = {}
        self.years: set[int | None] = set()
        self.source: SourceFile | None = None

    def _row(self, planned: Planned) -> FormRow:
        row = FormRow(**form_fields(planned.form), updated_by=self.user)
        if planned.row is not None:
            row.pk, row.version = planned.row.pk, planned.row.version + 1
        return row

    def write(self) -> list[FormRow]:
        new = [i for i, p in enumerate(self.plan) if p.row is None]
        parts = [new[i : i + CHUNK] for i in range(0, len(new), CHUNK)] or [[]]
        replaced = [i for i, p in enumerate(self.plan) if p.row is not None]
        if len(parts) == 1:
            self._prepare(parts[0] + replaced)
            events = self._events()
            with transaction.atomic():
                self._part(parts[0], pending=False)
                self._finish(replaced, events)
            self._told(len(self.plan))
            return self.rows
        with import_turn():
            try:
                for part in parts:
                    self._prepare(part)
                    with transaction.atomic():
                        self._part(part, pending=True)
                    self._told(len(part))
                self._prepare(replaced)
                events = self._events()
                with transaction.atomic():
                    self._finish(replaced, events)
                self._told(len(replaced))
            except BaseException:
                self._undo()
                raise
        return self.rows

    def _begin(self) -> None:
        """The first transaction: the batch, the source file and the review run."""
        if self.batch is None:
            self.batch = ImportBatch.objects.create(created_by=self.user)
        self.source = _source(self.batch, self.read.sources[0], self.data)
        self.notes_from = _notes(self.batch, self.read.notes)
        self.run.batch = self.batch
        self.run.save()

    def _part(self, indexes: list[int], pending: bool) -> None:
        if self.source is None:
            self._begin()
        rows = [self._linked(i, pending) for i in indexes]
        FormRow.objects.bulk_create(rows)
        self._children(indexes)

    def _linked(self, index: int, pending: bool) -> FormRow:
        row, form = self.rows[index], self.plan[index].form
        names = (form.supervising_department, form.implementing_unit)
        if names not in self.units:
            self.units[names] = units.resolve(*names, self.user)
        if form.budget_year not in self.years:
            ensure_year(form.budget_year)
            self.years.add(form.budget_year)
        row.unit = self.units[names]
        row.import_batch, row.source_file, row.pending = self.batch, self.source, pending
        reviews.apply_review(row, self.reviews[index], self.run)
        return row

    def _prepare(self, indexes: list[int]) -> None:
        """Build the indicator and finding rows of these forms (outside any transaction)."""
        for i in indexes:
            row = self.rows[i]
            indicators = indicator_rows(row, self.plan[i].form.indicators)
            self.children[i] = indicators, reviews.finding_rows(self.run, row, self.reviews[i])
            self.snapshots[i] = snapshot_of(self.plan[i].form, indicators)

    def _children(self, indexes: list[int]) -> None:
        """The indicator and finding rows of forms just written."""
        Indicator.objects.bulk_create([ind for i in indexes for ind in self.children[i][0]])
        Finding.objects.bulk_create([f for i in indexes for f in self.children.pop(i)[1]])

    def _events(self) -> list[AuditEvent]:
        return [self._event(i) for i in range(len(self.plan))]

    def _finish(self, replaced: list[int], events: list[AuditEvent]) -> None:
        """The last transaction: replaced forms, the new forms shown, the audit events."""
        if self.source is None:
            self._begin()
        for i in replaced:
            self._replace(i)
        self._children(replaced)
        FormRow.all_objects.filter(source_file=self.source, pending=True).update(pending=False)
        AuditEvent.objects.bulk_create(events)
        added = len(self.plan) - len(replaced)
        ImportBatch.objects.filter(pk=self.batch.pk).update(form_count=F("form_count") + added)

    def _replace(self, index: int) -> None:
        """The stored form becomes the imported one, its next version, unless someone saved it
        meanwhile (then the whole file is given up)."""
        row, old = self._linked(index, pending=False), self.plan[index].row
        # the form's place in its workflow stays: only its content is replaced (docs/workflow.md)
        kept = {"id", "version", "status", "created_at", "updated_at", "pending"}
        kept |= {"revision", "returned", "publication_id"}
        columns = {
            f.attname: getattr(row, f.attname)
            for f in FormRow._meta.concrete_fields
            if f.attname not in kept
        }
        moved = FormRow.objects.filter(pk=old.pk, version=old.version, status=Status.DRAFT).update(
            **columns, version=F("version") + 1, updated_at=timezone.now()
        )
        if not moved:
            raise ReplacedMeanwhile(old.pk)
        Indicator.objects.filter(form_id=old.pk).delete()

    def _event(self, index: int) -> AuditEvent:
        row, planned = self.rows[index], self.plan[index]
        action = "import" if planned.row is None else "reimport"
        data = self.snapshots.pop(index)
        return audit.event(action, self.user, form=row, version=row.version, data=data)

    def _told(self, stored: int) -> None:
        self.stored += stored
        if self.on_part is not None:
            self.on_part(self.stored)

    def _undo(self) -> None:
        """Remove what was written of the file (its parts were committed one by one)."""
        if self.source is None or self.source.pk is None:
            return
        with transaction.atomic():
            FormRow.all_objects.filter(source_file=self.source, pending=True).delete()
            SourceFile.objects.filter(pk=self.source.pk).delete()
            ReviewRun.objects.filter(pk=self.run.pk).delete()
            ImportNote.objects.filter(batch=self.batch, position__gte=self.notes_from).delete()


def _source(batch: ImportBatch, source: Source, data: bytes) -> SourceFile:
    position = batch.sources.count()
    batch.label = "、".join(x for x in (batch.label, source.path) if x)[:200]
    batch.save(update_fields=["label"])
    return SourceFile.objects.create(
        batch=batch,
        position=position,
        path=source.path,
        sha256=source.sha256,
        format=source.format,
        size=len(data),
        content=data,
    )


def _notes(batch: ImportBatch, notes: Sequence[Note]) -> int:
    """Keep a document's notes on the batch; returns the position of the first."""
    first = batch.notes.count()
    ImportNote.objects.bulk_create(
        ImportNote(batch=batch, position=first + i, code=n.code, message=n.message, line=n.line)
        for i, n in enumerate(notes)
    )
    return first
