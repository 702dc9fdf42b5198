"""Comments (审核意见): at their places on the paper layout, threads and replies, the row's key
through edits and revisions, who may comment and resolve, the notices they write, the history."""

from __future__ import annotations

import re

import pytest
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.domain.paper import form_table
from jixiao_web.comments.models import Comment, Notice
from jixiao_web.forms.models import Form, Indicator, Status
from jixiao_web.services import comments, editing, workflow
from jixiao_web.services.forms import to_core

from .conftest import put_in

pytestmark = pytest.mark.django_db


def _form(imported) -> Form:
    return Form.objects.select_related("unit").get(pk=imported.forms[0].pk)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(user, form: Form, **data):
    return _client(user).post(reverse("forms:comment", args=[form.pk]), data)


def _keys(form: Form) -> list[str]:
    return list(form.indicators.order_by("position").values_list("key", flat=True))


def _row_html(html: str, place: str) -> str:
    """The `<tr>` of the paper table that shows `place` (an indicator row)."""
    found = re.search(rf'<tr id="{place}"[^>]*>(.*?)</tr>', html, re.S)
    assert found, place
    return found.group(1)


def _cell_html(html: str, text: str) -> str:
    """The paper table's cell (`<td>`) holding `text`."""
    found = re.search(r"<td[^>]*>((?:(?!</td>).)*" + re.escape(text) + r".*?)</td>", html, re.S)
    assert found, text
    return found.group(1)


def test_a_comment_is_shown_at_its_place_whole_form_field_and_row(people, imported):
    form = _form(imported)
    key = _keys(form)[2]
    for data in (
        {"text": "整表：请核对资金来源"},
        {"text": "项目名称过长", "field": "project_name"},
        {"text": "第三行指标值不明确", "indicator_key": key},
    ):
        assert _post(people.reviewer, form, **data).status_code == 302
    page = _client(people.staff).get(reverse("forms:detail", args=[form.pk])).content.decode()
    whole = page.split('id="comments"', 1)[1].split("<table", 1)[0]
    assert "整表：请核对资金来源" in whole and "项目名称过长" not in whole
    assert "项目名称过长" in _cell_html(page, form.project_name)
    assert "第三行指标值不明确" in _row_html(page, "indicator-2")
    assert "第三行指标值不明确" not in _row_html(page, "indicator-1")
    places = comments.placed(comments.threads(form))
    assert {p: [t.root.text for t in ts] for p, ts in places.items()} == {
        "form": ["整表：请核对资金来源"],
        "project_name": ["项目名称过长"],
        "indicator-2": ["第三行指标值不明确"],
    }


def test_every_place_of_the_paper_table_takes_a_comment(people, imported):
    """The fields a comment may name are exactly the non-row places the grid draws."""
    shown = form_table(to_core(_form(imported))).places()
    assert {p for p in shown if not p.startswith("indicator-")} == set(comments.FIELDS)


def test_a_reply_joins_its_thread_and_takes_its_place(people, imported):
    form = _form(imported)
    key = _keys(form)[0]
    opened = comments.write(people.reviewer, form, "指标值请量化", indicator_key=key)
    reply = comments.write(people.staff, form, "已改为 ≥95%", parent=opened.pk)
    again = comments.write(people.reviewer, form, "好的", parent=reply.pk)  # a reply to a reply
    assert (reply.parent_id, again.parent_id) == (opened.pk, opened.pk)
    assert {c.indicator_key for c in (reply, again)} == {key}
    [thread] = comments.threads(form)
    assert [c.text for c in thread.comments] == ["指标值请量化", "已改为 ≥95%", "好的"]


def test_a_reply_to_a_comment_of_another_form_is_refused(people, imported):
    form, other = _form(imported), Form.objects.get(pk=imported.forms[1].pk)
    elsewhere = comments.write(people.reviewer, other, "另一张表的意见")
    with pytest.raises(comments.Refused) as refused:
        comments.write(people.staff, form, "回复", parent=elsewhere.pk)
    assert refused.value.where == "parent"
    assert Comment.objects.filter(form=form).count() == 0


