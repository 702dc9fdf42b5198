"""The forms API on the imported seed: the list as the list page has it, a form as jixiao/forms@1,
saves with the editor's versions and merges, drafts created and deleted, the workflow's actions.
The permission matrix is tests/web/test_api_matrix.py."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from jixiao.interchange import form_to_json
from jixiao_web.accounts import tokens
from jixiao_web.forms.models import AuditEvent, Form, Status
from jixiao_web.reviews.models import Finding
from jixiao_web.services.forms import to_core

pytestmark = pytest.mark.django_db
API = "/api/v1/forms"


def bearer(user, read_only: bool = False, **headers: str) -> dict[str, str]:
    _, raw = tokens.issue(user, "测试", read_only=read_only)
    return {"Authorization": f"Bearer {raw}", **headers}


def send(client, method: str, url: str, body: Any, headers: dict[str, str]):
    return getattr(client, method)(
        url, data=json.dumps(body), content_type="application/json", headers=headers
    )


def first(imported) -> Form:
    return Form.objects.get(pk=imported.forms[0].pk)


# The list ------------------------------------------------------------------------------------


def page_ids(client, params: dict[str, Any]) -> list[int]:
    return [f.pk for f in client.get(reverse("forms:list"), params).context["page"]]


def api_ids(client, headers, params: dict[str, Any]) -> list[int]:
    answer = client.get(API, params, headers=headers)
    assert answer.status_code == 200, answer.content
    return [item["id"] for item in answer.json()["items"]]


def test_the_list_filters_and_sorts_as_the_list_page_does(client, admin, people, imported):
    headers = bearer(people.admin)
    form = first(imported)
    category = Finding.objects.values_list("category", flat=True).first()
    word = form.project_name[1:3]
    cases = [
        {},
        {"year": form.budget_year_id},
        {"unit": form.unit.parent_id or form.unit_id},
        {"status": "draft"},
        {"grade": form.grade},
        {"category": category},
        {"q": word},
        {"sort": "-score"},
        {"sort": "name", "q": word},
        {"sort": "-funds", "grade": form.grade},
    ]
    for params in cases:
        assert api_ids(client, headers, params) == page_ids(admin, params), params
    graded = client.get(API, {"grade": form.grade}, headers=headers).json()["items"]
    assert graded and {item["grade"] for item in graded} == {form.grade}
    found = client.get(API, {"q": word}, headers=headers).json()["items"]
    assert found and all(word in (i["project_name"] + i["unit_name"]) for i in found)


def test_a_list_item_carries_the_forms_figures(client, people, imported):
    form = first(imported)
    items = client.get(API, {"page_size": 200}, headers=bearer(people.admin)).json()["items"]
    item = next(i for i in items if i["id"] == form.pk)
    assert item["project_name"] == form.project_name
    assert item["implementing_unit"] == form.implementing_unit
    assert (item["budget_year"], item["status"], item["version"]) == (
        form.budget_year_id,
        "draft",
        1,
    )
    assert Decimal(item["score"]) == form.score and item["grade"] == form.grade
    assert Decimal(item["request_yuan"]) == form.request_yuan


def test_pages_cover_the_list_once_each(client, people, imported):
    headers = bearer(people.admin)
    whole = api_ids(client, headers, {"page_size": 200})
    pages = [api_ids(client, headers, {"page": n, "page_size": 4}) for n in range(1, 6)]
    assert [i for page in pages for i in page] == whole
    assert all(len(page) == 4 for page in pages[: len(whole) // 4])
    beyond = client.get(API, {"page": 99, "page_size": 4}, headers=headers).json()
    assert beyond == {"count": len(whole), "items": []}


@pytest.mark.parametrize(
    "params, where",
    [
        ({"page_size": 201}, "page_size"),
        ({"page_size": 0}, "page_size"),
        ({"page": 0}, "page"),
        ({"page": "x"}, "page"),
        ({"status": "deleted"}, "status"),
        ({"grade": "甲"}, "grade"),
        ({"category": "nonsense"}, "category"),
        ({"sort": "price"}, "sort"),
        ({"year": "二〇二一"}, "year"),
        ({"unit": -1}, "unit"),
        ({"unit": 2**64}, "unit"),
        ({"q": "a\x00b"}, "q"),
        ({"stauts": "draft"}, "stauts"),
    ],
)
def test_a_bad_filter_is_422_naming_it(client, people, imported, params, where):
    answer = client.get(API, params, headers=bearer(people.admin))
    assert answer.status_code == 422
    body = answer.json()
    assert body["code"] == "invalid" and "接口" in body["message"]
    assert ["query", where] in [e["loc"] for e in body["errors"]]


def test_a_bad_filter_is_explained_in_english_when_asked(client, people, imported):
    headers = bearer(people.admin, **{"Accept-Language": "en"})
    body = client.get(API, {"page_size": 500}, headers=headers).json()
    assert body["message"] == "The request does not match the API's description."


# One form ------------------------------------------------------------------------------------


def test_a_form_reads_as_the_cores_canonical_json_with_its_state(client, people, imported):
    form = first(imported)
    answer = client.get(f"{API}/{form.pk}", headers=bearer(people.staff))
    assert answer.status_code == 200 and answer["ETag"] == '"1"'
    data = answer.json()
    canonical = form_to_json(to_core(form))
    assert {k: data[k] for k in canonical} == canonical
    assert (data["id"], data["status"], data["version"], data["comments"]) == (
        form.pk,
        "draft",
        1,
        [],
    )
    assert len(data["indicator_keys"]) == len(canonical["indicators"])


def test_a_form_one_may_not_see_is_as_absent_as_one_that_does_not_exist(client, people, imported):
    headers = bearer(people.other_staff)
    hidden = client.get(f"{API}/{first(imported).pk}", headers=headers)
    absent = client.get(f"{API}/999999", headers=headers)
    assert hidden.status_code == absent.status_code == 404
    assert (
        hidden.json()
        == absent.json()
        == {
            "code": "not_found",
            "message": "所请求的对象不存在，或您无权查看。",
        }
    )


# Saving ----------------------------------------------------------------------------------------


def read(client, headers, pk: int) -> dict[str, Any]:
    return client.get(f"{API}/{pk}", headers=headers).json()


def test_a_form_put_back_unchanged_reads_the_same(client, people, imported):
    headers = bearer(people.staff)
    pk = first(imported).pk
    before = read(client, headers, pk)
    answer = send(client, "put", f"{API}/{pk}", before, {**headers, "If-Match": '"1"'})
    assert answer.status_code == 200 and answer["ETag"] == '"2"'
    after = read(client, headers, pk)
    assert after.pop("version") == 2 and before.pop("version") == 1
    assert after == before


def test_a_change_put_is_saved_exactly_and_shown_by_the_page(
    client, staff_client, people, imported
):
    headers = bearer(people.staff)
    pk = first(imported).pk
    data = read(client, headers, pk)
    data["project_name"] = "接口修改后的项目名称"
    data["funds"]["annual_request"] = "123456789.123456"  # 15 digits: SQLite holds them too
    data["indicators"][0]["target"] = "≥ 95%"
    answer = send(client, "put", f"{API}/{pk}", data, headers)
    assert answer.status_code == 200, answer.content
    stored = Form.objects.get(pk=pk)
    assert stored.annual_request == Decimal("123456789.123456")
    assert answer.json()["funds"]["annual_request"] == "123456789.123456"
    page = staff_client.get(reverse("forms:detail", args=[pk])).content.decode()
    assert "接口修改后的项目名称" in page and "≥ 95%" in page
    assert AuditEvent.objects.filter(form_id=pk, action="edit").latest("id").actor_name == "staff1"


@pytest.fixture
def staff_client(people):
    from django.test import Client

    client = Client()
    client.force_login(people.staff)
    return client


def test_amounts_are_strings_not_numbers(client, people, imported):
    headers = bearer(people.staff)
    pk = first(imported).pk
    data = read(client, headers, pk)
    data["funds"]["annual_request"] = 0.1
    answer = send(client, "put", f"{API}/{pk}", data, headers)
    assert answer.status_code == 422
    assert ["body", "payload", "funds", "annual_request"] in [
        e["loc"] for e in answer.json()["errors"]
    ]
    assert Form.objects.get(pk=pk).version == 1


@pytest.mark.parametrize(
    "change, where",
    [
        ({"planned_start": "2021-02-30"}, "planned_start"),
        ({"funds": {"annual_request": "十万"}}, "annual_request"),
        ({"budget_year": 10**9}, "budget_year"),
        ({"goal_period": {"start_year": -1}}, "start_year"),
        ({"indicators": [{"name": "x", "source_lines": ["a"]}]}, "source_lines"),
        ({"project_name": "含\x00空字符"}, "project_name"),
    ],
)
def test_a_form_that_cannot_be_read_is_422_with_where_and_nothing_saved(
    client, people, imported, change, where
):
    headers = bearer(people.staff)
    pk = first(imported).pk
    answer = send(client, "put", f"{API}/{pk}", {**read(client, headers, pk), **change}, headers)
    assert answer.status_code == 422, answer.content
    assert any(where in e["loc"] for e in answer.json()["errors"])
    assert Form.objects.get(pk=pk).version == 1


@pytest.mark.parametrize("amount", ["-5", "1E+3", "1" * 17, "0.0000001", " 12", "12,000"])
def test_an_amount_is_written_as_canonical_json_writes_it(client, people, imported, amount):
    headers = bearer(people.staff, **{"Accept-Language": "en"})
    pk = first(imported).pk
    data = read(client, headers, pk)
    data["funds"]["annual_request"] = amount
    answer = send(client, "put", f"{API}/{pk}", data, headers)
    assert answer.status_code == 422
    assert answer.json()["message"] == "The request does not match the API's description."
    where = [e["loc"] for e in answer.json()["errors"]]
    assert where == [["body", "payload", "funds", "annual_request"]]


def test_a_stale_put_that_does_not_clash_is_merged(client, people, imported):
    headers = bearer(people.staff)
    pk = first(imported).pk
    mine, theirs = read(client, headers, pk), read(client, headers, pk)
    theirs["project_name"] = "对方改的名称"
    assert send(client, "put", f"{API}/{pk}", theirs, headers).status_code == 200
    mine["annual_goal"] = "我改的年度目标"
    answer = send(client, "put", f"{API}/{pk}", mine, headers)  # still names version 1
    assert answer.status_code == 200 and answer["Jixiao-Merged"] == "true"
    saved = answer.json()
    assert (saved["project_name"], saved["annual_goal"], saved["version"]) == (
        "对方改的名称",
        "我改的年度目标",
        3,
    )


def test_a_stale_put_that_clashes_is_409_with_the_differences(client, people, imported):
    headers = bearer(people.staff, **{"Accept-Language": "en"})
    pk = first(imported).pk
    original = first(imported).project_name
    mine, theirs = read(client, headers, pk), read(client, headers, pk)
    theirs["project_name"] = "对方改的名称"
    send(client, "put", f"{API}/{pk}", theirs, headers)
    mine["project_name"] = "我改的名称"
    answer = send(client, "put", f"{API}/{pk}", mine, headers)
    assert answer.status_code == 409
    body = answer.json()
    assert body["code"] == "conflict" and body["version"] == 2
    assert "conflict with yours" in body["message"]
    clash = next(d for d in body["differences"] if d["field"] == "project_name")
    assert (clash["base"], clash["theirs"], clash["yours"], clash["clash"]) == (
        original,
        "对方改的名称",
        "我改的名称",
        True,
    )
    assert Form.objects.get(pk=pk).project_name == "对方改的名称"  # nothing saved


@pytest.mark.parametrize(
    "if_match, body_version, status, code",
    [
        (None, None, 428, "version_required"),
        ("*", None, 428, "version_required"),
        ("abc", None, 412, "bad_if_match"),
        ('W/"1"', None, 412, "bad_if_match"),
        ('"1", "2"', None, 412, "bad_if_match"),
        ('"1"', 2, 412, "version_mismatch"),
        (None, 5, 412, "no_such_version"),
        ('"5"', None, 412, "no_such_version"),
    ],
)
def test_a_put_must_name_its_version_once(
    client, people, imported, if_match, body_version, status, code
):
    headers = bearer(people.staff)
    pk = first(imported).pk
    data = {**read(client, headers, pk), "version": body_version, "project_name": "不该保存"}
    if if_match is not None:
        headers["If-Match"] = if_match
    answer = send(client, "put", f"{API}/{pk}", data, headers)
    assert (answer.status_code, answer.json()["code"]) == (status, code)
    assert Form.objects.get(pk=pk).version == 1


def test_only_who_may_edit_puts(client, people, imported):
    form = first(imported)
    data = read(client, bearer(people.admin), form.pk)
    assert send(client, "put", f"{API}/{form.pk}", data, bearer(people.reviewer)).status_code == 403
    Form.objects.filter(pk=form.pk).update(status=Status.SUBMITTED)
    assert send(client, "put", f"{API}/{form.pk}", data, bearer(people.staff)).status_code == 403
    assert Form.objects.get(pk=form.pk).version == 1


def test_staff_may_not_move_a_form_to_another_unit(client, people, imported):
    headers = bearer(people.staff)
    pk = first(imported).pk
    data = {**read(client, headers, pk), "implementing_unit": "其他实施单位"}
    answer = send(client, "put", f"{API}/{pk}", data, headers)
    assert (answer.status_code, answer.json()["code"]) == (403, "unit_refused")
    assert "其他实施单位" in answer.json()["message"]


# Creating and deleting -----------------------------------------------------------------------


def test_staff_create_a_draft_of_their_unit(client, people, imported):
    headers = bearer(people.staff)
    body = {"project_name": "新的项目", "funds": {"annual_request": "50.00", "unit": "万元"}}
    answer = send(client, "post", API, body, headers)
    assert answer.status_code == 201, answer.content
    made = Form.objects.get(pk=answer.json()["id"])
    assert (made.unit_id, made.status, made.version) == (first(imported).unit_id, "draft", 1)
    assert made.funds_written["annual_request"] == "50.00" and made.score is not None
    assert client.get(answer["Location"], headers=headers).json()["project_name"] == "新的项目"
    assert AuditEvent.objects.get(form_id=made.pk).action == "create"


def test_staff_may_not_create_for_another_unit(client, people, imported):
    count = Form.objects.count()
    body = {"project_name": "别人的项目", "implementing_unit": "其他实施单位"}
    answer = send(client, "post", API, body, bearer(people.staff))
    assert (answer.status_code, answer.json()["code"]) == (403, "unit_refused")
    assert Form.objects.count() == count


def test_a_draft_is_deleted_and_the_deletion_audited(client, people, imported):
    headers = bearer(people.staff)
    pk = first(imported).pk
    assert client.delete(f"{API}/{pk}", headers=headers).status_code == 204
    assert client.get(f"{API}/{pk}", headers=headers).status_code == 404
    event = AuditEvent.objects.filter(form_id=pk).latest("id")
    assert (event.action, event.actor_name) == ("delete", "staff1")


def test_only_a_draft_is_deleted(client, people, imported):
    pk = first(imported).pk
    Form.objects.filter(pk=pk).update(status=Status.APPROVED)
    answer = client.delete(f"{API}/{pk}", headers=bearer(people.admin))
    assert (answer.status_code, answer.json()["code"]) == (409, "not_draft")
    assert Form.objects.filter(pk=pk).exists()


# Review and history ------------------------------------------------------------------------------


def test_the_review_is_the_one_the_page_shows(client, people, imported):
    form = first(imported)
    answer = client.get(f"{API}/{form.pk}/review", headers=bearer(people.reviewer))
    assert answer.status_code == 200
    data = answer.json()
    assert data["schema"] == "jixiao/review@1" and len(data["forms"]) == 1
    review = data["forms"][0]
    assert (Decimal(str(review["score"])), review["grade"]) == (form.score, form.grade)
    stored = Finding.objects.filter(run_id=form.review_run_id, form=form)
    assert Counter(f["rule"] for f in review["findings"]) == Counter(f.rule for f in stored)
    assert set(review["criteria_scores"]) == {"完整性", "相关性", "适当性", "可行性"}


def test_the_history_lists_who_did_what_with_their_comments(client, people, imported):
    pk = first(imported).pk
    send(client, "post", f"{API}/{pk}/transitions", {"action": "submit", "comment": "请审核"},
         bearer(people.staff))  # fmt: skip
    send(client, "post", f"{API}/{pk}/transitions", {"action": "return", "comment": "补充指标"},
         bearer(people.reviewer))  # fmt: skip
    history = client.get(f"{API}/{pk}/history", headers=bearer(people.staff)).json()
    assert [(e["user"], e["action"], e["comment"], e["version"]) for e in history] == [
        ("", "import", "", 1),
        ("staff1", "submit", "请审核", 1),
        ("reviewer1", "return", "补充指标", 1),
    ]
    comments = read(client, bearer(people.staff), pk)["comments"]
    assert [(c["user"], c["action"], c["text"]) for c in comments] == [
        ("staff1", "submit", "请审核"),
        ("reviewer1", "return", "补充指标"),
    ]


# Transitions -------------------------------------------------------------------------------------


def act(client, who, pk: int, action: str, lang: str = "zh"):
    headers = bearer(who, **{"Accept-Language": lang})
    return send(client, "post", f"{API}/{pk}/transitions", {"action": action}, headers)


def test_transitions_answer_200_403_409_in_chinese_and_english(client, people, imported):
    pk = first(imported).pk
    done = act(client, people.staff, pk, "submit")
    assert (done.status_code, done.json()) == (200, {"status": "submitted", "version": 1})
    role = act(client, people.staff, pk, "approve")
    assert (role.status_code, role.json()["code"]) == (403, "forbidden")
    assert "approve" in role.json()["message"] and "角色" in role.json()["message"]
    english = act(client, people.staff, pk, "approve", "en").json()["message"]
    assert english == "Your role may not take the action “approve” on this form."
    state = act(client, people.admin, pk, "publish")  # submitted, not yet approved
    assert (state.status_code, state.json()["code"]) == (409, "wrong_state")
    assert "已提交" in state.json()["message"]
    english = act(client, people.admin, pk, "publish", "en").json()["message"]
    assert english == "The form is “Submitted”: “publish” cannot be taken now."
    assert Form.objects.get(pk=pk).status == Status.SUBMITTED


def test_an_unknown_action_is_422(client, people, imported):
    answer = act(client, people.admin, first(imported).pk, "destroy")
    assert answer.status_code == 422
    assert ["body", "payload", "action"] in [e["loc"] for e in answer.json()["errors"]]


def test_a_form_goes_through_the_whole_workflow(client, people, imported):
    pk = first(imported).pk
    steps = [
        (people.staff, "submit", "submitted"),
        (people.reviewer, "approve", "approved"),
        (people.admin, "publish", "published"),
        (people.admin, "unpublish", "approved"),
    ]
    for who, action, status in steps:
        answer = act(client, who, pk, action)
        assert (answer.status_code, answer.json()["status"]) == (200, status), action
    assert Form.objects.get(pk=pk).status == "approved"


# Read-only tokens --------------------------------------------------------------------------------


def test_a_read_only_token_is_refused_every_write(client, people, imported):
    form = first(imported)
    headers = bearer(people.admin, read_only=True)
    data = read(client, headers, form.pk)
    events, forms = AuditEvent.objects.count(), Form.objects.count()
    writes = [
        ("put", f"{API}/{form.pk}", data),
        ("post", API, {"project_name": "只读"}),
        ("delete", f"{API}/{form.pk}", None),
        ("post", f"{API}/{form.pk}/transitions", {"action": "submit"}),
    ]
    for method, url, body in writes:
        answer = send(client, method, url, body, headers)
        assert (answer.status_code, answer.json()["code"]) == (403, "read_only_token"), url
    assert (AuditEvent.objects.count(), Form.objects.count()) == (events, forms)
    assert Form.objects.get(pk=form.pk).version == 1 and form.status == "draft"
