"""The permission matrix: each role × each page or action → the status the server answers.

The import batch was made by nobody in particular, so only the administrator may open it.

The form under test belongs to the seed's first unit: `staff` works there, `reviewer` heads its
department; `other_staff`, `other_reviewer` and `expert` belong elsewhere, and the expert is
assigned to no form (experts see only the forms of their assignments, tests/web/test_rounds.py).
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from tests.web.conftest import put_in

pytestmark = pytest.mark.django_db

ROLES = ("anon", "nobody", "staff", "other_staff", "reviewer", "other_reviewer", "expert", "admin")
LOGIN = 302  # anonymous users are sent to the login page


def row(anon, nobody, staff, other_staff, reviewer, other_reviewer, expert, admin):
    return dict(
        zip(
            ROLES,
            (anon, nobody, staff, other_staff, reviewer, other_reviewer, expert, admin),
            strict=True,
        )
    )


MATRIX = {
    ("get", "dashboard"): row(LOGIN, 200, 200, 200, 200, 200, 200, 200),
    ("get", "forms:list"): row(LOGIN, 200, 200, 200, 200, 200, 200, 200),
    ("get", "forms:export"): row(LOGIN, 200, 200, 200, 200, 200, 200, 200),
    ("get", "forms:detail"): row(LOGIN, 403, 200, 403, 200, 403, 403, 200),
    ("get", "forms:source"): row(LOGIN, 403, 200, 403, 200, 403, 403, 200),
    ("get", "forms:edit"): row(LOGIN, 403, 200, 403, 403, 403, 403, 200),
    ("post", "forms:edit"): row(LOGIN, 403, 302, 403, 403, 403, 403, 302),
    # only the unit's staff submit (docs/workflow.md)
    ("post", "submit"): row(LOGIN, 403, 302, 403, 403, 403, 403, 403),
    # a draft is not approved or published: those whose role may are sent back to the page with
    # the reason (the stage changed since they loaded it), the others refused
    ("post", "approve"): row(LOGIN, 403, 403, 403, 302, 403, 403, 302),
    ("post", "publish"): row(LOGIN, 403, 403, 403, 403, 403, 403, 302),
    ("get", "forms:download"): row(LOGIN, 403, 200, 403, 200, 403, 403, 200),
    ("post", "forms:new"): row(LOGIN, 403, 302, 302, 403, 403, 403, 302),
    ("get", "imports:page"): row(LOGIN, 403, 200, 200, 403, 403, 403, 200),
    ("get", "imports:batch"): row(LOGIN, 403, 403, 403, 403, 403, 403, 200),
    ("get", "forms:target"): row(LOGIN, 200, 200, 200, 200, 200, 200, 200),
    ("get", "portal:index"): row(200, 200, 200, 200, 200, 200, 200, 200),
    ("get", "accounts:password"): row(LOGIN, 200, 200, 200, 200, 200, 200, 200),
    ("get", "imports:template"): row(LOGIN, 200, 200, 200, 200, 200, 200, 200),
    # expert rounds: the administrator's rounds, an expert's own tasks; the pool is finance's
    ("get", "experts:index"): row(LOGIN, 403, 403, 403, 403, 403, 200, 200),
    ("get", "experts:pool"): row(LOGIN, 403, 403, 403, 403, 403, 403, 200),
}


def client_for(people, who: str) -> Client:
    client = Client()
    if who != "anon":
        client.force_login(getattr(people, who))
    return client


def url_for(name: str, form) -> str:
    if name in ("submit", "approve", "publish"):
        return reverse("forms:action", args=[form.pk, name])
    if name in ("forms:detail", "forms:source", "forms:edit"):
        return reverse(name, args=[form.pk])
    if name == "forms:download":
        return reverse(name, args=[form.pk, "json"])
    if name == "imports:batch":
        return reverse(name, args=[form.import_batch_id])
    if name == "imports:template":
        return reverse(name, args=["xlsx"])
    return reverse(name)


def edit_post(form) -> dict[str, object]:
    from jixiao_web.services.editing import TEXT_INPUTS

    data: dict[str, object] = {n: getattr(form, n) or "" for n in TEXT_INPUTS}
    data.update(
        version=form.version, budget_year=form.budget_year_id or "", funds_unit=form.funds_unit
    )
    data.update({k: v or "" for k, v in form.funds_written.items()})
    return data


@pytest.mark.parametrize("who", ROLES)
def test_each_role_gets_what_the_matrix_says(people, imported, who):
    from jixiao_web.forms.models import Form

    wrong = []
    for (method, name), expected in MATRIX.items():
        form = Form.objects.get(pk=imported.forms[0].pk)
        client = client_for(people, who)
        url = url_for(name, form)
        if method == "get":
            response = client.get(url)
        else:
            response = client.post(url, edit_post(form) if name == "forms:edit" else {})
        if response.status_code != expected[who]:
            wrong.append((method, name, expected[who], response.status_code))
        elif who == "anon" and response.status_code == 302:
            assert response["Location"].startswith(reverse("accounts:login"))
        Form.objects.filter(pk=form.pk).update(status="draft")  # each case starts from a draft
    assert wrong == []


def test_lists_show_each_role_only_its_forms(people, imported):
    from jixiao_web.forms.models import Form

    unit = imported.forms[0].unit
    department = unit.parent or unit
    expected = {
        "admin": Form.objects.count(),
        "staff": Form.objects.filter(unit=unit).count(),
        "reviewer": Form.objects.filter(unit__in=department.family_ids()).count(),
        "other_staff": 0,
        "other_reviewer": 0,
        "nobody": 0,
    }
    for who, count in expected.items():
        response = client_for(people, who).get(reverse("forms:list"))
        assert response.context["page"].paginator.count == count, who


def test_the_portal_shows_published_forms_only(people, imported):

    first, second = imported.forms[0], imported.forms[1]
    put_in(first, "published")
    anon = Client()
    index = anon.get(reverse("portal:index")).content.decode()
    assert first.project_name in index
    assert anon.get(reverse("portal:form", args=[first.pk])).status_code == 200
    assert anon.get(reverse("portal:form", args=[second.pk])).status_code == 404


def test_a_form_goes_from_draft_to_published_through_the_right_hands(people, imported):
    from jixiao_web.forms.models import Form

    pk = imported.forms[0].pk

    def act(who: str, action: str) -> int:
        url = reverse("forms:action", args=[pk, action])
        return client_for(people, who).post(url, {"comment": "意见"}).status_code

    def status() -> str:
        return Form.objects.get(pk=pk).status

    assert act("staff", "submit") == 302 and status() == "submitted"
    assert act("other_reviewer", "approve") == 403
    assert act("staff", "approve") == 403
    assert act("reviewer", "approve") == 302 and status() == "dept_approved"
    assert act("reviewer", "publish") == 403
    assert act("admin", "approve") == 302 and status() == "approved"
    assert act("admin", "publish") == 302 and status() == "published"
    assert act("staff", "submit") == 302 and status() == "published"  # refused with a message
    edit = client_for(people, "staff").get(reverse("forms:edit", args=[pk]))
    assert edit.status_code == 302  # published forms are frozen: back to the page, with why


def test_csrf_is_enforced_on_actions(people, imported):
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.admin)
    response = client.post(reverse("forms:action", args=[imported.forms[0].pk, "publish"]))
    assert response.status_code == 403


def test_only_the_superuser_reaches_the_django_admin(people, db):
    from django.contrib.auth.models import User

    root = User.objects.create_superuser("root", password="Root-pw-9911")
    client = Client()
    client.force_login(root)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/goals/auditevent/").status_code == 200
    for who in ("staff", "reviewer", "admin", "expert"):
        response = client_for(people, who).get("/admin/")
        assert response.status_code == 302 and "/admin/login/" in response["Location"], who


def test_the_dashboard_counts_only_what_each_role_may_see(people, imported):
    from jixiao_web.forms.models import Form

    unit = imported.forms[0].unit
    expected = {"admin": 15, "staff": Form.objects.filter(unit=unit).count(), "other_staff": 0}
    for who, count in expected.items():
        totals = client_for(people, who).get(reverse("dashboard")).context["totals"]
        assert totals["n"] == count, who
