"""The ORM mapping is exact, imports are atomic, and the audit trail is append-only."""

from __future__ import annotations

import json

import pytest

from jixiao.importers import read_bytes
from jixiao.interchange import to_canonical

pytestmark = pytest.mark.django_db


def test_the_seed_read_back_from_the_database_equals_the_import(imported, seed_bytes):
    from jixiao_web.services.imports import batch_to_core

    expected = to_canonical(read_bytes(seed_bytes, "000_5de6d4488e662275.txt"))
    stored = to_canonical(batch_to_core(imported.batch))
    assert len(stored["forms"]) == 15
    assert json.dumps(stored, ensure_ascii=False) == json.dumps(expected, ensure_ascii=False)


def test_it_keeps_funds_as_written(imported):
    from jixiao_web.goals.models import Form

    first = Form.objects.get(pk=imported.forms[0].pk)
    assert first.funds_written["project_total"] == "278000.00"
    assert first.funds_written["annual_request"] == "278000"


def test_units_form_a_department_hierarchy(imported):
    forms = imported.forms
    assert {f.unit.name for f in forms}
    for form in forms:
        if form.supervising_department and form.implementing_unit:
            assert form.unit.parent.name == form.supervising_department


def test_a_file_that_fails_imports_nothing_while_good_files_import(db, seed_bytes):
    from jixiao_web.goals.models import Form
    from jixiao_web.imports.models import SourceFile
    from jixiao_web.services.imports import import_files

    result = import_files([("bad.txt", b"\x00\x01 not a form"), ("seed.txt", seed_bytes)])
    assert [bool(f.error) for f in result.files] == [True, False]
    assert Form.objects.count() == 15
    assert list(SourceFile.objects.values_list("path", flat=True)) == ["seed.txt"]


def test_a_refused_file_leaves_the_database_untouched(db, seed_bytes):
    from jixiao_web.goals.models import Form
    from jixiao_web.services.imports import import_files
    from jixiao_web.units.models import Unit

    result = import_files([("seed.txt", seed_bytes)], check=lambda form: "不是您的单位")
    assert result.files[0].error == "不是您的单位"
    assert Form.objects.count() == 0
    assert Unit.objects.count() == 0


def test_audit_events_cannot_be_changed_or_deleted(imported):
    from jixiao_web.goals.models import AppendOnlyError, AuditEvent

    event = AuditEvent.objects.filter(form=imported.forms[0]).first()
    assert event.action == "import"
    assert event.data["project_name"] == imported.forms[0].project_name
    event.action = "tampered"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_migrations_are_complete():
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
