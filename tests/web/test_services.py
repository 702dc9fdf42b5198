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
    from jixiao_web.forms.models import Form

    first = Form.objects.get(pk=imported.forms[0].pk)
    assert first.funds_written["project_total"] == "278000.00"
    assert first.funds_written["annual_request"] == "278000"


def test_units_form_a_department_hierarchy_of_real_names(imported):
    from jixiao_web.units.models import Unit

    by_seq = {f.seq: f for f in imported.forms}
    # form 15: 松江区科技馆 under its department
    assert by_seq[15].unit.name == "松江区科技馆"
    assert by_seq[15].unit.parent.name == "上海市松江区科学技术委员会"
    # forms 3 and 13 give "）" as 主管部门: junk is no unit and no department
    assert not Unit.objects.filter(name__in=["）", ")"]).exists()
    assert by_seq[3].unit == by_seq[1].unit and by_seq[3].unit.parent is None
    # form 14 lost the closing bracket of form 12's unit: it is the same unit
    assert by_seq[14].unit == by_seq[12].unit
    assert by_seq[12].unit.name == "上海市松江区科技创新服务中心（上海市松江区大数据中心）"
    # the forms keep their text as written
    assert by_seq[14].implementing_unit.endswith("大数据中心")
    assert by_seq[3].supervising_department == "）"
    assert Unit.objects.count() == 4


def test_a_file_that_fails_imports_nothing_while_good_files_import(db, seed_bytes):
    from jixiao_web.forms.models import Form
    from jixiao_web.imports.models import SourceFile
    from jixiao_web.services.imports import import_files

    result = import_files([("bad.txt", b"\x00\x01 not a form"), ("seed.txt", seed_bytes)])
    assert [bool(f.error) for f in result.files] == [True, False]
    assert Form.objects.count() == 15
    assert list(SourceFile.objects.values_list("path", flat=True)) == ["seed.txt"]


def test_a_refused_file_leaves_the_database_untouched(db, seed_bytes):
    from tests.web.conftest import make_user

    from jixiao_web.forms.models import AuditEvent, Form
    from jixiao_web.services.imports import import_files
    from jixiao_web.units.models import Unit

    elsewhere = Unit.objects.create(name="其他实施单位")
    staff = make_user("staff-elsewhere", "staff", elsewhere)
    events = AuditEvent.objects.count()
    result = import_files([("seed.txt", seed_bytes)], staff)
    assert "不是您所在的单位" in result.files[0].error
    assert Form.objects.count() == 0
    assert list(Unit.objects.all()) == [elsewhere]
    assert AuditEvent.objects.count() == events


def test_audit_events_cannot_be_changed_or_deleted(imported):
    from jixiao_web.forms.models import AppendOnlyError, AuditEvent

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


def test_the_template_periods_extras_and_an_unknown_unit_survive_the_database(db):
    """A form read through another region's template: its template match (a runner-up at 0
    too), 中期 and 年度 rows with their extra columns, and funds of no known unit, stored and
    read back equal to what was stored."""
    from dataclasses import replace
    from decimal import Decimal
    from types import MappingProxyType

    from tests.review.conftest import clean_form

    from jixiao.domain.form import TemplateMatch
    from jixiao.interchange import form_to_json
    from jixiao_web.services.forms import create_form, to_core
    from jixiao_web.units.models import Unit

    form = clean_form()
    rows = [
        replace(
            r,
            period="midterm" if i % 2 else "annual",
            extra=MappingProxyType({"绩效标准": f"标准{i}", "指标性质": "≥", "备注": ""}),
        )
        for i, r in enumerate(form.indicators)
    ]
    form = form.with_changes(
        indicators=tuple(rows),
        funds=replace(form.funds, unit=None),
        template=TemplateMatch("hunan", Decimal("0.82"), "anhui", Decimal(0)),
    )
    obj = create_form(form, unit=Unit.objects.create(name="某单位"))
    back = to_core(type(obj).objects.get(pk=obj.pk))
    assert back.template == form.template
    assert str(back.template.runner_up_confidence) == "0"
    assert [(r.period, dict(r.extra)) for r in back.indicators] == [
        (r.period, dict(r.extra)) for r in rows
    ]
    assert back.funds.unit is None and back.funds.requested_yuan is None
    assert form_to_json(back) == form_to_json(form)
