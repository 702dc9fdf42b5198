"""Issue 14 from end to end, in chromium, each step by the role that owns it (docs/evaluation.md):
an approved goal form goes through a July monitoring round, where a red row is held back until
its reason and measure are given, then through the year-end self-evaluation typed as the worked
example of the docs (93.43, 优), submitted, approved by the department and by finance, and
published: the public portal shows the scored table. Skips without chromium unless
JIXIAO_REQUIRE_ALL=1 (CI), as the other browser tests."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import expect
from tests.evaluation.test_worked_example import example_rows
from tests.web.conftest import SEED, make_user, put_in
from tests.web.test_browser import browser, shot, shots, signed_in  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def monitoring_round(finance, unit, base: str, form, shots_dir) -> None:
    """Finance opens the July round; the unit's red row is refused until explained."""
    finance.goto(f"{base}/monitoring/")
    finance.get_by_label("预算年度").select_option("2021")
    finance.get_by_role("button", name="开始监控").click()
    expect(finance.locator("h1")).to_contain_text("截至 7 月")

    unit.goto(f"{base}/monitoring/")
    unit.get_by_role("link", name="2021 年度 · 截至 7 月").click()
    unit.get_by_role("link", name=form.project_name).click()
    unit.get_by_label("执行数（截至当月，元）").fill("180000")
    unit.get_by_label("第 2 行当前完成值").fill("2人")  # =10人: 2 of the 5.83 due by July, red
    expect(unit.locator("#row-1 [data-row-light]")).to_have_class("light light-red")
    unit.get_by_role("button", name="提交监控表").click()
    expect(unit.locator("#entry-error")).to_contain_text("未提交")
    expect(unit.get_by_label("第 2 行当前完成值")).to_have_value("2人")  # nothing lost
    unit.get_by_label("第 2 行偏差原因").select_option("人员")
    unit.get_by_label("第 2 行改进措施").fill("扩大招聘渠道，9月前补足岗位")
    unit.get_by_role("button", name="提交监控表").click()
    expect(unit.locator(".messages")).to_contain_text("监控表已提交")
    shot(unit, shots_dir, "23-monitoring-handed-in")

    finance.goto(f"{base}/")
    expect(finance.locator('#monitoring-lights [data-count="red"]')).to_have_text("1")


def type_worked_example(unit, base: str, pk: int) -> None:
    """The unit types the worked example of docs/evaluation.md: spending and each row."""
    unit.goto(f"{base}/selfeval/{pk}/")
    unit.get_by_role("textbox", name="全年执行数 年度资金总额").fill("239600")
    unit.get_by_label("实际完成情况").fill("建成30亩智能温室大棚，仿野生种植260亩，带动农户42户。")
    for i, (_, name, _, actual, own, reason, *_) in enumerate(example_rows()):
        unit.get_by_role("textbox", name=f"实际完成值 {name}").fill(actual)
        if own:
            unit.locator(f'tr[data-row="{i}"] input[name$="-score"]').fill(own)
        if reason:
            unit.get_by_role("textbox", name=f"偏差原因分析及改进措施 {name}").fill(reason)
    expect(unit.locator("#sc-exec-rate")).to_have_text("86.19%", timeout=10_000)
    expect(unit.locator("#sc-total")).to_have_text("93.43", timeout=10_000)
    unit.click("button:has-text('保存')")
    expect(unit.locator(".messages")).to_be_visible()


def act(page, base: str, pk: int, action: str) -> None:
    page.goto(f"{base}/selfeval/{pk}/")
    page.click(f".action-{action} button")
    expect(page.locator(".messages")).to_be_visible()


def test_an_approved_form_is_monitored_in_july_and_self_evaluated_to_a_published_table(
    live_server,
    browser,  # noqa: F811
    shots,  # noqa: F811
):
    from jixiao_web.selfeval.models import SelfEval
    from jixiao_web.services.imports import import_files

    form = import_files([(SEED.name, SEED.read_bytes())]).forms[0]
    put_in(form, "approved")
    unit_row = form.unit
    make_user("unit-clerk", "staff", unit_row)
    make_user("dept-reviewer", "reviewer", unit_row.parent or unit_row)
    make_user("finance", "admin")
    base = live_server.url
    unit = signed_in(browser, base, "unit-clerk")
    reviewer = signed_in(browser, base, "dept-reviewer")
    finance = signed_in(browser, base, "finance")

    monitoring_round(finance, unit, base, form, shots)

    finance.goto(f"{base}/selfeval/")
    finance.get_by_label("开展绩效自评的预算年度").select_option("2021")
    finance.get_by_role("button", name="开展绩效自评").click()
    expect(finance.locator(".messages")).to_be_visible()
    se = SelfEval.objects.get(form_id=form.pk)

    type_worked_example(unit, base, se.pk)
    shot(unit, shots, "24-selfeval-typed")
    act(unit, base, se.pk, "submit")
    act(reviewer, base, se.pk, "approve")
    act(finance, base, se.pk, "approve")
    act(finance, base, se.pk, "publish")
    se.refresh_from_db()
    assert se.status == "published"
    assert (se.score, se.grade) == (Decimal("93.43"), "优")

    public = browser.new_page()
    public.goto(f"{base}/public/selfeval/")
    public.get_by_role("link", name=form.project_name).click()
    expect(public.locator("#sc-total")).to_have_text("93.43")
    expect(public.locator("#sc-grade")).to_have_text("优")
    expect(public.locator("body")).to_contain_text("带动效果好于预期")
    # headings merge down the rows as on paper: seven 产出 rows under one 产出指标 cell
    expect(public.locator('td[rowspan="7"]', has_text="产出指标")).to_have_count(1)
    # amounts as every page shows them (`format_amount`)
    expect(public.locator("#funds-spent")).to_contain_text("278,000.00")
    expect(public.locator("#funds-spent")).to_contain_text("239,600.00")
    shot(public, shots, "25-selfeval-public")
