"""A self-evaluation's workflow (docs/evaluation.md, *Self-evaluation in the app*): who may take
which action from which stage, refusals that change nothing, publication on the portal."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from tests.web.conftest import put_in
from tests.web.selfeval_setup import ACTUALS, YEAR, client_of, post_data

from jixiao_web.comments.models import Notice
from jixiao_web.forms.models import AuditEvent, Status
from jixiao_web.selfeval.models import SelfEval

S, D, SU, DA, AP, PU = "staff", "draft", "submitted", "dept_approved", "approved", "published"
# (who, stage, action) → the stage after it; everything else is refused. Written out by hand
# from docs/evaluation.md, not read from the step table it checks.
ALLOWED = {
    ("staff", D, "submit"): SU,
    ("staff", SU, "withdraw"): D,
    ("reviewer", SU, "return"): D,
    ("reviewer", SU, "approve"): DA,
    ("admin", SU, "return"): D,
    ("admin", DA, "return"): D,
    ("admin", AP, "return"): D,
    ("admin", DA, "approve"): AP,
    ("admin", AP, "publish"): PU,
}
WHO = ("admin", "reviewer", "other_reviewer", "staff", "other_staff", "expert", "nobody")
STAGES = (D, SU, DA, AP, PU)
ACTIONS = ("submit", "withdraw", "return", "approve", "publish")


@pytest.mark.parametrize("stage", STAGES)
def test_permission_matrix(people, opened, stage):
    for who in WHO:
        for action in ACTIONS:
            SelfEval.objects.filter(pk=opened.pk).update(status=stage)
            events = AuditEvent.objects.count()
            response = client_of(getattr(people, who)).post(
                f"/selfeval/{opened.pk}/{action}/", {"comment": "请补充说明"}
            )
            after = SelfEval.objects.get().status
            expected = ALLOWED.get((who, stage, action))
            assert after == (expected or stage), (who, stage, action)
            assert AuditEvent.objects.count() == events + (1 if expected else 0)
            if expected is None and who in ("other_reviewer", "other_staff", "expert", "nobody"):
                assert response.status_code == 403, (who, stage, action)


def test_outsiders_do_not_see_it(people, opened):
    for who in ("other_reviewer", "other_staff", "expert", "nobody"):
        assert client_of(getattr(people, who)).get(f"/selfeval/{opened.pk}/").status_code == 403
    assert client_of(people.reviewer).get(f"/selfeval/{opened.pk}/").status_code == 200
    listed = client_of(people.other_staff).get("/selfeval/").content.decode()
    assert opened.form.project_name not in listed


def test_refused_requests_change_nothing(people, opened):
    before = (SelfEval.objects.values().get(), AuditEvent.objects.count())
    reviewer = client_of(people.reviewer)
    assert reviewer.post(f"/selfeval/{opened.pk}/", post_data(opened)).status_code == 403
    client_of(people.staff).post(f"/selfeval/{opened.pk}/submit/")
    submitted = (SelfEval.objects.values().get(), AuditEvent.objects.count())
    assert submitted[0]["status"] == Status.SUBMITTED
    response = reviewer.post(f"/selfeval/{opened.pk}/return/", {"comment": "  "}, follow=True)
    assert "退回时必须填写退回意见" in response.content.decode()
    assert (SelfEval.objects.values().get(), AuditEvent.objects.count()) == submitted
    assert reviewer.post(f"/selfeval/{opened.pk}/publish/").status_code == 403
    assert reviewer.post(f"/selfeval/{opened.pk}/nonsense/").status_code == 404
    assert (SelfEval.objects.values().get(), AuditEvent.objects.count()) == submitted
    assert before[0]["status"] == Status.DRAFT


def test_a_return_tells_the_unit_why(people, opened):
    client_of(people.staff).post(f"/selfeval/{opened.pk}/submit/")
    client_of(people.reviewer).post(f"/selfeval/{opened.pk}/return/", {"comment": "执行数有误"})
    se = SelfEval.objects.get()
    assert (se.status, se.returned, se.return_comment) == (Status.DRAFT, True, "执行数有误")
    page = client_of(people.staff).get(f"/selfeval/{opened.pk}/").content.decode()
    assert "执行数有误" in page
    assert Notice.objects.filter(user=people.staff, text__contains="执行数有误").exists()


def test_published_self_evaluation_is_on_the_portal(people, imported, opened):
    put_in(imported.forms[0], Status.PUBLISHED)
    anonymous = Client()
    assert anonymous.get(f"/public/selfeval/{opened.pk}/").status_code == 404
    client_of(people.staff).post(f"/selfeval/{opened.pk}/", post_data(opened))
    for user, action in ((people.staff, "submit"), (people.reviewer, "approve")):
        client_of(user).post(f"/selfeval/{opened.pk}/{action}/")
    for action in ("approve", "publish"):
        client_of(people.admin).post(f"/selfeval/{opened.pk}/{action}/")
    se = SelfEval.objects.get()
    assert se.status == Status.PUBLISHED and se.published["score"] == f"{se.score}"
    listed = anonymous.get("/public/selfeval/").content.decode()
    assert f"/public/selfeval/{se.pk}/" in listed and se.published["score"] in listed
    page = anonymous.get(f"/public/selfeval/{se.pk}/").content.decode()
    assert f'id="sc-total">{se.score}<' in page and "28亩" in page and 'name="row-' not in page
    form_page = anonymous.get(f"/public/{imported.forms[0].pk}/").content.decode()
    assert f"/public/selfeval/{se.pk}/" in form_page
    # the publication is frozen: a later change of the entries does not reach the public
    SelfEval.objects.filter(pk=se.pk).update(rows={})
    assert "28亩" in anonymous.get(f"/public/selfeval/{se.pk}/").content.decode()


def test_a_year_number_in_the_summary_and_lists(people, opened):
    client_of(people.staff).post(f"/selfeval/{opened.pk}/", post_data(opened))
    se = SelfEval.objects.get()
    page = client_of(people.admin).get(f"/selfeval/summary/?year={YEAR}").content.decode()
    assert f"{se.score}" in page and f"{se.rate}" in page and 'id="selfeval-data"' in page
    listed = client_of(people.admin).get(f"/selfeval/?year={YEAR}").content.decode()
    assert f"/selfeval/{se.pk}/" in listed


def test_the_goal_form_links_its_self_evaluation(people, opened):
    page = client_of(people.staff).get(f"/forms/{opened.form_id}/").content.decode()
    assert f'href="/selfeval/{opened.pk}/"' in page


@pytest.fixture
def back_in_chinese():
    """The requests in English leave English active in the thread (LocaleMiddleware): the next
    test starts in the default language again."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def test_the_pages_in_english_say_nothing_in_chinese_but_users_data(
    people, opened, back_in_chinese
):
    from tests.web.test_english import chinese_said, english, project_names

    staff = client_of(people.staff)
    staff.post(f"/selfeval/{opened.pk}/", post_data(opened, ["40亩", *ACTUALS[1:]]))
    for who, action in ((people.staff, "submit"), (people.reviewer, "approve")):
        client_of(who).post(f"/selfeval/{opened.pk}/{action}/", {"comment": "x"})
    admin = english(client_of(people.admin))
    urls = [
        "/selfeval/",
        f"/selfeval/{opened.pk}/",
        "/selfeval/summary/",
        f"/forms/{opened.form_id}/",
    ]
    found = {u: chinese_said(admin.get(u).content.decode(), project_names()) for u in urls}
    SelfEval.objects.filter(pk=opened.pk).update(status=Status.DRAFT)  # the inputs too
    found["entry"] = chinese_said(admin.get(urls[1]).content.decode(), project_names())
    assert {u: said for u, said in found.items() if said} == {}
