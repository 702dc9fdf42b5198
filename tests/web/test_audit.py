"""The audit trail: append-only in the database itself, kept whole when users, forms or units go,
and recording who created, moved and merged units and who changed roles."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse
from tests.web.conftest import make_user

pytestmark = pytest.mark.django_db


def events(action: str):
    from jixiao_web.forms.models import AuditEvent

    return list(AuditEvent.objects.filter(action=action).order_by("id"))


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE goals_auditevent SET action = 'tampered'",
        "UPDATE goals_auditevent SET actor_name = 'someone else' WHERE id = %s",
        "DELETE FROM goals_auditevent WHERE id = %s",
        "DELETE FROM goals_auditevent",
    ],
)
def test_the_database_refuses_to_change_or_delete_an_event(imported, sql):
    from jixiao_web.forms.models import AuditEvent

    first = AuditEvent.objects.order_by("id").first()
    count = AuditEvent.objects.count()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [first.pk] if "%s" in sql else None)
    assert AuditEvent.objects.count() == count
    assert AuditEvent.objects.get(pk=first.pk).action == first.action


def test_a_deleted_user_stays_in_the_history_by_name(people, imported):
    from django.contrib.auth.models import User

    from jixiao_web.forms.models import AuditEvent

    form = imported.forms[0]
    clerk = make_user("clerk-gone", "staff", form.unit)
    client = Client()
    client.force_login(clerk)
    url = reverse("forms:action", args=[form.pk, "submit"])
    assert client.post(url, {"comment": "说明"}).status_code == 302
    User.objects.filter(pk=clerk.pk).delete()  # would blank or cascade a linked history
    event = AuditEvent.objects.get(form=form, action="submit")
    assert event.actor_name == "clerk-gone"
    admin = Client()
    admin.force_login(people.admin)
    page = admin.get(reverse("forms:detail", args=[form.pk])).content.decode()
    assert '<span translate="no">clerk-gone</span> · 提交' in page  # the action in words


def test_units_created_by_an_import_are_recorded_with_who_did_it(db, seed_bytes):
    from jixiao_web.services.imports import import_files

    admin = make_user("fin", "admin")
    import_files([("seed.txt", seed_bytes)], admin)
    created = events("unit_create")
    assert {e.data["name"] for e in created} == {
        "上海市松江区科学技术委员会（本部）",
        "上海市松江区科技创新服务中心（上海市松江区大数据中心）",
        "上海市松江区科学技术委员会",
        "松江区科技馆",
    }
    assert {e.actor_name for e in created} == {"fin"}
    museum = next(e for e in created if e.data["name"] == "松江区科技馆")
    assert museum.data["department"] == "上海市松江区科学技术委员会"


def test_department_changes_renames_and_role_changes_are_recorded(people, imported):
    from django.contrib.auth.models import User

    from jixiao_web.accounts.models import Membership
    from jixiao_web.units.models import Unit

    unit = imported.forms[0].unit
    department = Unit.objects.get(name="其他主管部门")
    unit.parent = department
    unit.save()
    moved = events("unit_move")[-1]
    assert (moved.unit_id, moved.data["before"], moved.data["after"]) == (
        unit.pk,
        None,
        "其他主管部门",
    )
    unit.name = "新名称单位"
    unit.save()
    renamed = events("unit_rename")[-1]
    assert renamed.data["before"] == "上海市松江区科学技术委员会（本部）"

    membership = Membership.objects.get(user=people.staff)
    membership.role = "reviewer"
    membership.save()
    change = events("role_change")[-1]
    assert change.data["user"] == "staff1"
    assert (change.data["before"]["role"], change.data["after"]["role"]) == ("staff", "reviewer")
    membership.delete()
    assert events("role_change")[-1].data["after"] is None
    user = User.objects.get(pk=people.nobody.pk)
    user.is_superuser = True
    user.save()
    flags = events("user_flags")[-1]
    assert (flags.data["user"], flags.data["before"]["is_superuser"]) == ("nobody", False)
    assert flags.data["after"]["is_superuser"] is True


def test_roles_set_in_the_admin_are_recorded_with_the_administrator(people, imported):
    from jixiao_web.accounts.models import Membership

    admin = make_user("root", None)
    admin.is_superuser = admin.is_staff = True
    admin.save()
    client = Client()
    client.force_login(admin)
    membership = Membership.objects.get(user=people.expert)
    url = reverse("admin:accounts_membership_change", args=[membership.pk])
    response = client.post(
        url, {"user": people.expert.pk, "role": "reviewer", "unit": membership.unit_id}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    change = events("role_change")[-1]
    assert change.actor_name == "root"
    assert change.data["after"]["role"] == "reviewer"


def test_a_migration_that_rebuilt_the_audit_table_would_be_noticed(imported):
    """The triggers of migration 0006 exist after every migration (SQLite drops a table's
    triggers when a later migration rebuilds it; forms/audit_guard.py)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'goals_auditevent'"
            )
            assert len(cursor.fetchall()) == 2
        else:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'goals_auditevent'::regclass "
                "AND NOT tgisinternal"
            )
            assert [row[0] for row in cursor.fetchall()] == ["goals_auditevent_append_only"]
