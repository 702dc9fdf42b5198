"""The API's permission matrix: every role × every endpoint × every status of a form answers what
the pages' permission functions say (`accounts/permissions.py`), nothing typed in by hand.

The endpoints are read from the API object itself: one without an entry in `EXPECT` fails
`test_every_endpoint_has_an_entry`. Each request runs in a transaction rolled back after it, so
every case starts from the same state. Runs on SQLite and PostgreSQL (`.ci/with-postgres`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from jixiao_web.accounts import permissions as perm
from jixiao_web.accounts import tokens
from jixiao_web.accounts.models import Role
from jixiao_web.api.app import api
from jixiao_web.forms.models import Form, Status
from jixiao_web.imports.models import ImportBatch
from jixiao_web.services.editing import create
from jixiao_web.services.forms import to_core
from jixiao_web.services.reviews import review_of

pytestmark = pytest.mark.django_db

ROLES = ("admin", "reviewer", "other_reviewer", "staff", "other_staff", "expert", "nobody")
PREFIX = "/api/v1"


def seen(then: Callable[[Any, Form], int]) -> Callable[[Any, Form], int]:
    """404 for a form the user may not see (its existence is not revealed), else `then`."""
    return lambda user, form: then(user, form) if perm.can_view(user, form) else 404


def _edit(user: Any, form: Form) -> int:
    if perm.can_edit(user, form):
        return 200
    return 409 if perm.edits_drafts(user, form) else 403  # only a draft is edited


def _delete(user: Any, form: Form) -> int:
    if not perm.edits_drafts(user, form):
        return 403
    return 204 if form.status == Status.DRAFT else 409


def _transition(action: str) -> Callable[[Any, Form], int]:
    def expect(user: Any, form: Form) -> int:
        why = perm.refusal(user, form, action)
        if why is None:  # a submission is held back by error findings (rules of passage)
            return 409 if action == "submit" and _has_errors(form) else 200
        return 403 if why == "role" else 409  # the role refuses, or the stage or the round

    return seen(expect)


def _has_errors(form: Form) -> bool:
    review = review_of(form).forms[0]
    return any(f.severity == "error" for f in review.findings)


# (method, path) -> the status the pages' functions give for (user, form); transitions per action.
EXPECT: dict[tuple[str, str], Any] = {
    ("get", "/me"): lambda user, form: 200,
    ("get", "/forms"): lambda user, form: 200,  # lists only what the user sees: see below
    ("post", "/forms"): lambda user, form: 201 if perm.can_create(user) else 403,
    ("get", "/forms/{id}"): seen(lambda user, form: 200),
    ("put", "/forms/{id}"): seen(_edit),
    ("delete", "/forms/{id}"): seen(_delete),
    ("get", "/forms/{id}/review"): seen(lambda user, form: 200),
    ("get", "/forms/{id}/history"): seen(lambda user, form: 200),
    ("get", "/forms/{id}/comments"): seen(lambda user, form: 200),
    ("post", "/forms/{id}/comments"): seen(lambda user, form: 201),  # whoever sees it comments
    ("post", "/forms/{id}/transitions"): {a: _transition(a) for a in perm.ACTIONS},
    ("post", "/imports"): lambda user, form: 200 if perm.can_import(user) else 403,
    ("get", "/imports/{id}"): lambda user, form: _follow(user),
    ("get", "/units"): lambda user, form: 200,  # lists only the units the user sees (directory)
    ("get", "/years"): lambda user, form: 200,
    ("get", "/users"): lambda user, form: 200 if perm.role(user) == Role.ADMIN else 403,
}


def _batch() -> ImportBatch:
    """The batch `/imports/{id}` asks for: the seed's (imported by nobody in particular)."""
    return ImportBatch.objects.order_by("pk").first()


def _follow(user: Any) -> int:
    if not perm.can_import(user):
        return 403
    return 200 if perm.can_follow_batch(user, _batch()) else 404  # as for a form one may not see


def endpoints() -> set[tuple[str, str]]:
    paths = api.get_openapi_schema()["paths"]
    return {(m, p.removeprefix(PREFIX)) for p, ops in paths.items() for m in ops}


def test_every_endpoint_has_an_entry():
    assert endpoints() == set(EXPECT)


def _body(method: str, path: str, form: Form, action: str | None) -> dict[str, Any] | None:
    if path.endswith("/transitions"):
        return {"action": action, "comment": "矩阵"}
    if path.endswith("/comments") and method == "post":
        return {"text": "矩阵意见", "field": "project_name"}
    if method == "put":
        from jixiao.interchange import form_to_json

        return {**form_to_json(to_core(form)), "version": form.version}
    if method == "post":
        return {"project_name": "矩阵测试项目", "funds": {"annual_request": "10.50"}}
    return None


def _call(client, raw: str, method: str, path: str, form: Form, action: str | None = None) -> int:
    ident = _batch().pk if path.startswith("/imports/") else form.pk
    url = PREFIX + path.replace("{id}", str(ident))
    body = _body(method, path, form, action)
    kwargs: dict[str, Any] = {"headers": {"Authorization": f"Bearer {raw}"}}
    if path == "/imports":  # multipart: a file the import reports as unreadable (nothing stored)
        kwargs.update(data={"file": SimpleUploadedFile("矩阵.txt", b"x")})
    elif body is not None:
        kwargs.update(data=json.dumps(body), content_type="application/json")
    with transaction.atomic():
        status = getattr(client, method)(url, **kwargs).status_code
        transaction.set_rollback(True)  # the next case starts from the same state
    return status


def _forms(people, imported) -> list[Form]:
    """The seed's first form (the staff's unit, the reviewer's department) in every status,
    and a draft of the other unit."""
    first = Form.objects.get(pk=imported.forms[0].pk)
    other = create(to_core(first).with_changes(implementing_unit="其他实施单位"), people.admin)
    copies = [first] + [create(to_core(first), people.admin) for _ in range(len(Status.values) - 1)]
    for form, status in zip(copies, Status.values, strict=True):
        Form.objects.filter(pk=form.pk).update(status=status)
    return [Form.objects.get(pk=f.pk) for f in (*copies, other)]


@pytest.mark.parametrize("who", ROLES)
def test_each_role_gets_what_the_permission_functions_say(client, people, imported, who):
    user = getattr(people, who)
    _, raw = tokens.issue(user, "矩阵")
    wrong = []
    for form in _forms(people, imported):
        for (method, path), rule in EXPECT.items():
            cases = rule.items() if isinstance(rule, dict) else [(None, rule)]
            for action, expect in cases:
                wanted = expect(user, form)
                got = _call(client, raw, method, path, form, action)
                if got != wanted:
                    wrong.append((method, path, action, form.status, wanted, got))
    assert wrong == []


@pytest.mark.parametrize("who", ROLES)
def test_the_list_holds_exactly_the_forms_the_user_may_see(client, people, imported, who):
    user = getattr(people, who)
    _, raw = tokens.issue(user, "列表")
    forms = _forms(people, imported)
    answer = client.get(
        f"{PREFIX}/forms", {"page_size": 200}, headers={"Authorization": f"Bearer {raw}"}
    ).json()
    listed = {item["id"] for item in answer["items"]}
    assert listed == {f.pk for f in Form.objects.all() if perm.can_view(user, f)}
    assert answer["count"] == perm.visible_forms(user).count()
    assert {f.pk for f in forms if perm.can_view(user, f)} <= listed
