"""Browser tests: Debian's chromium driven by playwright through the whole path a user takes.

Log in, import the sample, open a form, fix a finding in the editor and see it disappear,
publish it and read it on the public portal. Screenshots of each page go to docs/screenshots/.
They skip when chromium is missing, unless JIXIAO_REQUIRE_ALL=1 (CI), where they fail instead.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connections
from tests.web.conftest import PASSWORD, SEED, make_user

CHROMIUM = "/usr/bin/chromium"
SHOTS = Path(__file__).parents[2] / "docs" / "screenshots"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _require_chromium() -> None:
    if shutil.which(CHROMIUM) is None:
        if os.environ.get("JIXIAO_REQUIRE_ALL") == "1":
            pytest.fail(f"{CHROMIUM} is missing and JIXIAO_REQUIRE_ALL=1")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium fonts-noto-cjk)")


@pytest.fixture
def browser() -> Iterator[object]:
    _require_chromium()
    from playwright.sync_api import sync_playwright

    # The ORM runs in the test while playwright's event loop is alive: tests only.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
            # ORM calls made while playwright runs get their own connection (asgiref context):
            # close it here, or PostgreSQL refuses to drop the test database.
            connections.close_all()


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def assert_cjk_font(page) -> None:
    """Chinese text is drawn with a real CJK font, not tofu boxes."""
    assert page.evaluate("document.fonts.check('16px \"Noto Sans CJK SC\"', '绩效目标')")
    width = page.evaluate(
        "(() => { const c = document.createElement('canvas').getContext('2d');"
        " c.font = '20px \"Noto Sans CJK SC\"'; const a = c.measureText('绩效').width;"
        " const b = c.measureText('项目').width; return [a, b]; })()"
    )
    assert width[0] > 30 and width[1] > 30


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def test_a_user_imports_fixes_a_finding_and_publishes(live_server, browser):
    from jixiao_web.goals.models import Form
    from jixiao_web.reviews.models import Finding

    make_user("fin-admin", "admin")
    base = live_server.url
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    assert_cjk_font(page)
    shot(page, "01-login")
    log_in(page, base, "fin-admin")

    page.goto(f"{base}/imports/")
    page.set_input_files("input[name=files]", str(SEED))
    page.click("#upload button[type=submit]")
    page.wait_for_selector("#import-report", timeout=60_000)
    assert "已导入 15 张表" in page.inner_text("#import-report")
    shot(page, "02-import-report")

    page.goto(f"{base}/forms/")
    assert page.locator("table.list tbody tr").count() == 15
    shot(page, "03-form-list")

    finding = (
        Finding.objects.filter(location__field="supervising_department")
        .select_related("form")
        .first()
    )
    form = finding.form
    page.goto(f"{base}/forms/{form.pk}/")
    before = page.locator(f'li[data-rule="{finding.rule}"]').count()
    assert before >= 1
    assert form.project_name in page.inner_text("table.paper")
    shot(page, "04-form-detail")

    page.click("text=编辑")
    page.fill("input[name=supervising_department]", "上海市松江区科学技术委员会")
    target = page.locator("input[name=ind-target]").first
    target.fill(">=95%")
    page.wait_for_function(
        "document.querySelector('.parsed-cell').innerText.includes('95')", timeout=10_000
    )
    assert "%" in page.locator(".parsed-cell").first.inner_text()
    target.fill(form.indicators.order_by("position").first().target)
    page.click("#add-row")
    assert page.locator("#rows tr").count() == form.indicators.count() + 1
    shot(page, "05-form-editor")
    page.click("text=保存并重新审核")
    page.wait_for_url(f"{base}/forms/{form.pk}/")
    assert "已保存" in page.inner_text(".messages")
    saved = Form.objects.get(pk=form.pk)
    assert saved.supervising_department == "上海市松江区科学技术委员会"
    gone = not Finding.objects.filter(
        run_id=saved.review_run_id,
        form=saved,
        location__field="supervising_department",
        rule=finding.rule,
    ).exists()
    assert gone
    assert finding.message not in page.inner_text("table.paper")

    page.click("button[value=publish]")
    page.wait_for_url(f"{base}/forms/{form.pk}/")
    assert Form.objects.get(pk=form.pk).status == "published"

    page.goto(f"{base}/")
    page.wait_for_selector("#chart-units svg", timeout=20_000)
    shot(page, "06-dashboard")

    public = browser.new_context(viewport={"width": 820, "height": 1180}, locale="zh-CN").new_page()
    public.goto(f"{base}/public/")
    assert form.project_name in public.inner_text("main")
    assert public.locator("main a").count() == 1  # only the published form
    shot(public, "07-public-portal-tablet")
    public.click(f"text={form.project_name}")
    assert "上海市松江区科学技术委员会" in public.inner_text("table.paper")
    assert_cjk_font(public)
    shot(public, "08-public-form-tablet")
    context.close()