@pytest.mark.parametrize(
    "place, where",
    [
        ({"field": "no_such_field"}, "field"),
        ({"indicator_key": "nokey"}, "indicator_key"),
        ({"field": "project_name", "indicator_key": "x"}, "field"),
    ],
)
def test_a_place_the_form_has_not_is_refused(people, imported, place, where):
    form = _form(imported)
    with pytest.raises(comments.Refused) as refused:
        comments.write(people.reviewer, form, "意见", **place)
    assert refused.value.where == where and Comment.objects.count() == 0


def test_the_row_key_keeps_the_comment_with_its_row_through_a_move_and_a_revision(people, imported):
    form = _form(imported)
    keys = _keys(form)
    name = to_core(form).indicators[0].name
    comments.write(people.reviewer, form, "首行指标", indicator_key=keys[0])
    # the first row moved to the end, saved as the editor saves
    core = to_core(form)
    moved = core.with_changes(indicators=(*core.indicators[1:], core.indicators[0]))
    editing.save(form, moved, [*keys[1:], keys[0]], form.version, people.staff)
    [thread] = comments.threads(Form.objects.get(pk=form.pk))
    last = len(keys) - 1
    assert thread.indicator == last and not thread.row_deleted
    assert to_core(Form.objects.get(pk=form.pk)).indicators[last].name == name
    # published, then revised (调整): the thread is still at that row
    put_in(form, Status.PUBLISHED)
    workflow.act(people.staff, Form.objects.get(pk=form.pk), "revise")
    revised = Form.objects.get(pk=form.pk)
    assert revised.revision == 1
    [thread] = comments.threads(revised)
    assert comments.placed([thread]) == {f"indicator-{last}": [thread]}


def test_a_comment_whose_row_was_deleted_is_shown_at_the_whole_form(people, imported):
    form = _form(imported)
    keys = _keys(form)
    comments.write(people.reviewer, form, "这一行要删掉", indicator_key=keys[1])
    core = to_core(form)
    fewer = core.with_changes(indicators=(core.indicators[0], *core.indicators[2:]))
    editing.save(form, fewer, [keys[0], *keys[2:]], form.version, people.staff)
    assert not Indicator.objects.filter(form=form, key=keys[1]).exists()
    [thread] = comments.threads(form)
    assert thread.row_deleted and comments.placed([thread]) == {"form": [thread]}
    page = _client(people.staff).get(reverse("forms:detail", args=[form.pk])).content.decode()
    whole = page.split('id="comments"', 1)[1].split("<table", 1)[0]
    assert "这一行要删掉" in whole and "（该指标行已删除）" in whole


def test_who_cannot_see_the_form_cannot_comment(people, imported):
    form = _form(imported)
    answer = _post(people.other_staff, form, text="不该写入")
    assert answer.status_code == 403
    assert not Comment.objects.exists() and not Notice.objects.exists()
    missing = _client(people.staff).post(reverse("forms:comment", args=[99999]), {"text": "x"})
    assert missing.status_code == 404


def test_text_is_kept_exactly_never_html_and_bounded(people, imported):
    form = _form(imported)
    text = "  <b>加粗</b>\n第二行  "
    _post(people.reviewer, form, text=text)
    assert Comment.objects.get().text == text
    page = _client(people.staff).get(reverse("forms:detail", args=[form.pk])).content.decode()
    assert "&lt;b&gt;加粗&lt;/b&gt;" in page and "<b>加粗</b>" not in page
    reviewer = _client(people.reviewer)
    url = reverse("forms:comment", args=[form.pk])
    too_long = reviewer.post(url, {"text": "字" * (comments.MAX_TEXT + 1)})
    assert too_long.status_code == 302 and Comment.objects.count() == 1
    shown = reviewer.get(too_long["Location"]).content.decode()
    assert "意见不能超过 2000 个字符" in shown
    _post(people.reviewer, form, text="   ")
    assert Comment.objects.count() == 1


def test_a_reviewers_comment_tells_the_unit_and_a_reply_tells_the_thread(people, imported):
    form = _form(imported)
    opened = comments.write(people.reviewer, form, "请补充依据", field="overall_goal")
    told = Notice.objects.filter(kind="comment")
    assert {n.user_id for n in told} == {people.staff.pk}
    assert told.get().link.startswith(reverse("forms:detail", args=[form.pk]))
    comments.write(people.staff, form, "已补充", parent=opened.pk)
    replies = list(Notice.objects.filter(kind="reply"))
    assert {n.user_id for n in replies} == {people.reviewer.pk}  # never the author
    comments.write(people.admin, form, "同意", parent=opened.pk)
    later = Notice.objects.filter(kind="reply").exclude(pk__in=[n.pk for n in replies])
    assert {n.user_id for n in later} == {people.reviewer.pk, people.staff.pk}


