"""Units: a refused save changes nothing, only the administrator creates or moves units, names
are matched as people mean them, and the administrator merges units."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from tests.web.conftest import make_user
from tests.web.test_editor import page_fields, post, replace, stored

pytestmark = pytest.mark.django_db


def structure():
    """Every unit with its department, and every form with its unit and version."""
    from jixiao_web.forms.models import Form
    from jixiao_web.units.models import Unit

    units = sorted(Unit.objects.values_list("name", "parent__name"))
    forms = sorted(Form.objects.values_list("pk", "unit_id", "version"))
    return units, forms


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("unit", "department"),
    [
        ("某个新单位", "某个新部门"),  # both new: nothing may be created
        ("其他实施单位", "其他主管部门"),  # another existing unit
        ("上海市松江区科学技术委员会（本部）", "其他主管部门"),  # own unit moved under another
        ("上海市松江区科学技术委员会（本部）", "全新的主管部门"),  # own unit under a new one
    ],
)
def test_a_refused_save_by_unit_staff_changes_nothing(people, imported, unit, department):
    from jixiao_web.forms.models import AuditEvent

    pk = imported.forms[0].pk
    client = logged_in(people.staff)
    before, events = structure(), AuditEvent.objects.count()
    data = replace(page_fields(client, pk), "implementing_unit", unit)
    response = post(client, pk, replace(data, "supervising_department", department))
    assert response.status_code == 403
    assert "财政管理员" in response.content.decode()  # says who may
    assert structure() == before
    assert AuditEvent.objects.count() == events
    # and the reviewer of that department sees nothing more than before
    reviewer = logged_in(people.other_reviewer)
    assert reviewer.get(reverse("forms:detail", args=[pk])).status_code == 403


def test_staff_save_their_own_unit_however_its_name_is_spelt(people, imported):
    pk = imported.forms[0].pk
    client = logged_in(people.staff)
    data = replace(page_fields(client, pk), "implementing_unit", "上海市松江区科学技术委员会 (本部")
    units_before = structure()[0]
    assert post(client, pk, data).status_code == 302
    assert structure()[0] == units_before
    assert stored(pk).implementing_unit == "上海市松江区科学技术委员会 (本部"  # text as typed


def test_the_administrator_files_a_form_under_a_new_unit_in_one_transaction(people, imported):
    from jixiao_web.forms.models import AuditEvent
    from jixiao_web.units.models import Unit

    pk = imported.forms[0].pk
    client = logged_in(people.admin)
    data = replace(page_fields(client, pk), "implementing_unit", "新成立的中心")
    data = replace(data, "supervising_department", "其他主管部门")
    assert post(client, pk, data).status_code == 302
    unit = Unit.objects.get(name="新成立的中心")
    assert unit.parent.name == "其他主管部门" and stored(pk).unit == unit
    created = AuditEvent.objects.get(action="unit_create", unit=unit)
    assert created.actor_name == "admin1"


def test_a_failure_after_the_unit_is_created_leaves_no_unit(people, imported, monkeypatch):
    from jixiao_web.services import editing
    from jixiao_web.units.models import Unit

    def broken(*args, **kwargs):
        raise RuntimeError("the review failed")

    monkeypatch.setattr(editing, "review_with_siblings", broken)
    pk = imported.forms[0].pk
    client = logged_in(people.admin)
    client.raise_request_exception = False
    data = replace(page_fields(client, pk), "implementing_unit", "新成立的中心")
    assert post(client, pk, data).status_code == 500
    assert not Unit.objects.filter(name="新成立的中心").exists()
    assert stored(pk).version == 1


def test_junk_is_no_unit_and_near_identical_names_are_one_unit(db, seed_bytes):
    from jixiao_web.services.imports import import_files
    from jixiao_web.units.models import Unit

    again = seed_bytes.decode().replace(
        "上海市松江区科技创新服务中心（上海市松江区大数据中心）",
        "上海市松江区科技创新服务中心 (上海市松江区大数据中心)",
    )
    import_files([("seed.txt", seed_bytes), ("again.txt", again.encode())])
    names = set(Unit.objects.values_list("name", flat=True))
    assert names == {
        "上海市松江区科学技术委员会（本部）",
        "上海市松江区科技创新服务中心（上海市松江区大数据中心）",
        "上海市松江区科学技术委员会",
        "松江区科技馆",
    }


def test_the_administrator_merges_two_units(people, imported, other_documents):
    from jixiao_web.accounts.models import Membership
    from jixiao_web.forms.models import AuditEvent, Form
    from jixiao_web.services.imports import import_files
    from jixiao_web.units.models import Unit

    keep = imported.forms[0].unit
    gone = Unit.objects.create(name="松江区科委本部（旧称）")
    form = Form.objects.filter(unit=keep).first()
    Form.objects.filter(pk=form.pk).update(unit=gone)
    member = make_user("old-clerk", "staff", gone)
    root = make_user("root", None)
    root.is_superuser = root.is_staff = True
    root.save()
    client = logged_in(root)
    url = reverse("admin:units_unit_changelist")
    chosen = {"action": "merge_units", "_selected_action": [keep.pk, gone.pk]}
    page = client.post(url, chosen)
    assert page.status_code == 200 and "选择要保留的单位" in page.content.decode()
    done = client.post(url, {**chosen, "keep": keep.pk})
    assert done.status_code == 302
    assert not Unit.objects.filter(pk=gone.pk).exists()
    assert Form.objects.get(pk=form.pk).unit == keep
    assert Membership.objects.get(user=member).unit == keep
    merged = AuditEvent.objects.get(action="unit_merge")
    assert (merged.actor_name, merged.data["from"], merged.data["forms"]) == ("root", gone.name, 1)
    # the old name still finds the unit: a later document naming it is filed there
    name, data = next((n, d) for n, d in other_documents if n == "exhibition.txt")
    renamed = data.decode().replace("\t松江区科技馆\n", "\t松江区科委本部(旧称)\n")
    assert renamed != data.decode()
    result = import_files([(name, renamed.encode())], people.admin)
    assert result.forms[0].unit == keep


def test_only_the_administrator_reaches_the_merge(people):
    client = logged_in(people.reviewer)
    response = client.get(reverse("admin:units_unit_changelist"))
    assert response.status_code in (302, 403)


def test_a_unit_typed_in_the_admin_is_cleaned_and_near_duplicates_refused(db):
    from jixiao_web.units.models import Unit

    root = make_user("root", None)
    root.is_superuser = root.is_staff = True
    root.save()
    client = logged_in(root)
    add = reverse("admin:units_unit_add")
    inline = {"aliases-TOTAL_FORMS": "0", "aliases-INITIAL_FORMS": "0"}
    assert client.post(add, {"name": " 某区教育局（基建科 ", **inline}).status_code == 302
    assert Unit.objects.get().name == "某区教育局（基建科）"
    again = client.post(add, {"name": "某区教育局(基建科)", **inline})
    assert again.status_code == 200 and "与已有单位" in again.content.decode()
    junk = client.post(add, {"name": "）", **inline})
    assert junk.status_code == 200 and "不是单位名称" in junk.content.decode()
    assert Unit.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_migration_keys_units_merges_near_duplicates_and_dissolves_junk():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("units", "0001_initial"), ("goals", "0006_audit_append_only")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    unit, form = old.get_model("units", "Unit"), old.get_model("goals", "Form")
    junk = unit.objects.create(name="）")
    whole = unit.objects.create(name="科创中心（大数据中心）", parent=junk)
    cut = unit.objects.create(name="科创中心（大数据中心", parent=junk)
    spaced = unit.objects.create(name=" 科创中心 (大数据中心) ")
    kept = [
        form.objects.create(unit_id=u.pk, project_name=f"项目{u.pk}") for u in (whole, cut, spaced)
    ]
    orphan = form.objects.create(unit_id=junk.pk, project_name="只填了主管部门")
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    from jixiao_web.forms.models import AuditEvent, Form
    from jixiao_web.units.models import Unit

    assert sorted(Unit.objects.values_list("name", "parent")) == [
        ("科创中心（大数据中心）", None),
        ("（未填写单位）", None),
    ]
    target = Unit.objects.get(name="科创中心（大数据中心）")
    assert target.pk == whole.pk and target.key == "科创中心大数据中心"
    assert {Form.objects.get(pk=f.pk).unit_id for f in kept} == {whole.pk}
    assert Form.objects.get(pk=orphan.pk).unit.name == "（未填写单位）"
    assert Form.objects.get(pk=kept[0].pk).project_key == f"项目{whole.pk}"
    merged = AuditEvent.objects.filter(action="unit_merge").values_list("data__from", flat=True)
    assert sorted(merged) == sorted(["科创中心（大数据中心", " 科创中心 (大数据中心) "])
    assert AuditEvent.objects.get(action="unit_dissolve").data["name"] == "）"
