"""A script that knows only the OpenAPI document does a year's work through the API.

`DocumentClient` finds every call in `/api/v1/openapi.json` by its path and method (a call the
document does not describe fails), sends it as the document says, and checks each answer against
the document (status declared, body as its schema, content type). With it, on a live server on
loopback, finance imports the sample; unit staff read a form's review, fix the form and submit
it; the department's reviewer approves; finance publishes; and the published form reads back as edited,
with its history, and in the year's open data.
"""

from __future__ import annotations

from typing import Any

import pytest
import requests
import schemathesis
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from tests.web.conftest import SEED, make_user

from jixiao_web.accounts import tokens

pytestmark = pytest.mark.django_db(transaction=True)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


class DocumentClient:
    def __init__(self, base_url: str, token: str) -> None:
        self.base_url = base_url
        self.token = token
        self.schema = schemathesis.openapi.from_url(f"{base_url}/api/v1/openapi.json")

    def call(self, method: str, path: str, expect: int = 200, **parts: Any) -> Any:
        operation = self.schema[path][method]  # KeyError: the document has no such call
        headers = {"Authorization": f"Bearer {self.token}", **parts.pop("headers", {})}
        case = operation.Case(headers=headers, **parts)
        response = case.call(base_url=self.base_url)
        case.validate_response(response, checks=CHECKS)
        assert response.status_code == expect, (method, path, response.text[:500])
        return response


def as_user(live_server, user) -> DocumentClient:
    return DocumentClient(live_server.url, tokens.issue(user, "脚本")[1])


def people_of(unit) -> tuple[Any, Any]:
    """Unit staff of `unit` and the reviewer of its department (the unit itself, if top-level)."""
    department = unit.parent or unit
    return make_user("staff1", "staff", unit), make_user("reviewer1", "reviewer", department)


def test_a_script_imports_reviews_edits_and_moves_a_form_to_published(live_server):
    from jixiao_web.units.models import Unit

    finance = as_user(live_server, make_user("admin1", "admin"))
    forms = "/api/v1/forms"
    report = finance.call(
        "POST",
        "/api/v1/imports",
        body={"file": [SEED.read_bytes()]},
        media_type="multipart/form-data",
    ).json()
    assert report["ok"] and report["stored"] == 15
    # a form without error findings: those are refused at submission (docs/workflow.md)
    listed = finance.call("GET", forms, query={"q": "科普工作", "page_size": 200}).json()
    assert 1 <= listed["count"] < 15
    chosen = listed["items"][0]
    unit = Unit.objects.get(name=chosen["implementing_unit"])
    staff_user, reviewer_user = people_of(unit)
    staff, reviewer = as_user(live_server, staff_user), as_user(live_server, reviewer_user)
    pk = chosen["id"]
    review = staff.call("GET", f"{forms}/{{id}}/review", path_parameters={"id": pk}).json()
    assert review["forms"][0]["score"] and review["forms"][0]["grade"]

    read = staff.call("GET", f"{forms}/{{id}}", path_parameters={"id": pk})
    form = read.json()
    form["project_name"] = form["project_name"] + "（调整）"
    saved = staff.call(
        "PUT",
        f"{forms}/{{id}}",
        path_parameters={"id": pk},
        headers={"If-Match": read.headers["etag"][0]},
        body=form,
        media_type="application/json",
    ).json()
    assert saved["version"] > int(read.headers["etag"][0].strip('"'))

    def act(client: DocumentClient, action: str, expect: int = 200) -> Any:
        return client.call(
            "POST",
            f"{forms}/{{id}}/transitions",
            expect,
            path_parameters={"id": pk},
            body={"action": action, "comment": f"{action} 由脚本"},
            media_type="application/json",
        ).json()

    assert act(staff, "publish", 403)["code"] == "forbidden"
    assert act(staff, "submit")["status"] == "submitted"
    assert act(reviewer, "approve")["status"] == "dept_approved"
    assert act(finance, "approve")["status"] == "approved"
    assert act(finance, "publish")["status"] == "published"

    final = finance.call("GET", f"{forms}/{{id}}", path_parameters={"id": pk}).json()
    assert (final["status"], final["project_name"]) == ("published", form["project_name"])
    history = finance.call("GET", f"{forms}/{{id}}/history", path_parameters={"id": pk}).json()
    assert [e["action"] for e in history][-4:] == ["submit", "approve", "approve", "publish"]
    assert [e["user"] for e in history][-4:] == ["staff1", "reviewer1", "admin1", "admin1"]
    # and the public reads it in the year's open data, without a token
    year = final["budget_year"]
    public = requests.get(f"{live_server.url}/public/data/{year}/forms.json", timeout=30).json()
    assert form["project_name"] in [f["project_name"] for f in public["forms"]]
