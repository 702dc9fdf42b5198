"""Browser test of the editor's periods and further columns (Debian's chromium via playwright, as
test_browser.py): a row added in the page has them too, and what is chosen and typed there is
saved."""

from __future__ import annotations

from types import MappingProxyType

import pytest
from tests.web.conftest import make_user
from tests.web.test_browser import browser, log_in  # noqa: F401  (the fixture, shared)

from jixiao.domain import Indicator

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ROWS = (
    Indicator("产出指标", "数量指标", "养护里程", "≥900公里", period="midterm",
              extra=MappingProxyType({"绩效标准": "按合同"})),
    Indicator("产出指标", "数量指标", "养护里程", "≥300公里", period="annual",
              extra=MappingProxyType({"绩效标准": "按合同"})),
)  # fmt: skip


def test_an_added_row_is_saved_with_its_period_and_standard(live_server, browser, imported):  # noqa: F811
    from jixiao_web.forms.models import Form
    from jixiao_web.services import editing
    from jixiao_web.services.forms import to_core

    admin = make_user("fin-admin", "admin")
    core = to_core(imported.forms[0]).with_changes(indicators=ROWS)
    pk = editing.create(core, admin).pk
    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    log_in(page, live_server.url, "fin-admin")
    page.goto(f"{live_server.url}/forms/{pk}/edit/")
    assert page.locator("#rows select[name=ind-period]").count() == 2
    page.click("#add-row")
    row = page.locator("#rows tr").nth(2)
    row.locator("select.l1").select_option("满意度指标")
    row.locator("select.l2").select_option("服务对象满意度指标")
    row.locator("input[name=ind-name]").fill("群众满意度")
    row.locator("input[name=ind-target]").fill("≥90%")
    row.locator("select[name=ind-period]").select_option("annual")
    row.locator("input[name=ind-extra-0]").fill("问卷调查")
    with page.expect_navigation():
        page.click("form.editor button.primary")
    saved = to_core(Form.objects.get(pk=pk)).indicators
    assert [(i.name, i.target, i.period, dict(i.extra)) for i in saved] == [
        ("养护里程", "≥900公里", "midterm", {"绩效标准": "按合同"}),
        ("养护里程", "≥300公里", "annual", {"绩效标准": "按合同"}),
        ("群众满意度", "≥90%", "annual", {"绩效标准": "问卷调查"}),
    ]