def test_a_staff_comment_tells_nobody_but_the_thread(people, imported):
    form = _form(imported)
    comments.write(people.staff, form, "说明：数据来自统计年鉴")
    assert not Notice.objects.exists()


def test_a_thread_is_resolved_by_its_author_or_the_unit_only(people, imported):
    form = _form(imported)
    opened = comments.write(people.reviewer, form, "请核对")
    url = reverse("forms:comment_resolve", args=[form.pk, opened.pk])
    assert _client(people.admin).post(url, {"resolved": "1"}).status_code == 403
    assert _client(people.other_staff).post(url, {"resolved": "1"}).status_code == 403
    assert not Comment.objects.get(pk=opened.pk).resolved
    assert _client(people.staff).post(url, {"resolved": "1"}).status_code == 302
    assert Comment.objects.get(pk=opened.pk).resolved
    assert _client(people.reviewer).post(url, {"resolved": "0"}).status_code == 302
    assert not Comment.objects.get(pk=opened.pk).resolved


def test_the_history_interleaves_comments_with_events_by_time(people, imported):
    form = _form(imported)
    comments.write(people.reviewer, form, "先说一句")
    renamed = to_core(form).with_changes(project_name="改过的名称")
    editing.save(form, renamed, _keys(form), form.version, people.staff)
    comments.write(people.staff, form, "再补一句")
    entries = comments.history(form)
    assert [(e.user, e.action, e.comment) for e in entries][1:] == [
        ("reviewer1", "comment", "先说一句"),
        ("staff1", entries[2].action, ""),
        ("staff1", "comment", "再补一句"),
    ]
    assert entries[0].action == "import" and entries[2].action not in ("comment", "reply")
    page = _client(people.staff).get(reverse("forms:detail", args=[form.pk])).content.decode()
    record = page.split("记录", 1)[1]
    assert record.index("再补一句") < record.index("先说一句")  # the page: newest first


def test_an_actions_comment_is_in_the_history_once_with_its_action(people, imported):
    form = _form(imported)
    put_in(form, Status.SUBMITTED)
    workflow.act(people.reviewer, Form.objects.get(pk=form.pk), "approve", "同意上报")
    said = [(e.action, e.comment) for e in comments.history(form) if e.comment]
    assert said == [("approve", "同意上报")]
    [thread] = comments.threads(form)  # and it is a thread of the form, to reply to
    assert (thread.root.kind, thread.root.text) == ("action", "同意上报")


def test_the_public_page_shows_no_comments_and_no_comment_form(people, imported):
    form = _form(imported)
    comments.write(people.reviewer, form, "内部意见，不公开", field="project_name")
    put_in(form, Status.PUBLISHED)
    page = Client().get(reverse("portal:form", args=[form.pk])).content.decode()
    assert "内部意见" not in page and "comment-add" not in page
    assert form.project_name in page


# any text a person may write: not blank, at most MAX_TEXT, no NUL or lone surrogate (what no
# database stores; the API refuses them with 422)
TEXTS = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
    min_size=1,
    max_size=comments.MAX_TEXT,
).filter(lambda t: t.strip())


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=TEXTS)
def test_any_text_is_kept_exactly_as_written(people, imported, text):
    with transaction.atomic():
        made = comments.write(people.reviewer, _form(imported), text)
        assert Comment.objects.get(pk=made.pk).text == text
        transaction.set_rollback(True)


def test_the_form_under_each_cell_posts_that_cells_place(people, imported):
    form = _form(imported)
    keys = _keys(form)
    page = _client(people.reviewer).get(reverse("forms:detail", args=[form.pk])).content.decode()
    for n, key in enumerate(keys):
        row = _row_html(page, f"indicator-{n}")
        assert re.findall(r'name="indicator_key" value="([^"]+)"', row) == [key]
    name_cell = _cell_html(page, form.project_name)
    assert 'name="field" value="project_name"' in name_cell
    whole = page.split('id="comments"', 1)[1].split("<table", 1)[0]
    assert 'name="field"' not in whole and 'name="indicator_key"' not in whole
