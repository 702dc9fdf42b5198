"""/api/v1/forms/{id}/comments: the threads of 审核意见 read and written through the service the
form page uses; the form's representation and its history carry them (docs/api.md, comments)."""

from __future__ import annotations

import pytest

from jixiao_web.comments.models import Comment, Notice

from .api_calls import API, bearer, first, read, send

pytestmark = pytest.mark.django_db


def post(client, who, pk: int, body: dict, **headers):
    return send(client, "post", f"{API}/{pk}/comments", body, bearer(who, **headers))


def test_comments_at_each_place_and_a_reply_read_back_thread_by_thread(client, people, imported):
    form = first(imported)
    keys = read(client, bearer(people.staff), form.pk)["indicator_keys"]
    whole = post(client, people.reviewer, form.pk, {"text": "整表意见"})
    assert whole.status_code == 201
    on_field = post(client, people.reviewer, form.pk, {"text": "名称", "field": "project_name"})
    on_row = post(client, people.admin, form.pk, {"text": "第二行", "indicator_key": keys[1]})
    reply = post(client, people.staff, form.pk, {"text": "已改", "parent": on_row.json()["id"]})
    assert [a.status_code for a in (on_field, on_row, reply)] == [201, 201, 201]
    body = reply.json()
    assert (body["parent"], body["kind"], body["indicator_key"], body["indicator"]) == (
        on_row.json()["id"],
        "reply",
        keys[1],
        1,
    )
    listed = client.get(f"{API}/{form.pk}/comments", headers=bearer(people.staff)).json()
    assert [(c["user"], c["kind"], c["text"], c["field"], c["indicator"]) for c in listed] == [
        ("reviewer1", "comment", "整表意见", None, None),
        ("reviewer1", "comment", "名称", "project_name", None),
        ("admin1", "comment", "第二行", None, 1),
        ("staff1", "reply", "已改", None, 1),
    ]
    assert read(client, bearer(people.staff), form.pk)["comments"] == listed


def test_the_history_interleaves_the_comments(client, people, imported):
    form = first(imported)
    post(client, people.reviewer, form.pk, {"text": "请补充"})
    history = client.get(f"{API}/{form.pk}/history", headers=bearer(people.staff)).json()
    assert [(e["user"], e["action"], e["comment"]) for e in history] == [
        ("", "import", ""),
        ("reviewer1", "comment", "请补充"),
    ]


def test_a_form_the_caller_may_not_see_is_404_and_nothing_is_written(client, people, imported):
    form = first(imported)
    assert post(client, people.other_staff, form.pk, {"text": "看不到"}).status_code == 404
    missing = client.get(f"{API}/{form.pk}/comments", headers=bearer(people.other_staff))
    assert missing.status_code == 404
    assert post(client, people.staff, form.pk, {"text": "只读"}, read_only=True).status_code == 403
    assert not Comment.objects.exists() and not Notice.objects.exists()


@pytest.mark.parametrize(
    "body, status, where",
    [
        ({"text": "字" * 2001}, 422, "text"),
        ({"text": ""}, 422, "text"),
        ({"text": "  \n"}, 422, "text"),
        ({"text": "x", "field": "nonsense"}, 422, "field"),
        ({"text": "x", "field": "project_name", "indicator_key": "abc"}, 422, "field"),
        ({"text": "x", "indicator_key": "abc"}, 409, None),
        ({"text": "x", "parent": 99999}, 409, None),
        ({"text": "a\x00b"}, 422, "text"),
    ],
)
def test_bad_comments_are_refused_saying_where(client, people, imported, body, status, where):
    answer = post(client, people.reviewer, first(imported).pk, body)
    assert answer.status_code == status
    refused = answer.json()
    if where:
        assert refused["errors"][0]["loc"] == ["body", "payload", where]
    else:
        assert refused["code"] in ("no_such_row", "no_such_comment")
    assert not Comment.objects.exists()


def test_text_is_kept_exactly(client, people, imported):
    text = " <script>x</script>\n\t第二行 "
    made = post(client, people.reviewer, first(imported).pk, {"text": text}).json()
    assert made["text"] == text == Comment.objects.get().text


def test_a_reply_to_a_reply_joins_the_thread(client, people, imported):
    form = first(imported)
    opened = post(client, people.reviewer, form.pk, {"text": "一"}).json()
    reply = post(client, people.staff, form.pk, {"text": "二", "parent": opened["id"]}).json()
    again = post(client, people.reviewer, form.pk, {"text": "三", "parent": reply["id"]}).json()
    assert again["parent"] == opened["id"]
    assert {n.user_id for n in Notice.objects.filter(kind="reply")} == {
        people.reviewer.pk,
        people.staff.pk,
    }
