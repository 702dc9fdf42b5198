"""GET /api/v1/units, /years, /users: per role, the same as the pages' permissions."""

from __future__ import annotations

import pytest
from django.test import Client

from jixiao_web.accounts import tokens

pytestmark = pytest.mark.django_db


def get(user, path: str):
    raw = tokens.issue(user, "目录")[1]
    return Client().get(f"/api/v1/{path}", headers={"Authorization": f"Bearer {raw}"})


def unit_names(user) -> set[str]:
    answer = get(user, "units")
    assert answer.status_code == 200
    return {u["name"] for u in answer.json()}


def test_units_follow_the_role(people):
    from jixiao_web.units.models import Unit

    everything = set(Unit.objects.values_list("name", flat=True))
    staff_unit = people.staff.membership.unit
    department = people.reviewer.membership.unit
    assert unit_names(people.admin) == everything
    assert unit_names(people.expert) == set()  # assigned to no form yet
    assert unit_names(people.staff) == {staff_unit.name}
    assert unit_names(people.other_staff) == {"其他实施单位"}
    family = {department.name, *department.children.values_list("name", flat=True)}
    assert unit_names(people.reviewer) == family and staff_unit.name in family
    assert unit_names(people.other_reviewer) == {"其他主管部门", "其他实施单位"}
    assert unit_names(people.nobody) == set()


def test_a_unit_names_its_department(people):
    stranger = next(u for u in get(people.admin, "units").json() if u["name"] == "其他实施单位")
    department = next(u for u in get(people.admin, "units").json() if u["name"] == "其他主管部门")
    assert stranger["parent"] == department["id"] and stranger["department"] == "其他主管部门"
    assert department["parent"] is None and department["department"] is None


def counts(user) -> dict[int, int]:
    answer = get(user, "years")
    assert answer.status_code == 200
    return {y["year"]: y["forms"] for y in answer.json()}


def test_years_count_the_forms_each_role_may_see(people):
    from jixiao_web.forms.models import Form
    from jixiao_web.units.models import BudgetYear

    years = set(BudgetYear.objects.values_list("year", flat=True))
    [year] = years  # the seed is of one year
    staff_unit = people.staff.membership.unit
    assert counts(people.admin) == {year: Form.objects.count()} and Form.objects.count() > 1
    assert counts(people.staff) == {year: Form.objects.filter(unit=staff_unit).count()}
    assert counts(people.staff)[year] < Form.objects.count()
    assert counts(people.other_staff) == {year: 0} == counts(people.nobody)
    assert counts(people.expert) == {year: 0}  # assigned to no form yet


def test_the_administrator_lists_users_without_secrets(people):
    answer = get(people.admin, "users")
    assert answer.status_code == 200
    found = {u["username"]: u for u in answer.json()}
    assert set(found) == {
        "admin1",
        "reviewer1",
        "reviewer2",
        "staff1",
        "staff2",
        "expert1",
        "nobody",
    }
    staff = found["staff1"]
    assert staff["role"] == "staff" and staff["unit"] == people.staff.membership.unit_id
    assert staff["unit_name"] == people.staff.membership.unit.name and staff["active"] is True
    assert found["nobody"]["role"] is None and found["admin1"]["unit"] is None
    text = answer.content.decode()
    assert "password" not in text and "md5$" not in text and tokens.MARKER not in text


def test_a_deactivated_user_is_listed_as_inactive(people):
    people.nobody.is_active = False
    people.nobody.save()
    found = {u["username"]: u for u in get(people.admin, "users").json()}
    assert found["nobody"]["active"] is False


@pytest.mark.parametrize("who", ["reviewer", "staff", "expert", "nobody"])
def test_only_the_administrator_lists_users(people, who):
    answer = get(getattr(people, who), "users")
    assert answer.status_code == 403 and answer.json()["code"] == "forbidden"


@pytest.mark.parametrize("path", ["units", "years", "users"])
def test_no_token_no_directory(people, path):
    assert Client().get(f"/api/v1/{path}").status_code == 401
