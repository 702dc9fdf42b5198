"""One form from draft to published and revised, in chromium, each step by the role that owns it
(docs/workflow.md): the unit submits, the department returns it with a comment, the unit
corrects and resubmits, the department approves, an expert round with two experts scores it,
finance approves and publishes, and the unit revises it; the history and the public page show
every step. Skips without chromium unless JIXIAO_REQUIRE_ALL=1 (CI), as the other browser tests.
"""

from __future__ import annotations

import pytest
from tests.web.conftest import SEED, make_user
from tests.web.test_browser import browser, shot, shots, signed_in  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

RETURN_COMMENT = "请补充科普活动的场次测算依据"
EXPLANATION = "警告已逐条核对，指标按实际情况填写。"
SCORES = {  # per expert: completeness, relevance, appropriateness, feasibility (25 each)
    "expert-a": ("22", "20", "21.5", "19"),
    "expert-b": ("18", "17", "20", "16.5"),
}


class People:
    """Who acts, each in a browser context of their own."""

    def __init__(self, browser, base: str, form) -> None:  # noqa: F811 (the fixture's value)
        from jixiao_web.units.models import Unit

        unit = form.unit
        department = unit.parent or unit
        elsewhere = Unit.objects.create(name="区财政局绩效评价中心")
        university = Unit.objects.create(name="某大学公共管理学院")
        make_user("unit-clerk", "staff", unit)
        make_user("dept-reviewer", "reviewer", department)
        make_user("finance", "admin")
        make_user("expert-a", "expert", elsewhere)
        make_user("expert-b", "expert", university)
        self.pages = {
            name: signed_in(browser, base, name)
            for name in ("unit-clerk", "dept-reviewer", "finance", "expert-a", "expert-b")
        }

    def __getitem__(self, name: str):
        return self.pages[name]


def act(page, base: str, pk: int, action: str, comment: str = "") -> None:
    page.goto(f"{base}/forms/{pk}/")
    if comment:
        page.fill(f".action-{action} textarea", comment)
    page.click(f".action-{action} button")
    page.wait_for_selector(".messages")


def status(pk: int) -> str:
    from jixiao_web.forms.models import Form

    return Form.objects.get(pk=pk).status


def expert_round(people: People, base: str, pk: int, name: str, shots_dir) -> None:
    """Finance opens a round, adds the form, assigns two experts; each scores and hands in."""
    finance = people["finance"]
    finance.goto(f"{base}/rounds/")
    finance.fill("input[name=name]", name)
    finance.select_option("select[name=budget_year]", "2021")
    finance.fill("input[name=experts_per_form]", "2")
    finance.select_option("select[name=lead]", label="expert-a")
    finance.click("text=创建")
    finance.wait_for_selector("text=加入表单")
    finance.check(f"input[name=form][value='{pk}']")
    finance.click("button:has-text('加入评审批次')")
    finance.wait_for_selector("text=已加入")
    assert status(pk) == "expert_review"
    finance.click("button:has-text('自动分配专家')")
    finance.wait_for_selector("text=expert-b")
    shot(finance, shots_dir, "16-expert-round")
    for expert, scores in SCORES.items():
        page = people[expert]
        page.goto(f"{base}/rounds/")  # their tasks
        page.click("table.list a")
        for code, score in zip(
            ("completeness", "relevance", "appropriateness", "feasibility"), scores, strict=True
        ):
            page.fill(f"input[name=score_{code}]", score)
            page.fill(f"textarea[name=comment_{code}]", f"{expert} 对 {code} 的意见")
        if expert == "expert-b":
            shot(page, shots_dir, "17-expert-sheet")
        page.click("button[name=hand_in]")
        page.wait_for_selector("text=评分（已提交，只读）")


