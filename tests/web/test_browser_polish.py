"""Browser tests of the page scripts (Debian's chromium via playwright, as test_browser.py): the
import page's list of recent imports follows an upload; the editor warns before leaving with
unsaved changes, and not after saving."""

from __future__ import annotations

import pytest
from tests.web.conftest import SEED, make_user
from tests.web.test_browser import browser, log_in  # noqa: F401  (the fixture, shared)

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def signed_in(browser, live_server, username: str, role: str):  # noqa: F811
    make_user(username, role)
    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    log_in(page, live_server.url, username)
    return page


def test_the_recent_imports_list_shows_an_upload_without_a_reload(live_server, browser):  # noqa: F811
    from jixiao_web.imports.models import ImportBatch

    page = signed_in(browser, live_server, "fin-admin", "admin")
    page.goto(f"{live_server.url}/imports/")
    assert page.locator("#recent li").count() == 0
    page.set_input_files("input[name=files]", str(SEED))
    page.click("#upload button[type=submit]")
    page.wait_for_selector("#import-report", timeout=60_000)
    batch = ImportBatch.objects.get()
    page.wait_for_selector(f"#recent a[href='/imports/{batch.pk}/']", timeout=10_000)
    assert "15 张表" in page.inner_text("#recent")
    assert "文本（Word 表格导出的文本）" in page.inner_text("#import-report")
