"""The forms API on the imported seed: the list as the list page has it, a form as jixiao/forms@1,
drafts created and deleted, review, history, the workflow's actions. Saves are in
tests/web/test_api_saves.py, the permission matrix in tests/web/test_api_matrix.py."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from tests.web.api_calls import API, bearer, first, read, send

from jixiao.interchange import form_to_json
from jixiao_web.forms.models import AuditEvent, Form, Status
from jixiao_web.reviews.models import Finding
from jixiao_web.services.forms import to_core

pytestmark = pytest.mark.django_db


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
    assert [(c["user"], c["kind"], c["text"]) for c in comments] == [
        ("staff1", "explanation", "请审核"),
        ("reviewer1", "return", "补充指标"),
    ]


# Transitions -------------------------------------------------------------------------------------


def act(client, who, pk: int, action: str, lang: str = "zh", comment: str = ""):
    headers = bearer(who, **{"Accept-Language": lang})
    body = {"action": action, "comment": comment}
    return send(client, "post", f"{API}/{pk}/transitions", body, headers)


def test_transitions_answer_200_403_409_in_chinese_and_english(client, people, imported):
    pk = first(imported).pk
    held = act(client, people.staff, pk, "submit")  # the seed's form 1 has warnings
    assert (held.status_code, held.json()["code"]) == (409, "needs_explanation")
    assert held.json()["findings"] and Form.objects.get(pk=pk).status == Status.DRAFT
    done = act(client, people.staff, pk, "submit", comment="指标已按要求核对")
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
        (people.reviewer, "approve", "dept_approved"),
        (people.admin, "approve", "approved"),
        (people.admin, "publish", "published"),
        (people.staff, "revise", "draft"),
    ]
    for who, action, status in steps:
        answer = act(client, who, pk, action, comment="说明")
        assert (answer.status_code, answer.json()["status"]) == (200, status), action
    form = Form.objects.get(pk=pk)
    assert (form.status, form.revision, form.publications.count()) == ("draft", 1, 1)


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
