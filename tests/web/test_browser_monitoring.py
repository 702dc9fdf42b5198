"""Monitoring in chromium (docs/evaluation.md, "Monitoring in the app"): finance opens a round,
the unit fills in a form's entry; the lights follow the typing (the page's script asks the core
through the server, within the content security policy); handing in is refused while a red row
lacks its reason and measure, and accepted once given; the dashboard counts the red form.
Skips without chromium unless JIXIAO_REQUIRE_ALL=1 (CI), as the other browser tests."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from tests.web.conftest import make_user
from tests.web.monitoring_setup import approve
from tests.web.test_browser import browser, shot, shots, signed_in  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_a_unit_fills_in_its_monitoring_and_hands_it_in(live_server, browser, shots, imported):  # noqa: F811
    form = approve(imported, 2)[1]
    make_user("mon-admin", "admin")
    make_user("mon-staff", "staff", form.unit)
    base = live_server.url
    finance = signed_in(browser, base, "mon-admin")
    finance.goto(f"{base}/monitoring/")
    finance.get_by_label("预算年度").select_option("2021")
    finance.get_by_role("button", name="开始监控").click()
    expect(finance.locator("h1")).to_contain_text("2021 年度运行监控 · 截至 7 月")

    unit = signed_in(browser, base, "mon-staff")
    unit.goto(f"{base}/monitoring/")
    unit.get_by_role("link", name="2021 年度 · 截至 7 月").click()
    unit.get_by_role("link", name=form.project_name).click()
    unit.wait_for_load_state("load")  # the page's deferred script listens from here on
    row = unit.locator("#row-0")
    unit.get_by_label("第 1 行当前完成值").fill("1")  # 1 of a 100% level: red
    expect(row.locator("[data-row-light]")).to_have_class(
        "light light-red", timeout=20_000
    )  # the script
    expect(row.locator("[data-row-problems]")).to_contain_text("须选择偏差原因", timeout=20_000)
    unit.get_by_role("button", name="提交监控表").click()
    expect(unit.locator("#entry-error")).to_contain_text("未提交")
    expect(unit.get_by_label("第 1 行当前完成值")).to_have_value("1")
    shot(unit, shots, "monitoring-refused")
    unit.get_by_label("第 1 行偏差原因").select_option("经费")
    unit.get_by_label("第 1 行改进措施").fill("加快资金拨付进度")
    unit.get_by_label("执行数（截至当月，元）").fill("20000")
    unit.get_by_role("button", name="提交监控表").click()
    expect(unit.locator(".messages")).to_contain_text("监控表已提交")
    expect(unit.get_by_label("第 1 行改进措施")).to_be_disabled()
    shot(unit, shots, "monitoring-handed-in")

    finance.goto(f"{base}/")
    expect(finance.locator('#monitoring-lights [data-count="red"]')).to_have_text("1")
    finance.locator("#monitoring-lights").get_by_role("link", name=form.project_name).click()
    expect(finance.get_by_role("button", name="退回")).to_be_visible()
    shot(finance, shots, "monitoring-finance")
