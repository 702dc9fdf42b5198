"""Browser tests of the page scripts (Debian's chromium via playwright, as test_browser.py): the
import page's list of recent imports follows an upload; the editor warns before leaving with
unsaved changes, and not after saving."""

from __future__ import annotations

import re

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


OVERLAPS = """(id) => {
  const boxes = Array.from(document.querySelectorAll('#' + id + ' svg text'))
    .filter((t) => t.textContent.trim())
    .map((t) => { const r = t.getBoundingClientRect();
      return { text: t.textContent, l: r.left, r: r.right, t: r.top, b: r.bottom }; });
  const clash = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    const w = Math.min(a.r, b.r) - Math.max(a.l, b.l), h = Math.min(a.b, b.b) - Math.max(a.t, b.t);
    if (w > 1 && h > 1) clash.push([a.text, b.text]);
  }
  return { texts: boxes.map((x) => x.text), clash: clash };
}"""


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_dashboard_charts_give_every_label_room(live_server, browser, imported, language):  # noqa: F811
    from jixiao.review.model import category_labels
    from jixiao_web.forms.models import Form

    # a category name far longer than the names' column: cut, not run into its neighbours
    Form.objects.filter(pk=imported.forms[0].pk).update(project_category="跨部门" * 20)
    page = signed_in(browser, live_server, "fin-admin", "admin")
    if language == "en":
        with page.expect_navigation():
            page.select_option("select[name=language]", "en")  # the header's switch
    page.goto(f"{live_server.url}/?year=")
    page.wait_for_selector("#chart-findings svg text")
    names = set(category_labels("en" if language == "en" else "zh").values())
    for chart in ("chart-units", "chart-categories", "chart-findings", "chart-scores"):
        found = page.evaluate(OVERLAPS, chart)
        assert found["texts"] and not found["clash"], (chart, found["clash"])
    labels = page.evaluate(OVERLAPS, "chart-findings")["texts"]
    assert any(t in names for t in labels)  # names, not rule ids
    assert not any(re.fullmatch(r"[a-z_]+\.[EWI]\d{3}", t) for t in labels)


def test_the_editor_asks_before_leaving_with_unsaved_changes_only(live_server, browser, imported):  # noqa: F811
    from jixiao_web.forms.models import Form

    pk = imported.forms[0].pk
    page = signed_in(browser, live_server, "fin-admin", "admin")
    dialogs: list[str] = []

    def answer(dialog) -> None:
        dialogs.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", answer)
    edit = f"{live_server.url}/forms/{pk}/edit/"
    page.goto(edit)
    page.click("text=取消")  # nothing changed: leaves without asking
    page.wait_for_url(f"{live_server.url}/forms/{pk}/")
    assert dialogs == []

    page.goto(edit)
    page.click("input[name=project_name]")
    page.keyboard.type("（改）")
    page.click("text=取消")
    page.locator("input[name=project_name]").wait_for()  # still the editor: the page stayed
    assert dialogs == ["beforeunload"] and page.url == edit

    page.click("button[type=submit]")  # saving leaves without asking
    page.wait_for_url(f"{live_server.url}/forms/{pk}/")
    assert dialogs == ["beforeunload"]
    assert Form.objects.get(pk=pk).project_name.endswith("（改）")
    page.goto(f"{live_server.url}/forms/")
    assert dialogs == ["beforeunload"]
