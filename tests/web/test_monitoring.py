"""Monitoring in the app (docs/evaluation.md, "Monitoring in the app"): who may open, enter,
hand in, return and see; hand-in refused while a red row lacks its reason; lights equal to the
core's; refused requests change nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from tests.web.htmlform import fields
from tests.web.monitoring_setup import approve, core_light, entry_url, open_round, post_data

# The second seed form's first row is 工作计划完成率 =100%: 1 (%) of it is red.
RED_ROW = {0: {"current": "1", "expected": "100%", "likelihood": "有可能"}}
REASONED = {0: {**RED_ROW[0], "reason": "经费", "measure": "加快资金拨付"}}


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def events(action: str) -> int:
    from jixiao_web.forms.models import AuditEvent

    return AuditEvent.objects.filter(action=action).count()


# Rounds ---------------------------------------------------------------------------------------


def test_finance_opens_a_round_the_units_hear_of_it_and_it_is_audited(people, imported):
    from jixiao_web.comments.models import Notice
    from jixiao_web.monitoring.models import Round

    approve(imported)
    answer = client_of(people.admin).post(
        reverse("monitoring:new"), {"budget_year": "2021", "month": "7"}
    )
    made = Round.objects.get()
    assert answer.status_code == 302 and answer["Location"] == reverse(
        "monitoring:round", args=[made.pk]
    )
    assert (made.budget_year_id, made.month, made.state) == (2021, 7, "open")
    assert events("monitoring_open") == 1
    told = Notice.objects.filter(kind="monitoring")
    assert [n.user for n in told] == [people.staff]  # the staff of the units with forms in it
    assert told[0].link == reverse("monitoring:round", args=[made.pk])


@pytest.mark.parametrize("who", ["staff", "reviewer", "expert", "nobody"])
def test_only_finance_opens_or_closes_a_round(people, imported, who):
    from jixiao_web.monitoring.models import Round

    approve(imported)
    client = client_of(getattr(people, who))
    answer = client.post(reverse("monitoring:new"), {"budget_year": "2021", "month": "7"})
    assert answer.status_code == 403 and not Round.objects.exists()
    made = open_round(people)
    assert client.post(reverse("monitoring:close", args=[made.pk])).status_code == 403
    assert Round.objects.get().state == "open" and events("monitoring_close") == 0


def test_one_open_round_per_year_and_month_and_the_month_is_1_to_12(people, imported):
    from jixiao_web.monitoring.models import Round

    approve(imported)
    admin = client_of(people.admin)
    admin.post(reverse("monitoring:new"), {"budget_year": "2021", "month": "7"})
    again = admin.post(reverse("monitoring:new"), {"budget_year": "2021", "month": "7"})
    assert (
        again.status_code == 422
        and "2021 年截至 7 月的监控批次已在填报中" in again.content.decode()
    )
    bad = admin.post(reverse("monitoring:new"), {"budget_year": "2021", "month": "13"})
    assert bad.status_code == 422 and Round.objects.count() == 1
    assert (
        admin.post(reverse("monitoring:new"), {"budget_year": "2021", "month": "9"}).status_code
        == 302
    )
    first = Round.objects.get(month=7)
    assert admin.post(reverse("monitoring:close", args=[first.pk])).status_code == 302
    assert (
        admin.post(reverse("monitoring:new"), {"budget_year": "2021", "month": "7"}).status_code
        == 302
    )
    assert Round.objects.count() == 3 and events("monitoring_close") == 1


def test_a_round_covers_the_years_approved_and_published_forms_only(people, imported):
    approve(imported, 3)
    made = open_round(people)
    page = client_of(people.admin).get(reverse("monitoring:round", args=[made.pk])).content.decode()
    shown = {int(pk) for pk in __import__("re").findall(r'data-form="(\d+)"', page)}
    assert shown == {f.pk for f in imported.forms[:3]}


# Who sees and enters -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "sees", "enters"),
    [
        ("staff", 200, True),
        ("reviewer", 200, False),
        ("admin", 200, False),
        ("other_staff", 404, False),
        ("other_reviewer", 404, False),
        ("expert", 403, False),
        ("nobody", 403, False),
    ],
)
def test_who_sees_and_who_enters_an_entry(people, imported, who, sees, enters):
    from jixiao_web.monitoring.models import Entry

    form = approve(imported)[1]
    made = open_round(people)
    client = client_of(getattr(people, who))
    page = client.get(entry_url(made, form))
    assert page.status_code == sees
    if sees == 200:
        assert ('name="hand_in"' in page.content.decode()) is enters
    refused = sees if sees != 200 else 403
    saved = client.post(entry_url(made, form), post_data(REASONED, spent="100000"))
    assert saved.status_code == (302 if enters else refused)
    assert Entry.objects.exists() is enters
    handed = client.post(entry_url(made, form), post_data(REASONED, version="1", hand_in="1"))
    assert handed.status_code == (302 if enters else refused)
    assert Entry.objects.filter(state="handed_in").exists() is enters


def test_the_round_page_lists_only_the_forms_the_user_sees(people, imported):
    forms = approve(imported)
    made = open_round(people)
    for who, count in (("staff", len(forms)), ("other_staff", 0), ("reviewer", len(forms))):
        page = client_of(getattr(people, who)).get(reverse("monitoring:round", args=[made.pk]))
        assert page.content.decode().count("data-form=") == count


# Saving and handing in ------------------------------------------------------------------------


def test_a_draft_keeps_what_was_typed_and_the_page_shows_the_cores_lights(people, imported):
    from jixiao_web.monitoring.models import Entry

    form = approve(imported)[1]
    made = open_round(people)
    staff = client_of(people.staff)
    answer = staff.post(entry_url(made, form), post_data(RED_ROW, spent="１２,０００"))
    assert answer.status_code == 302
    entry = Entry.objects.get()
    assert (entry.spent_text, entry.version, entry.state) == ("１２,０００", 1, "draft")
    assert entry.spent == Decimal(12000)
    assert entry.rows[0]["current"] == "1" and entry.rows[0]["reason"] == ""
    expected = core_light(form, 7, "12000", RED_ROW)
    assert entry.light == expected.light.value == "red"
    page = staff.get(entry_url(made, form)).content.decode()
    typed = dict(fields(page))
    assert (
        typed["row-0-current"] == "1"
        and typed["spent"] == "１２,０００"
        and typed["version"] == "1"
    )
    for problem in expected.rows[0].problems:
        assert problem.zh in page
    assert events("monitoring_save") == 1


def test_hand_in_is_refused_while_a_red_row_lacks_a_reason_and_accepted_once_given(
    people, imported
):
    from jixiao_web.monitoring.models import Entry

    form = approve(imported)[1]
    made = open_round(people)
    staff = client_of(people.staff)
    refused = staff.post(entry_url(made, form), post_data(RED_ROW, spent="1000", hand_in="1"))
    assert refused.status_code == 422
    page = refused.content.decode()
    row = page.split('id="row-0"')[1].split("</tr>")[0]
    assert "须选择偏差原因" in row and "须填写改进措施" in row  # listed at its row
    assert dict(fields(page))["row-0-current"] == "1"  # what was typed is still there
    assert not Entry.objects.exists() and events("monitoring_hand_in") == 0  # nothing stored
    accepted = staff.post(entry_url(made, form), post_data(REASONED, spent="1000", hand_in="1"))
    assert accepted.status_code == 302
    entry = Entry.objects.get()
    assert (
        entry.state == "handed_in"
        and entry.handed_in_at
        and entry.rows[0]["measure"] == "加快资金拨付"
    )
    assert events("monitoring_hand_in") == 1


def test_a_handed_in_entry_is_read_only_for_the_unit(people, imported):
    from jixiao_web.monitoring.models import Entry

    form = approve(imported)[1]
    made = open_round(people)
    staff = client_of(people.staff)
    staff.post(entry_url(made, form), post_data(REASONED, spent="1000", hand_in="1"))
    before = Entry.objects.values().get()
    again = staff.post(entry_url(made, form), post_data({0: {"current": "29"}}, version="1"))
    assert again.status_code == 302 and Entry.objects.values().get() == before
    page = staff.get(entry_url(made, form)).content.decode()
    assert 'name="hand_in"' not in page and "已提交，只读" in page


def test_bad_input_is_refused_with_its_field_and_changes_nothing(people, imported):
    from jixiao_web.monitoring.models import Entry

    form = approve(imported)[1]
    made = open_round(people)
    staff = client_of(people.staff)
    staff.post(entry_url(made, form), post_data(RED_ROW, spent="1000"))
    before = Entry.objects.values().get()
    for data in (
        post_data(RED_ROW, spent="一千元", version="1"),
        post_data(RED_ROW, spent="1e30", version="1"),
        post_data({0: {"likelihood": "大概吧"}}, version="1"),
        post_data({0: {"reason": "天气"}}, version="1"),
    ):
        answer = staff.post(entry_url(made, form), data)
        assert answer.status_code == 422, data
        assert "未保存" in answer.content.decode()
        assert Entry.objects.values().get() == before
    assert (
        "“执行数（截至当月）”不是金额：一千元"
        in staff.post(
            entry_url(made, form), post_data({}, spent="一千元", version="1")
        ).content.decode()
    )
    assert events("monitoring_save") == 1


def test_amounts_in_wan_yuan_are_read_as_the_editor_reads_them(people, imported):
    from jixiao_web.monitoring.models import Entry

    form = approve(imported)[1]
    made = open_round(people)
    client_of(people.staff).post(
        entry_url(made, form), post_data({}, spent="2.5万", expected="5万元")
    )
    entry = Entry.objects.get()
    assert (entry.spent, entry.expected_spent) == (Decimal(25000), Decimal(50000))


def test_a_second_save_from_the_same_version_is_refused_and_keeps_both(people, imported):
    from jixiao_web.monitoring.models import Entry

    form = approve(imported)[1]
    made = open_round(people)
    staff, colleague = client_of(people.staff), client_of(people.staff)
    assert staff.post(entry_url(made, form), post_data(REASONED, spent="1000")).status_code == 302
    late = colleague.post(entry_url(made, form), post_data({0: {"current": "25"}}, spent="2000"))
    assert late.status_code == 409
    assert dict(fields(late.content.decode()))["row-0-current"] == "25"  # theirs, still typed
    assert dict(fields(late.content.decode()))["version"] == "1"  # to save over the first
    entry = Entry.objects.get()
    assert entry.spent_text == "1000" and entry.rows[0]["current"] == "1"  # the first is kept
    again = colleague.post(
        entry_url(made, form), post_data({0: {"current": "25"}}, spent="2000", version="1")
    )
    assert again.status_code == 302 and Entry.objects.get().rows[0]["current"] == "25"


def test_a_first_save_naming_a_version_never_stored_is_refused_and_stores_nothing(people, imported):
    from jixiao_web.monitoring.models import Entry

    form = approve(imported)[1]
    made = open_round(people)
    answer = client_of(people.staff).post(entry_url(made, form), post_data(RED_ROW, version="5"))
    assert answer.status_code == 409 and dict(fields(answer.content.decode()))["version"] == "0"
    assert not Entry.objects.exists()


def test_a_closed_round_takes_no_entries(people, imported):
    from jixiao_web.monitoring.models import Entry

    form = approve(imported)[1]
    made = open_round(people)
    client_of(people.admin).post(reverse("monitoring:close", args=[made.pk]))
    answer = client_of(people.staff).post(entry_url(made, form), post_data(RED_ROW))
    assert answer.status_code == 302 and not Entry.objects.exists()


# Returning -----------------------------------------------------------------------------------


def test_finance_returns_a_handed_in_entry_with_a_comment_the_unit_hears_of_it(people, imported):
    from jixiao_web.comments.models import Notice
    from jixiao_web.monitoring.models import Entry

    form = approve(imported)[1]
    made = open_round(people)
    client_of(people.staff).post(
        entry_url(made, form), post_data(REASONED, spent="1000", hand_in="1")
    )
    url = entry_url(made, form, "monitoring:return")
    for who, refused in (
        ("staff", 403),
        ("reviewer", 403),
        ("expert", 403),
        ("nobody", 403),
        ("other_staff", 404),
    ):
        assert client_of(getattr(people, who)).post(url, {"comment": "重填"}).status_code == refused
    admin = client_of(people.admin)
    admin.post(url, {"comment": "   "})  # refused: a return says why
    assert Entry.objects.get().state == "handed_in" and events("monitoring_return") == 0
    assert admin.post(url, {"comment": "执行数与国库数据不符"}).status_code == 302
    entry = Entry.objects.get()
    assert (entry.state, entry.returned, entry.return_comment) == (
        "draft",
        True,
        "执行数与国库数据不符",
    )
    assert events("monitoring_return") == 1
    assert Notice.objects.filter(kind="monitoring", user=people.staff, form=form).exists()
    page = client_of(people.staff).get(entry_url(made, form)).content.decode()
    assert "执行数与国库数据不符" in page and 'name="hand_in"' in page  # editable again
