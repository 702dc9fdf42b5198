"""用户管理 and 单位管理 (/manage/): only the administrator, every write audited, a refused
request changes nothing (docs/people.md)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import translation
from tests.web.conftest import PASSWORD
from tests.web.people_helpers import events, everything, signed_in

from jixiao_web.accounts.models import Membership

pytestmark = pytest.mark.django_db

PAGES = ["people:users", "people:user_new", "people:import", "people:units"]


def page_urls(staffing) -> list[str]:
    return [
        *(reverse(name) for name in PAGES),
        reverse("people:user", args=[staffing.staff.pk]),
        reverse("people:unit", args=[staffing.unit.pk]),
        reverse("people:import_template"),
    ]


def test_the_administrator_and_a_superuser_open_every_page(staffing):
    root = User.objects.create_superuser("root", password=PASSWORD)  # no membership at all
    for user in (staffing.admin, root):
        client = signed_in(user)
        assert [client.get(url).status_code for url in page_urls(staffing)] == [200] * 7


@pytest.mark.parametrize("who", ["staff", "reviewer", "expert", "nobody"])
def test_everyone_else_gets_the_403_page_for_reads_and_writes(staffing, who):
    client = signed_in(getattr(staffing, who))
    before = everything()
    for url in page_urls(staffing):
        response = client.get(url)
        assert response.status_code == 403
        assert "您没有权限访问此页面" in response.content.decode()
    posts = {
        reverse("people:user_new"): {"username": "x1", "role": "admin"},
        reverse("people:user", args=[staffing.staff.pk]): {"role": "admin"},
        reverse("people:user_active", args=[staffing.admin.pk]): {"active": "0"},
        reverse("people:user_password", args=[staffing.admin.pk]): {},
        reverse("people:unit_new"): {"name": "新单位"},
        reverse("people:unit_merge"): {
            "source": staffing.unit.pk,
            "target": staffing.other_unit.pk,
        },
    }
    assert [client.post(url, data).status_code for url, data in posts.items()] == [403] * 6
    assert everything() == before


def test_signed_out_visitors_are_sent_to_the_login_page(staffing):
    response = Client().get(reverse("people:users"))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_header_links_the_pages_for_administrators_only(staffing):
    link = f'href="{reverse("people:users")}"'
    assert link in signed_in(staffing.admin).get("/").content.decode()
    for who in (staffing.staff, staffing.reviewer, staffing.expert):
        assert link not in signed_in(who).get("/").content.decode()


def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(staffing):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staffing.admin)
    before = everything()
    data = {"username": "csrf1", "role": "expert"}
    assert client.post(reverse("people:user_new"), data).status_code == 403
    assert everything() == before


# Users ---------------------------------------------------------------------------------------


def new_user(client: Client, **fields: object):
    data = {"username": "zhang3", "name": "张三", "role": "staff", "unit": "", "email": ""}
    return client.post(reverse("people:user_new"), {**data, **fields})


def shown_password(response) -> str:
    return re.search(r'class="token" type="text" value="([^"]+)"', response.content.decode())[1]


def test_a_new_user_gets_a_generated_password_shown_once_that_logs_in(staffing):
    client = signed_in(staffing.admin)
    response = new_user(client, unit=staffing.unit.pk, email="zhang3@example.gov.cn")
    assert response.status_code == 200
    password = shown_password(response)
    user = authenticate(username="zhang3", password=password)
    assert user is not None and user.first_name == "张三" and user.email == "zhang3@example.gov.cn"
    assert (user.membership.role, user.membership.unit) == ("staff", staffing.unit)
    assert password not in client.get(reverse("people:user", args=[user.pk])).content.decode()
    [made] = events("user_create")
    assert made.actor_name == "finance1" and made.data["role"] == "staff"
    [role] = [e for e in events("role_change") if e.data["user"] == "zhang3"]
    assert role.actor_name == "finance1" and role.data["after"]["unit"] == staffing.unit.name


def test_a_typed_password_is_used_and_not_shown_back(staffing):
    response = new_user(
        signed_in(staffing.admin),
        role="expert",
        password="Kx-9nine-Plum",
        fields_of_work="财务,审计",
    )
    assert response.status_code == 200 and "Kx-9nine-Plum" not in response.content.decode()
    user = authenticate(username="zhang3", password="Kx-9nine-Plum")
    assert user is not None and user.membership.unit is None  # an expert may have none
    assert user.expert_profile.fields == ["财务", "审计"]  # in the expert pool


def test_an_experts_fields_of_work_are_changed_on_their_page_and_recorded(staffing):
    client = signed_in(staffing.admin)
    url = reverse("people:user", args=[staffing.expert.pk])
    assert 'value="' not in client.get(url).content.decode().split('name="fields_of_work"')[0][-60:]
    data = {"role": "expert", "unit": staffing.other_unit.pk, "fields_of_work": "水利；环保"}
    assert edit(client, staffing.expert, **data).status_code == 302
    assert User.objects.get(pk=staffing.expert.pk).expert_profile.fields == ["水利", "环保"]
    assert "水利、环保" in client.get(url).content.decode()
    [changed] = events("expert_fields")
    assert changed.actor_name == "finance1"
    assert (changed.data["before"], changed.data["after"]) == ([], ["水利", "环保"])


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"role": "staff"}, "填报人须指定所属单位"),
        ({"role": "reviewer"}, "主管部门审核人须指定单位"),
        ({"role": "admin", "unit": "UNIT"}, "财政管理员不属于任何单位"),
        ({"username": "STAFF1", "unit": "UNIT"}, "已被占用"),  # taken, whatever the case
        ({"username": "有 空格", "unit": "UNIT"}, "用户名只能包含"),
        ({"email": "not-an-address", "unit": "UNIT"}, "邮箱地址无效"),
        ({"password": "12345678", "unit": "UNIT"}, "密码"),
        ({"role": "staff", "unit": "UNIT", "fields_of_work": "水利"}, "专业领域只用于评审专家"),
        ({"role": "boss"}, "选择一个有效的选项"),
    ],
)
def test_a_refused_new_user_says_why_keeps_the_input_and_writes_nothing(staffing, fields, message):
    if fields.get("unit") == "UNIT":
        fields["unit"] = staffing.unit.pk
    before = everything()
    response = new_user(signed_in(staffing.admin), **fields)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and 'value="张三"' in page
    assert everything() == before


def edit(client: Client, user, **fields: object):
    data = {"name": user.first_name, "email": user.email, "role": "staff", "unit": ""}
    return client.post(reverse("people:user", args=[user.pk]), {**data, **fields})


def test_role_and_unit_change_is_recorded_with_the_administrator(staffing):
    client = signed_in(staffing.admin)
    response = edit(client, staffing.staff, role="reviewer", unit=staffing.other_department.pk)
    assert response.status_code == 302
    assert Membership.objects.get(user=staffing.staff).unit == staffing.other_department
    [change] = [e for e in events("role_change") if e.actor_name == "finance1"]
    assert change.data["user"] == "staff1"
    assert change.data["before"] == {"role": "staff", "unit": staffing.unit.name}
    assert change.data["after"] == {"role": "reviewer", "unit": "其他主管部门"}


def test_a_role_change_that_breaks_a_rule_changes_nothing(staffing):
    before = everything()
    response = edit(signed_in(staffing.admin), staffing.staff, role="staff", unit="", name="新名字")
    assert response.status_code == 400 and "填报人须指定所属单位" in response.content.decode()
    assert everything() == before


def test_a_demoted_superuser_loses_the_flags_that_made_them_administrator(staffing):
    root = User.objects.create_superuser("root", password=PASSWORD)
    edit(signed_in(staffing.admin), root, role="expert")
    root.refresh_from_db()
    assert not root.is_superuser and not root.is_staff and root.membership.role == "expert"
    [flags] = [e for e in events("user_flags") if e.actor_name == "finance1"]
    assert flags.data["user"] == "root" and flags.data["after"]["is_superuser"] is False


def test_the_administrator_cannot_demote_or_deactivate_themselves(staffing):
    client = signed_in(staffing.admin)
    before = everything()
    demoted = edit(client, staffing.admin, role="reviewer", unit=staffing.department.pk)
    assert demoted.status_code == 400 and "不能取消自己的财政管理员角色" in demoted.content.decode()
    url = reverse("people:user_active", args=[staffing.admin.pk])
    stopped = client.post(url, {"active": "0"})
    assert stopped.status_code == 400 and "不能停用自己的账户" in stopped.content.decode()
    assert everything() == before


def test_a_deactivated_user_cannot_log_in_until_reactivated(staffing):
    client = signed_in(staffing.admin)
    url = reverse("people:user_active", args=[staffing.staff.pk])
    assert client.post(url, {"active": "0"}).status_code == 302
    assert User.objects.filter(pk=staffing.staff.pk).exists()  # kept, never deleted
    assert authenticate(username="staff1", password=PASSWORD) is None
    assert client.post(url, {"active": "1"}).status_code == 302
    assert authenticate(username="staff1", password=PASSWORD) is not None
    flags = [e.data["after"]["is_active"] for e in events("user_flags")]
    assert flags == [False, True] and {e.actor_name for e in events("user_flags")} == {"finance1"}


def test_a_reset_password_is_shown_once_and_replaces_the_old_one(staffing):
    response = signed_in(staffing.admin).post(
        reverse("people:user_password", args=[staffing.staff.pk])
    )
    password = shown_password(response)
    assert authenticate(username="staff1", password=PASSWORD) is None
    assert authenticate(username="staff1", password=password) is not None
    [reset] = events("password_reset")
    assert reset.actor_name == "finance1" and reset.data == {"user": "staff1"}
    assert password not in str(reset.data)


def test_the_list_searches_filters_and_counts_roles(staffing):
    from tests.web.conftest import make_user

    make_user("staff2", "staff", staffing.other_unit).__class__.objects.filter(
        username="staff2"
    ).update(first_name="李四")
    client = signed_in(staffing.admin)
    page = client.get(reverse("people:users"), {"q": "李四"}).content.decode()
    assert "staff2" in page and "staff1" not in page and "共 1 个用户" in page
    by_role = client.get(reverse("people:users"), {"role": "staff"}).content.decode()
    assert "staff1" in by_role and "staff2" in by_role and "expert1" not in by_role
    assert "填报人（实施单位） (2)" in by_role and "无角色 (1)" in by_role
    by_unit = client.get(reverse("people:users"), {"unit": staffing.other_unit.pk}).content.decode()
    assert "staff2" in by_unit and "expert1" in by_unit and "staff1" not in by_unit
    assert client.get(reverse("people:users"), {"unit": "x"}).status_code == 400


# Units ---------------------------------------------------------------------------------------


def test_units_are_created_under_a_department_and_recorded(staffing):
    client = signed_in(staffing.admin)
    assert client.post(reverse("people:unit_new"), {"name": "新的主管部门"}).status_code == 302
    from jixiao_web.units.models import Unit

    department = Unit.objects.get(name="新的主管部门")
    data = {"name": "新的 (下属) 单位", "parent": department.pk}
    assert client.post(reverse("people:unit_new"), data).status_code == 302
    assert Unit.objects.get(parent=department).name == "新的（下属）单位"
    made = [e for e in events("unit_create") if e.actor_name == "finance1"]
    assert [e.data for e in made] == [
        {"name": "新的主管部门", "department": None},
        {"name": "新的（下属）单位", "department": "新的主管部门"},
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "）"}, "这不是单位名称"),
        ({"name": "测试实施单位 (本部)"}, "与已有单位“测试实施单位（本部）”相同"),
        ({"name": "另一个单位", "parent": "UNIT"}, "选择一个有效的选项"),  # departments only
    ],
)
def test_a_refused_new_unit_says_why_and_changes_nothing(staffing, data, message):
    if data.get("parent") == "UNIT":
        data["parent"] = staffing.unit.pk
    before = everything()
    response = signed_in(staffing.admin).post(reverse("people:unit_new"), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert everything() == before


def test_a_unit_is_renamed_and_moved_and_each_is_recorded(staffing):
    client = signed_in(staffing.admin)
    url = reverse("people:unit", args=[staffing.unit.pk])
    data = {"name": "改名后的单位", "parent": staffing.other_department.pk}
    assert client.post(url, data).status_code == 302
    staffing.unit.refresh_from_db()
    assert (staffing.unit.name, staffing.unit.parent) == ("改名后的单位", staffing.other_department)
    [rename] = events("unit_rename")
    [move] = events("unit_move")
    assert rename.data == {"before": "测试实施单位（本部）", "after": "改名后的单位"}
    assert move.data["before"] == "测试主管部门" and move.data["after"] == "其他主管部门"
    assert rename.actor_name == move.actor_name == "finance1"


@pytest.mark.parametrize(
    ("target", "fields", "message"),
    [
        ("unit", {"name": "其他实施单位"}, "与已有单位“其他实施单位”相同"),
        ("department", {"parent": "OTHER"}, "下有单位，不能放到另一个主管部门下"),
        ("other_department", {"name": "改了名", "parent": "SELF"}, "不能把单位放在它自己下面"),
    ],
)
def test_a_refused_rename_or_move_changes_nothing(staffing, target, fields, message):
    unit = getattr(staffing, target)
    ids = {"OTHER": staffing.other_department.pk, "SELF": unit.pk}  # SELF: renamed, not moved
    data = {"name": unit.name, "parent": unit.parent_id or "", **fields}
    data["parent"] = ids.get(data["parent"], data["parent"])
    before = everything()
    response = signed_in(staffing.admin).post(reverse("people:unit", args=[unit.pk]), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert everything() == before


def test_units_are_merged_from_the_page(staffing):
    from jixiao_web.units.models import Unit

    data = {"source": staffing.other_unit.pk, "target": staffing.unit.pk}
    response = signed_in(staffing.admin).post(reverse("people:unit_merge"), data)
    assert response.status_code == 302
    assert not Unit.objects.filter(pk=staffing.other_unit.pk).exists()
    assert Membership.objects.get(user=staffing.expert).unit == staffing.unit
    [merge] = events("unit_merge")
    assert merge.actor_name == "finance1" and merge.data["members"] == 1
    from jixiao_web.services.units import find

    assert find("其他实施单位") == staffing.unit  # the old name finds the unit kept


@pytest.mark.parametrize(
    ("source", "target", "message"),
    [
        ("unit", "unit", "不能把单位合并到它自己"),
        ("department", "other_unit", "下有单位，不能并入另一主管部门下的单位"),
        ("unit", None, "请选择两个单位"),
    ],
)
def test_a_refused_merge_changes_nothing(staffing, source, target, message):
    data = {"source": getattr(staffing, source).pk, "target": ""}
    if target:
        data["target"] = getattr(staffing, target).pk
    before = everything()
    response = signed_in(staffing.admin).post(reverse("people:unit_merge"), data)
    assert response.status_code == 400 and message in response.content.decode()
    assert everything() == before


def test_a_unit_goes_under_a_department_only(staffing):
    """The page offers departments only; the rule itself holds for any caller (services/units)."""
    from jixiao_web.services import units

    before = everything()
    with translation.override("zh-hans"):
        with pytest.raises(units.UnitRefused, match="“其他实施单位”不是主管部门"):
            units.move(staffing.unit, staffing.other_unit, staffing.admin)
        with pytest.raises(units.UnitRefused, match="不是主管部门"):
            units.create("再下一级", staffing.other_unit, staffing.admin)
    assert everything() == before


def test_the_pages_speak_english_in_english_mode(staffing):
    from django.conf import settings

    client = signed_in(staffing.admin)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the header's language switch
    users = client.get(reverse("people:users")).content.decode()
    assert "Users and units" in users and "All roles" in users and "No role (1)" in users
    refused = client.post(reverse("people:user_new"), {"username": "x1", "role": "staff"})
    assert "Unit staff need a unit." in refused.content.decode()
    units = client.get(reverse("people:units")).content.decode()
    assert "Departments and units" in units and "单位管理" not in units


def test_a_user_name_taken_between_the_check_and_the_write_is_refused_and_nothing_kept(
    staffing, monkeypatch
):
    """Two administrators making the same user at once: the database's unique name decides,
    the second is told the name is taken, and nothing of it is kept (no role, no event)."""
    from jixiao_web.services import people

    monkeypatch.setattr(people, "username_refusal", lambda username: None)  # the check passed
    before = everything()
    with (
        translation.override("zh-hans"),
        pytest.raises(people.PeopleRefused, match="用户名“staff1”已被占用"),
    ):
        people.create(people.NewUser("staff1", "expert"), staffing.admin)
    assert everything() == before


def test_djangos_admin_keeps_the_same_unit_rules(staffing):
    """The admin's role form asks services/people.py too: one set of rules everywhere."""
    root = User.objects.create_superuser("root", password=PASSWORD)
    membership = Membership.objects.get(user=staffing.staff)
    url = reverse("admin:accounts_membership_change", args=[membership.pk])
    before = everything()
    response = signed_in(root).post(url, {"user": staffing.staff.pk, "role": "staff", "unit": ""})
    assert response.status_code == 200 and "填报人须指定所属单位" in response.content.decode()
    assert everything() == before


