"""The self-evaluation page in chromium: the scores follow the typing (selfeval.js and the preview
endpoint) within the content security policy, the summary draws its charts. Skips without
chromium unless JIXIAO_REQUIRE_ALL=1 (CI), as the other browser tests."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from tests.web.conftest import SEED, make_user, put_in
from tests.web.test_browser import browser, shot, shots, signed_in  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def test_scores_follow_the_typing(live_server, browser, shots):  # noqa: F811
    from jixiao_web.selfeval.models import SelfEval
    from jixiao_web.services import selfeval_flow as flow
    from jixiao_web.services.imports import import_files

    form = import_files([(SEED.name, SEED.read_bytes())]).forms[0]
    put_in(form, "approved")
    make_user("unit-clerk", "staff", form.unit)
    flow.open_year(make_user("finance", "admin"), 2021)
    se = SelfEval.objects.get()
    base = live_server.url
    page = signed_in(browser, base, "unit-clerk")
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.goto(f"{base}/selfeval/{se.pk}/")
    page.get_by_role("textbox", name="全年执行数 年度资金总额").fill("239600")
    expect(page.locator("#sc-exec-rate")).to_have_text("86.19%", timeout=10_000)
    row = page.locator('tr[data-row="0"]')
    page.get_by_role("textbox", name="实际完成值 建立30亩标准智能温室生态种植大棚").fill("40亩")
    expect(row.locator('[data-rule="evaluation.W002"]')).to_be_visible(timeout=10_000)
    page.get_by_role(
        "textbox", name="偏差原因分析及改进措施 建立30亩标准智能温室生态种植大棚"
    ).fill("超额完成")
    expect(row.locator('[data-rule="evaluation.W002"]')).to_have_count(0, timeout=10_000)
    shown = page.inner_text("#sc-total")
    shot(page, shots, "selfeval-entry")
    page.click("button:has-text('保存')")
    page.wait_for_selector(".messages")
    assert SelfEval.objects.get().score is not None
    assert f"{SelfEval.objects.get().score}" == shown  # what was shown is what the core saved
    page.goto(f"{base}/selfeval/summary/?year=2021")
    page.wait_for_selector("#chart-se-scores svg", timeout=20_000)
    shot(page, shots, "selfeval-summary")
    refused = [m for m in messages if "Content Security Policy" in m or "Refused to" in m]
    assert refused == []
