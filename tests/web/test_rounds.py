"""Expert rounds (services.rounds, services.sheets and their pages): adding forms, assigning
experts, score sheets, the rules of passage that follow, results and their xlsx export."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from tests.web.rounds_setup import setup_round

from jixiao_web.experts.models import Assignment, RoundForm
from jixiao_web.forms.models import AuditEvent, Form, Status
from jixiao_web.services import rounds, sheets, workflow

pytestmark = pytest.mark.django_db

FULL = {
    "score_completeness": "22",
    "score_relevance": "20",
    "score_appropriateness": "18.5",
    "score_feasibility": "21",
}


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_adding_forms_moves_them_to_expert_review_and_a_refused_one_changes_nothing(
    people, imported
):
    s = setup_round(people, imported)
    draft = Form.objects.exclude(pk__in=[f.pk for f in s.forms]).first()
    events = AuditEvent.objects.count()
    outcome = rounds.add_forms(people.admin, s.round, [*s.forms[:2], draft])
    assert [r.added for r in outcome] == [True, True, False]
    assert "主管部门已审核" in outcome[2].reason and "草稿" in outcome[2].reason
    statuses = dict(Form.objects.values_list("pk", "status"))
    assert statuses[s.forms[0].pk] == statuses[s.forms[1].pk] == Status.EXPERT_REVIEW
    assert statuses[draft.pk] == Status.DRAFT
    assert set(RoundForm.objects.values_list("form", flat=True)) == {s.forms[0].pk, s.forms[1].pk}
    assert AuditEvent.objects.count() == events + 2
    assert set(AuditEvent.objects.order_by("-id")[:2].values_list("action", flat=True)) == {
        "expert_review"
    }
    again = rounds.add_forms(people.admin, s.round, [Form.objects.get(pk=s.forms[0].pk)])
    assert not again[0].added and RoundForm.objects.count() == 2


def test_only_the_administrator_adds_forms(people, imported):
    s = setup_round(people, imported)
    with pytest.raises(workflow.NotPermitted):
        rounds.add_forms(people.reviewer, s.round, s.forms)
    answer = client_of(people.reviewer).post(
        reverse("experts:add", args=[s.round.pk]), {"form": [s.forms[0].pk]}
    )
    assert answer.status_code == 403
    assert (
        not RoundForm.objects.exists()
        and Form.objects.get(pk=s.forms[0].pk).status == Status.DEPT_APPROVED
    )


def test_the_round_page_adds_forms_and_tells_what_became_of_each(people, imported, admin):
    s = setup_round(people, imported)
    page = admin.get(reverse("experts:round", args=[s.round.pk])).content.decode()
    assert all(f'value="{f.pk}"' in page for f in s.forms)
    answer = admin.post(reverse("experts:add", args=[s.round.pk]), {"form": [s.forms[0].pk, "x"]})
    assert answer.status_code == 400  # a form id that is no number: the 400 page, nothing added
    assert not RoundForm.objects.exists()
    answer = admin.post(
        reverse("experts:add", args=[s.round.pk]), {"form": [s.forms[0].pk]}, follow=True
    )
    assert "已加入" in answer.content.decode()
    assert Form.objects.get(pk=s.forms[0].pk).status == Status.EXPERT_REVIEW


def test_automatic_assignment_never_picks_an_expert_of_the_forms_unit_and_tells_each_expert(
    people, imported, admin
):
    from jixiao_web.comments.models import Notice

    s = setup_round(people, imported)
    rounds.add_forms(people.admin, s.round, s.forms)
    admin.post(reverse("experts:assign", args=[s.round.pk]))
    made = Assignment.objects.filter(round=s.round)
    assert made.count() == 2 * len(s.forms)
    assert not made.filter(expert=s.own_expert).exists()
    assert set(made.values_list("expert", flat=True)) == {e.pk for e in s.experts}
    assert Notice.objects.filter(user=people.expert, kind="assignment").count() == len(s.forms)


def test_an_expert_of_the_forms_unit_is_refused_by_hand_with_a_message(people, imported, admin):
    s = setup_round(people, imported)
    rounds.add_forms(people.admin, s.round, s.forms[:1])
    answer = admin.post(
        reverse("experts:hand", args=[s.round.pk]),
        {"form": s.forms[0].pk, "expert": s.own_expert.pk},
        follow=True,
    )
    assert "须回避" in answer.content.decode() and "expert_own" in answer.content.decode()
    assert not Assignment.objects.exists()
    admin.post(
        reverse("experts:hand", args=[s.round.pk]),
        {"form": s.forms[0].pk, "expert": people.expert.pk},
    )
    assert Assignment.objects.get().automatic is False


def _assigned(people, imported, lead=None):
    s = setup_round(people, imported, lead=lead)
    rounds.add_forms(people.admin, s.round, s.forms[:2])
    rounds.assign_automatically(people.admin, s.round)
    return s


def test_an_expert_sees_only_the_forms_assigned_to_them(people, imported):
    s = _assigned(people, imported)
    mine = set(Assignment.objects.filter(expert=people.expert).values_list("form", flat=True))
    expert = client_of(people.expert)
    listed = expert.get(reverse("forms:list")).context["page"].object_list
    assert {row["pk"] if isinstance(row, dict) else row.pk for row in listed} == mine
    assert expert.get(reverse("forms:detail", args=[s.forms[0].pk])).status_code == 200
    assert expert.get(reverse("forms:detail", args=[s.forms[2].pk])).status_code == 403
    tasks = expert.get(reverse("experts:index")).content.decode()
    assert s.forms[0].project_name in tasks and s.forms[2].project_name not in tasks


def test_a_sheet_is_its_experts_alone_and_round_pages_the_administrators(people, imported):
    s = _assigned(people, imported)
    theirs = Assignment.objects.filter(expert=s.experts[1]).first()
    expert = client_of(people.expert)
    assert expert.get(reverse("experts:sheet", args=[theirs.pk])).status_code == 404
    for who in (people.expert, people.staff, people.reviewer):
        assert client_of(who).get(reverse("experts:round", args=[s.round.pk])).status_code == 403
        assert (
            client_of(who).get(reverse("experts:results_xlsx", args=[s.round.pk])).status_code
            == 403
        )
        assert client_of(who).get(reverse("experts:pool")).status_code == 403
    for who in (people.staff, people.reviewer, people.nobody):
        assert client_of(who).get(reverse("experts:index")).status_code == 403
    assert (
        client_of(people.staff).get(reverse("experts:sheet", args=[theirs.pk])).status_code == 403
    )
    assert Client().get(reverse("experts:index")).status_code == 302  # to the login page


@pytest.mark.parametrize(
    ("score", "says"),
    [("26", "应在 0 到 25 之间"), ("-1", "应在 0 到 25 之间"), ("很好", "不是数字")],
)
def test_a_bad_score_is_refused_with_a_message_and_nothing_is_saved(people, imported, score, says):
    _assigned(people, imported)
    mine = Assignment.objects.filter(expert=people.expert).first()
    expert = client_of(people.expert)
    expert.post(reverse("experts:sheet", args=[mine.pk]), {"score_completeness": "10", "save": ""})
    answer = expert.post(
        reverse("experts:sheet", args=[mine.pk]), {**FULL, "score_relevance": score, "hand_in": ""}
    )
    assert answer.status_code == 422
    page = answer.content.decode()
    assert "相关性的评分" in page and says in page
    mine.refresh_from_db()
    assert mine.scores["completeness"] == "10.00" and mine.scores["relevance"] is None
    assert mine.submitted_at is None and mine.total is None


def test_handing_in_freezes_the_sheet(people, imported):
    _assigned(people, imported)
    mine = Assignment.objects.filter(expert=people.expert).first()
    expert = client_of(people.expert)
    url = reverse("experts:sheet", args=[mine.pk])
    answer = expert.post(url, {"score_completeness": "20", "hand_in": ""})
    assert answer.status_code == 422 and "每项准则" in answer.content.decode()
    expert.post(url, {**FULL, "comment_relevance": "=指标未量化", "hand_in": ""})
    mine.refresh_from_db()
    assert mine.total == Decimal("81.50") and mine.submitted_at is not None
    answer = expert.post(url, {**FULL, "score_completeness": "1", "save": ""}, follow=True)
    assert "不能再修改" in answer.content.decode()
    mine.refresh_from_db()
    assert mine.scores["completeness"] == "22.00" and mine.total == Decimal("81.50")
    assert (
        'name="score_completeness" value="22.00" inputmode="decimal" size="6" aria-label="完整性" disabled'
        in answer.content.decode()
    )


def _hand_in(expert, assignment, **scores):
    client_of(expert).post(
        reverse("experts:sheet", args=[assignment.pk]), {**FULL, **scores, "hand_in": ""}
    )


def test_finance_approves_once_the_last_sheet_is_in(people, imported):
    from jixiao_web.accounts import permissions as perm

    s = _assigned(people, imported)
    form = Form.objects.get(pk=s.forms[0].pk)
    first, second = Assignment.objects.filter(form=form).order_by("pk")
    _hand_in(first.expert, first)
    assert not perm.round_done(form)
    with pytest.raises(workflow.Blocked) as held:
        workflow.act(people.admin, form, "approve")
    assert held.value.code == "round_under_way"
    _hand_in(second.expert, second)
    assert perm.round_done(form)
    assert (
        workflow.act(people.admin, Form.objects.get(pk=form.pk), "approve").status
        == Status.APPROVED
    )


def test_the_lead_returns_a_form_of_the_round_and_another_expert_may_not(people, imported):
    s = _assigned(people, imported, lead=people.expert)
    form = Form.objects.get(pk=s.forms[1].pk)
    with pytest.raises(workflow.NotPermitted):
        workflow.act(s.experts[1], form, "return", "目标不明确")
    assert workflow.act(people.expert, form, "return", "目标不明确").status == Status.DRAFT


def test_results_show_the_mean_the_spread_and_who_disagrees(people, imported, admin):
    s = setup_round(people, imported)
    s.round.margin = Decimal("5")
    s.round.save()
    rounds.add_forms(people.admin, s.round, s.forms[:1])
    rounds.assign_automatically(people.admin, s.round)
    low, high = Assignment.objects.order_by("expert__username")
    _hand_in(low.expert, low, score_feasibility="5")  # 65.5
    _hand_in(high.expert, high)  # 81.5
    [result] = sheets.results(s.round)
    assert (result.stats.mean, result.stats.spread, result.stats.deviation) == (
        Decimal("73.50"),
        Decimal("16.00"),
        Decimal("8.00"),
    )
    page = admin.get(reverse("experts:results", args=[s.round.pk])).content.decode()
    assert "73.50" in page and page.count('class="disagrees"') == 2


def test_the_results_export_reads_back_with_numbers_and_text_as_written(people, imported, admin):
    s = _assigned(people, imported)
    first = Assignment.objects.filter(expert=people.expert).order_by("pk").first()
    _hand_in(people.expert, first, comment_relevance='=HYPERLINK("http://x","y")')
    answer = admin.get(reverse("experts:results_xlsx", args=[s.round.pk]))
    assert answer.status_code == 200
    sheet = load_workbook(BytesIO(answer.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    header, body = rows[0], rows[1:]
    assert len(body) == Assignment.objects.filter(round=s.round).count() == 4
    done = next(
        r
        for r in body
        if r[header.index("专家")] == "expert1" and r[header.index("状态")] == "已提交"
    )
    assert done[header.index("完整性（25）")] == 22 and done[header.index("总分")] == 81.5
    assert done[header.index("相关性 · 意见")] == '=HYPERLINK("http://x","y")'
    cells = {c.value: c.data_type for c in next(sheet.iter_rows(min_row=2 + body.index(done)))}
    assert cells['=HYPERLINK("http://x","y")'] == "s"  # text, never a formula


def test_the_year_setting_is_the_administrators(people, imported, admin):
    from jixiao_web.units.models import BudgetYear

    year = BudgetYear.objects.get()
    url = reverse("experts:year", args=[year.year])
    assert client_of(people.reviewer).post(url, {"expert_review": "on"}).status_code == 403
    assert BudgetYear.objects.get().expert_review is False
    admin.post(url, {"expert_review": "on"})
    assert BudgetYear.objects.get().expert_review is True
    admin.post(url, {})
    assert BudgetYear.objects.get().expert_review is False


def test_the_pool_gives_an_expert_a_profile_on_first_edit(people, imported, admin):
    from jixiao_web.experts.models import ExpertProfile

    url = reverse("experts:pool_edit", args=[people.expert.pk])
    assert "expert1" in admin.get(reverse("experts:pool")).content.decode()
    admin.post(url, {"fields_text": "教育、 财务,教育", "active": "on", "note": "高级会计师"})
    profile = ExpertProfile.objects.get(user=people.expert)
    assert (profile.fields, profile.active, profile.note) == (["教育", "财务"], True, "高级会计师")
    answer = admin.post(url, {"fields_text": "、".join(f"领域{i}" for i in range(21))})
    assert answer.status_code == 422 and "最多 20 项" in answer.content.decode()
    assert ExpertProfile.objects.get(user=people.expert).fields == ["教育", "财务"]
    assert admin.post(reverse("experts:pool_edit", args=[people.staff.pk]), {}).status_code == 404


def test_a_round_with_a_bad_margin_is_not_opened(people, imported, admin):
    from jixiao_web.experts.models import Round
    from jixiao_web.units.models import BudgetYear

    year = BudgetYear.objects.get().year
    data = {"name": "第一批", "budget_year": year, "experts_per_form": "2", "margin": "abc"}
    answer = admin.post(reverse("experts:new"), data)
    assert answer.status_code == 422 and not Round.objects.exists()
    answer = admin.post(reverse("experts:new"), {**data, "margin": "8", "lead": people.expert.pk})
    made = Round.objects.get()
    assert answer.status_code == 302 and made.margin == Decimal("8") and made.lead == people.expert


def test_the_sheet_and_the_results_in_english(people, imported, admin):
    s = _assigned(people, imported)
    mine = Assignment.objects.filter(expert=people.expert).first()
    expert = client_of(people.expert)
    expert.cookies["django_language"] = "en"
    page = expert.get(reverse("experts:sheet", args=[mine.pk])).content.decode()
    assert "Completeness" in page and "Hand in the sheet" in page and "提交评分表" not in page
    assert "quantified" in page  # the criterion's description, in English
    refused = expert.post(reverse("experts:sheet", args=[mine.pk]), {"score_relevance": "30"})
    assert (
        refused.status_code == 422
        and "the score of Relevance: must be from 0 to 25" in refused.content.decode()
    )
    admin.cookies["django_language"] = "en"
    sheet = load_workbook(
        BytesIO(admin.get(reverse("experts:results_xlsx", args=[s.round.pk])).content)
    ).active
    header = next(sheet.iter_rows(values_only=True))
    assert "Feasibility（25）" in header and "Expert" in header


def test_an_expert_is_taken_off_a_form_until_their_sheet_is_in(people, imported, admin):
    _assigned(people, imported)
    mine = Assignment.objects.filter(expert=people.expert).order_by("pk")
    first, second = mine[0], mine[1]
    _hand_in(people.expert, first)
    answer = admin.post(reverse("experts:unassign", args=[first.pk]), follow=True)
    assert (
        "不能撤销分配" in answer.content.decode()
        and Assignment.objects.filter(pk=first.pk).exists()
    )
    assert (
        client_of(people.reviewer).post(reverse("experts:unassign", args=[second.pk])).status_code
        == 403
    )
    admin.post(reverse("experts:unassign", args=[second.pk]))
    assert not Assignment.objects.filter(pk=second.pk).exists()
    junk = admin.post(
        reverse("experts:hand", args=[first.round_id]), {"form": first.form_id, "expert": "²"}
    )
    assert junk.status_code == 400


def test_a_form_moved_meanwhile_is_refused_and_leaves_no_round_entry(people, imported):
    from jixiao_web.experts.models import Round

    s = setup_round(people, imported)
    stale = s.forms[0]  # loaded while department-approved
    other = Round.objects.create(name="另一批次", budget_year=s.round.budget_year)
    assert rounds.add_forms(people.admin, other, [Form.objects.get(pk=stale.pk)])[0].added
    [late] = rounds.add_forms(people.admin, s.round, [stale])
    assert not late.added and "专家评审" in late.reason
    assert not RoundForm.objects.filter(round=s.round).exists()