def test_a_form_walks_from_draft_to_published_and_is_revised(live_server, browser, shots):  # noqa: F811
    from jixiao_web.forms.models import AuditEvent, Form
    from jixiao_web.services.imports import import_files
    from jixiao_web.units.models import BudgetYear

    form = import_files([(SEED.name, SEED.read_bytes())]).forms[6]  # 科普工作: no error finding
    pk, base = form.pk, live_server.url
    people = People(browser, base, form)
    clerk, reviewer, finance = people["unit-clerk"], people["dept-reviewer"], people["finance"]

    # finance asks for an expert round for the year (the setting on the rounds page)
    finance.goto(f"{base}/rounds/")
    finance.check("form[action='/rounds/years/2021/'] input[name=expert_review]")
    finance.click("form[action='/rounds/years/2021/'] button")
    finance.wait_for_selector(".messages")
    assert BudgetYear.objects.get(year=2021).expert_review

    # the unit submits; the department returns it with a comment
    act(clerk, base, pk, "submit", EXPLANATION)
    assert status(pk) == "submitted"
    reviewer.goto(f"{base}/forms/{pk}/")
    reviewer.click(".action-return button")  # the comment is required: the browser says so
    assert status(pk) == "submitted"
    act(reviewer, base, pk, "return", RETURN_COMMENT)
    assert status(pk) == "draft"

    # the unit reads why, corrects the form, and submits it again
    clerk.goto(f"{base}/forms/{pk}/")
    assert RETURN_COMMENT in clerk.inner_text("main")
    shot(clerk, shots, "15-returned-form")
    clerk.click("text=编辑")
    target = clerk.locator("input[name=ind-target]").first
    target.fill(">=12场")
    clerk.click("text=保存并重新审核")
    clerk.wait_for_url(f"{base}/forms/{pk}/")
    act(clerk, base, pk, "submit", EXPLANATION)
    assert status(pk) == "submitted"
    act(reviewer, base, pk, "approve")
    assert status(pk) == "dept_approved"

    # finance cannot approve before the round; the round scores it; finance approves, publishes
    finance.goto(f"{base}/forms/{pk}/")
    assert "需经专家评审" in finance.inner_text("#waiting")
    assert finance.locator(".action-approve").count() == 0
    expert_round(people, base, pk, "2021 年度集中评审", shots)
    finance.goto(f"{base}/rounds/")
    finance.click("text=结果")
    results = finance.inner_text("main")
    assert "82.50" in results and "71.50" in results and "77.00" in results  # totals, mean
    act(finance, base, pk, "approve")
    assert status(pk) == "approved"
    act(finance, base, pk, "publish")
    assert status(pk) == "published"

    public = browser.new_context(locale="zh-CN").new_page()
    public.goto(f"{base}/public/{pk}/")
    assert ">=12场" in public.inner_text("table.paper")

    # the unit revises it: the public keeps the published version until the revision is
    act(clerk, base, pk, "revise")
    assert status(pk) == "draft"
    clerk.click("text=编辑")
    clerk.locator("input[name=ind-target]").first.fill(">=15场")
    clerk.click("text=保存并重新审核")
    clerk.wait_for_url(f"{base}/forms/{pk}/")
    public.goto(f"{base}/public/{pk}/")
    assert ">=12场" in public.inner_text("table.paper")
    assert ">=15场" not in public.inner_text("table.paper")
    act(clerk, base, pk, "submit", EXPLANATION)
    act(reviewer, base, pk, "approve")
    expert_round(people, base, pk, "2021 年度调整评审", shots)
    act(finance, base, pk, "approve")
    act(finance, base, pk, "publish")
    assert Form.objects.get(pk=pk).revision == 1

    public.goto(f"{base}/public/{pk}/")
    assert ">=15场" in public.inner_text("table.paper")
    versions = public.inner_text("main")
    assert "公开版本" in versions and "第 1 版" in versions and "第 2 版" in versions
    shot(public, shots, "18-public-versions")
    public.click("text=第 1 版")
    assert ">=12场" in public.inner_text("table.paper")

    # the history: every step, by whom, with the comments
    clerk.goto(f"{base}/forms/{pk}/")
    history = clerk.inner_text("main")
    assert RETURN_COMMENT in history
    actions = list(AuditEvent.objects.filter(form_id=pk).values_list("action", "actor_name"))
    steps = [a for a in actions if a[0] not in ("import", "edit")]
    assert steps == [
        ("submit", "unit-clerk"),
        ("return", "dept-reviewer"),
        ("submit", "unit-clerk"),
        ("approve", "dept-reviewer"),
        ("expert_review", "finance"),
        ("approve", "finance"),
        ("publish", "finance"),
        ("revise", "unit-clerk"),
        ("submit", "unit-clerk"),
        ("approve", "dept-reviewer"),
        ("expert_review", "finance"),
        ("approve", "finance"),
        ("publish", "finance"),
    ]
    shot(clerk, shots, "19-form-history")