def test_an_expert_made_staff_keeps_their_fields_unless_new_ones_are_typed(staffing):
    from jixiao_web.services import people

    people.store_fields(staffing.expert, ["水利"])
    client = signed_in(staffing.admin)
    kept = {"role": "staff", "unit": staffing.unit.pk, "fields_of_work": "水利"}
    assert edit(client, staffing.expert, **kept).status_code == 302  # as shown: accepted
    before = everything()
    typed = {**kept, "fields_of_work": "水利、农业"}
    refused = edit(client, staffing.expert, **typed)
    assert refused.status_code == 400 and "专业领域只用于评审专家" in refused.content.decode()
    assert everything() == before


def test_djangos_admin_merge_says_why_a_merge_is_refused(staffing):
    """The merge rule added to services/units.py reaches the admin's merge action as a
    message, not a 500, and that merge changes nothing."""
    root = User.objects.create_superuser("root", password=PASSWORD)
    url = reverse("admin:units_unit_changelist")
    chosen = {
        "action": "merge_units",
        "_selected_action": [staffing.department.pk, staffing.other_unit.pk],
        "keep": staffing.other_unit.pk,
    }
    before = everything()
    response = signed_in(root).post(url, chosen, follow=True)
    assert response.status_code == 200
    assert "下有单位，不能并入另一主管部门下的单位" in response.content.decode()
    assert everything() == before
