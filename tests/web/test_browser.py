"""Browser tests: Debian's chromium driven by playwright through the whole path a user takes.

Log in, import the sample, open a form, fix a finding in the editor and see it disappear,
publish it and read it on the public portal. Screenshots of each page go to docs/screenshots/.
They skip when chromium is missing, unless JIXIAO_REQUIRE_ALL=1 (CI), where they fail instead.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import expect
from tests.web.conftest import PASSWORD, SEED, make_user, put_in

CHROMIUM = "/usr/bin/chromium"
# Screenshots go to a temporary folder; JIXIAO_SCREENSHOT_DIR=docs/screenshots refreshes the
# committed ones.
SHOT_DIR = os.environ.get("JIXIAO_SCREENSHOT_DIR")
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


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    folder = Path(SHOT_DIR) if SHOT_DIR else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def shot(page, folder: Path, name: str) -> None:
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
    assert (folder / f"{name}.png").stat().st_size > 5000


def assert_cjk_font(page) -> None:
    """Chinese text is drawn with a real CJK font, not tofu boxes."""
    assert page.evaluate("document.fonts.check('16px \"Noto Sans CJK SC\"', '绩效目标')")
    width = page.evaluate(
        "(() => { const c = document.createElement('canvas').getContext('2d');"
        " c.font = '20px \"Noto Sans CJK SC\"'; const a = c.measureText('绩效').width;"
        " const b = c.measureText('项目').width; return [a, b]; })()"
    )
    assert width[0] > 30 and width[1] > 30


def signed_in(browser, base: str, username: str):
    """A page in a browser context of its own, signed in as `username`."""
    page = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN").new_page()
    log_in(page, base, username)
    return page


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")


def test_a_user_imports_fixes_a_finding_and_publishes(live_server, browser, shots):
    from jixiao_web.forms.models import Form
    from jixiao_web.reviews.models import Finding

    make_user("fin-admin", "admin")
    base = live_server.url
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    assert_cjk_font(page)
    shot(page, shots, "01-login")
    log_in(page, base, "fin-admin")

    page.goto(f"{base}/imports/")
    page.set_input_files("input[name=files]", str(SEED))
    page.click("#upload button[type=submit]")
    page.wait_for_selector("#import-report", timeout=60_000)
    assert "已导入 15 张表" in page.inner_text("#import-report")
    shot(page, shots, "02-import-report")

    page.goto(f"{base}/forms/")
    assert page.locator("table.list tbody tr").count() == 15
    shot(page, shots, "03-form-list")

    # a form with no error finding: those are refused at submission (docs/workflow.md)
    finding = (
        Finding.objects.filter(location__field="supervising_department")
        .exclude(form__in=Finding.objects.filter(severity="error").values("form"))
        .select_related("form")
        .first()
    )
    form = finding.form
    page.goto(f"{base}/forms/{form.pk}/")
    before = page.locator(f'li[data-rule="{finding.rule}"]').count()
    assert before >= 1
    assert form.project_name in page.inner_text("table.paper")
    shot(page, shots, "04-form-detail")

    page.click("text=编辑")
    page.fill("input[name=supervising_department]", "上海市松江区科学技术委员会")
    target = page.locator("input[name=ind-target]").first
    target.fill(">=95%")
    expect(page.locator(".parsed-cell").first).to_contain_text("95", timeout=10_000)
    assert "%" in page.locator(".parsed-cell").first.inner_text()
    original = form.indicators.order_by("position").first().target
    target.fill(original)
    expect(page.locator(".parsed-cell").first).not_to_contain_text("95", timeout=10_000)
    page.click("#add-row")
    assert page.locator("#rows tr").count() == form.indicators.count() + 1
    shot(page, shots, "05-form-editor")
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

    # each step by the role that owns it (docs/workflow.md)
    unit = saved.unit
    make_user("unit-clerk", "staff", unit)
    make_user("dept-reviewer", "reviewer", unit.parent or unit)
    clerk = signed_in(browser, base, "unit-clerk")
    clerk.goto(f"{base}/forms/{form.pk}/")
    clerk.click(".action-submit button")  # warnings and no explanation: held back, with why
    clerk.wait_for_selector("#blocked")
    assert Form.objects.get(pk=form.pk).status == "draft"
    clerk.fill(".action-submit textarea", "警告已逐条核对，指标按实际情况填写。")
    clerk.click(".action-submit button")
    clerk.wait_for_selector("text=已提交，等待主管部门审核")
    reviewer = signed_in(browser, base, "dept-reviewer")
    reviewer.goto(f"{base}/forms/{form.pk}/")
    reviewer.click(".action-approve button")
    reviewer.wait_for_selector("text=已审核通过")
    page.goto(f"{base}/forms/{form.pk}/")
    page.click(".action-approve button")
    page.click(".action-publish button")  # waits for the button the approval brought
    page.wait_for_selector("text=已公开。")
    assert Form.objects.get(pk=form.pk).status == "published"

    page.goto(f"{base}/")
    page.wait_for_selector("#chart-units svg", timeout=20_000)
    shot(page, shots, "06-dashboard")
    page.select_option("select[name=language]", "en")
    page.wait_for_selector("text=Funds by unit")
    shot(page, shots, "09-dashboard-english")

    public = browser.new_context(viewport={"width": 820, "height": 1180}, locale="zh-CN").new_page()
    public.goto(f"{base}/public/")
    assert form.project_name in public.inner_text("main")
    assert public.locator("main ul.notes a").count() == 1  # only the published form
    assert public.locator("main .open-data a").count() == 3  # its year's JSON, CSV, package
    shot(public, shots, "07-public-portal-tablet")
    public.click(f"text={form.project_name}")
    assert "上海市松江区科学技术委员会" in public.inner_text("table.paper")
    assert_cjk_font(public)
    shot(public, shots, "08-public-form-tablet")
    context.close()


def test_many_files_upload_one_by_one_with_progress_into_one_batch(
    live_server, browser, shots, tmp_path
):
    make_user("fin-admin", "admin")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SEED.read_bytes())
    other = SEED.parent.parent / "clean" / "river.txt"
    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    log_in(page, live_server.url, "fin-admin")
    page.goto(f"{live_server.url}/imports/")
    page.set_input_files("input[name=files]", [str(SEED), str(empty), str(copy), str(other)])
    page.click("#upload button[type=submit]")
    page.wait_for_selector(".import-finished", timeout=60_000)
    assert "共 16 张表" in page.inner_text(".import-finished")
    assert page.locator("tr.failed").count() == 1
    assert "内容完全相同，已跳过" in page.inner_text("#report")  # the copy of the seed
    assert page.locator("#progress progress").get_attribute("value") == "100"
    shot(page, shots, "10-import-many-files")


def test_two_tabs_editing_different_rows_both_save_and_the_same_row_shows_a_readable_conflict(
    live_server, browser, shots
):
    from jixiao_web.forms.models import Form
    from jixiao_web.services.imports import import_files

    make_user("fin-admin", "admin")
    make_user("fin-admin2", "admin")
    form = import_files([(SEED.name, SEED.read_bytes())]).forms[0]
    base, edit = live_server.url, f"{live_server.url}/forms/{form.pk}/edit/"
    alice = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    bob = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    log_in(alice, base, "fin-admin")
    log_in(bob, base, "fin-admin2")

    def save(page) -> None:
        page.click("text=保存并重新审核")

    def target(page, n: int):
        return page.locator("input[name=ind-target]").nth(n)

    # different rows: both saves go through, the second one merged
    alice.goto(edit)
    bob.goto(edit)
    target(alice, 0).fill("=35亩")
    save(alice)
    alice.wait_for_url(f"{base}/forms/{form.pk}/")
    target(bob, 1).fill("=12人")
    save(bob)
    bob.wait_for_url(f"{base}/forms/{form.pk}/")
    assert "已与他人同时所做的修改合并并保存" in bob.inner_text(".messages")
    targets = [i.target for i in Form.objects.get(pk=form.pk).indicators.order_by("position")]
    assert targets[:2] == ["=35亩", "=12人"]

    # the same row: the second save shows both values side by side, nothing is saved
    alice.goto(edit)
    bob.goto(edit)
    alice.fill("input[name=project_name]", "东西部扶贫帮困（甲修订）")
    target(alice, 0).fill("=38亩")
    save(alice)
    alice.wait_for_url(f"{base}/forms/{form.pk}/")
    target(bob, 0).fill("=40亩")
    save(bob)
    bob.wait_for_selector(".conflict")
    shown = bob.inner_text(".conflict")
    for text in ("=35亩", "=38亩", "=40亩", "东西部扶贫帮困（甲修订）", "核对标红的行"):
        assert text in shown, text
    assert "{'" not in shown and "[{" not in shown
    assert bob.locator("#rows tr.clash").count() == 1
    assert bob.locator("#rows tr.clash input[name=ind-target]").input_value() == "=40亩"
    assert bob.input_value("input[name=project_name]") == "东西部扶贫帮困（甲修订）"  # merged in
    shot(bob, shots, "11-edit-conflict")
    assert Form.objects.get(pk=form.pk).indicators.order_by("position").first().target == "=38亩"
    save(bob)  # saving the merged page keeps Alice's other change
    bob.wait_for_url(f"{base}/forms/{form.pk}/")
    saved = Form.objects.get(pk=form.pk)
    assert saved.project_name == "东西部扶贫帮困（甲修订）"
    assert saved.indicators.order_by("position").first().target == "=40亩"


def test_without_chromium_the_browser_tests_skip_or_fail_when_required(monkeypatch):
    import tests.web.test_browser as module

    monkeypatch.setattr(module.shutil, "which", lambda name: None)
    monkeypatch.delenv("JIXIAO_REQUIRE_ALL", raising=False)
    with pytest.raises(pytest.skip.Exception, match="chromium"):
        module._require_chromium()
    monkeypatch.setenv("JIXIAO_REQUIRE_ALL", "1")
    with pytest.raises(pytest.fail.Exception, match="JIXIAO_REQUIRE_ALL"):
        module._require_chromium()


def test_no_page_is_refused_by_the_content_security_policy(live_server, browser):
    """Every page works under the policy of middleware.py; chromium logs each refusal."""
    from django.contrib.auth.models import User

    from jixiao_web.services.imports import import_files

    User.objects.create_superuser("root", password=PASSWORD)
    form, draft = import_files([(SEED.name, SEED.read_bytes())]).forms[:2]
    put_in(form, "published")
    base = live_server.url
    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(f"{page.url}: {message.text}"))
    log_in(page, base, "root")
    assert "script-src 'self';" in page.goto(f"{base}/").headers["content-security-policy"]
    page.wait_for_selector("#chart-units svg", timeout=20_000)
    page.hover('#chart-units svg path[fill="#2f6f9f"] >> nth=0')  # a bar: its tooltip
    expect(page.locator("#chart-units")).to_contain_text(re.compile(r"\d,\d{3}"))
    for path in ("/forms/", f"/forms/{form.pk}/", f"/forms/{draft.pk}/edit/"):  # drafts only
        page.goto(base + path)
    page.click("#add-row")
    page.locator("input[name=ind-target]").first.fill(">=95%")
    expect(page.locator(".parsed-cell").first).to_contain_text("95", timeout=10_000)
    admin = ("/admin/", f"/admin/units/unit/{form.unit_id}/change/", "/admin/auth/user/add/")
    manage = (
        "/manage/",
        "/manage/units/",
        f"/manage/units/{form.unit_id}/",
        "/manage/users/import/",
    )
    for path in (
        "/imports/",
        "/accounts/tokens/",
        *admin,
        *manage,
        "/public/",
        f"/public/{form.pk}/",
    ):
        page.goto(base + path)
    page.select_option("select[name=language]", "en")  # site.js sends the form
    page.wait_for_selector("html[lang=en]")
    refused = [m for m in messages if "Content Security Policy" in m or "Refused to" in m]
    assert refused == []


def test_the_api_docs_show_every_operation_from_this_site_alone(live_server, browser):
    """/api/v1/docs draws the OpenAPI document with Swagger UI served by the site itself (no CDN:
    the machines have no internet) and within the content security policy."""
    page = browser.new_context().new_page()
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            None if request.url.startswith(live_server.url) else outside.append(request.url)
        ),
    )
    page.goto(f"{live_server.url}/api/v1/docs")
    page.wait_for_selector(".opblock", timeout=20_000)
    paths = set(page.locator(".opblock-summary-path").all_inner_texts())
    document = page.request.get(f"{live_server.url}/api/v1/openapi.json").json()
    assert {path.replace("\u200b", "") for path in paths} == set(document["paths"])
    assert outside == []
    assert [m for m in messages if "Content Security Policy" in m or "Refused to" in m] == []


def test_a_token_is_made_shown_once_and_revoked_in_the_browser(live_server, browser, shots):
    from jixiao_web.accounts.models import ApiToken

    make_user("tok-staff", "staff")
    base = live_server.url
    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    log_in(page, base, "tok-staff")
    page.click("text=API 令牌")
    page.fill("input[name=name]", "预算系统对接")
    page.check("input[name=read_only]")
    page.click("button[type=submit].primary")
    made = page.locator("input.token")
    expect(made).to_be_visible()
    raw = made.input_value()
    assert raw.startswith("jx_") and ApiToken.objects.get(name="预算系统对接").read_only
    expect(page.locator("#token-made")).to_contain_text("不会再显示")
    shot(page, shots, "12-api-tokens")
    page.goto(f"{base}/accounts/tokens/")  # the page again: the token is not shown
    assert raw not in page.content()
    page.click("text=撤销 >> nth=-1")
    page.click("button:has-text('确定撤销')")
    expect(page.locator("ul.messages")).to_contain_text("已撤销")
    assert ApiToken.objects.get(name="预算系统对接").revoked is not None


def test_the_administrator_makes_a_user_who_logs_in_and_imports_a_sheet(
    live_server, browser, shots, tmp_path
):
    """用户与单位 in the browser: a unit, a user with a generated password that works, a sheet."""
    from openpyxl import Workbook

    from jixiao_web.accounts.models import Membership

    make_user("finance-b", "admin")
    base = live_server.url
    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    log_in(page, base, "finance-b")
    page.click("text=用户与单位")
    page.click("nav.manage-nav >> text=单位管理")
    page.fill("input[name=name]", "浏览器测试部门")
    page.click("button:has-text('创建')")
    expect(page.locator("ul.messages")).to_contain_text("已新建")
    page.fill("input[name=name]", "浏览器测试单位")
    page.select_option("select[name=parent]", label="浏览器测试部门")
    page.click("button:has-text('创建')")
    expect(page.locator("table.units")).to_contain_text("浏览器测试单位")
    shot(page, shots, "13-manage-units")
    page.click("nav.manage-nav >> text=新建用户")
    page.fill("input[name=username]", "browser-staff")
    page.fill("input[name=name]", "浏览器填报人")
    page.select_option("select[name=unit]", label="\u3000└ 浏览器测试单位")
    page.click("button[type=submit].primary")
    password = page.locator("input.token").input_value()
    assert Membership.objects.get(user__username="browser-staff").unit.name == "浏览器测试单位"
    book = Workbook()
    book.active.append(["用户名", "姓名", "角色", "单位", "邮箱", "专业领域"])
    book.active.append(["browser-expert", "专家甲", "评审专家", None, None, "水利、农业"])
    book.active.append(["browser-staff", "重名", "填报人", "浏览器测试单位", None, None])
    book.save(tmp_path / "users.xlsx")
    page.click("nav.manage-nav >> text=用户批量导入")
    page.set_input_files("input[name=file]", str(tmp_path / "users.xlsx"))
    page.click("button[type=submit].primary")
    expect(page.locator("#refused")).to_contain_text("已被占用")
    expect(page.locator("#created")).to_contain_text("browser-expert")
    shot(page, shots, "14-manage-user-import")
    other = browser.new_context().new_page()
    other.goto(f"{base}/accounts/login/")
    other.fill("input[name=username]", "browser-staff")
    other.fill("input[name=password]", password)
    other.click("button[type=submit]")
    other.wait_for_url(f"{base}/")
    assert "用户与单位" not in other.content()  # the header link is for administrators only
