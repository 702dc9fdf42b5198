"""Browser: a reviewer comments on an indicator row at its place on the paper table, the unit
sees the notice and its to-do, and the reviewer returns forms from the list in one batch (the
select-all box of batch.js); no page is refused by the content security policy."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from tests.web.conftest import SEED, make_user, put_in
from tests.web.test_browser import browser, shot, shots, signed_in  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def _csp(page) -> list[str]:
    messages: list[str] = []
    page.on("console", lambda message: messages.append(f"{page.url}: {message.text}"))
    return messages


def test_a_comment_at_its_row_a_notice_and_a_batch_return(live_server, browser, shots):  # noqa: F811
    from jixiao_web.comments.models import Comment
    from jixiao_web.forms.models import Form, Status
    from jixiao_web.services.imports import import_files

    forms = import_files([(SEED.name, SEED.read_bytes())]).forms
    first = Form.objects.select_related("unit").get(pk=forms[0].pk)
    department = first.unit.parent or first.unit
    make_user("b-reviewer", "reviewer", department)
    make_user("b-staff", "staff", first.unit)
    base = live_server.url

    reviewer = signed_in(browser, base, "b-reviewer")
    refused = _csp(reviewer)
    reviewer.goto(f"{base}/forms/{first.pk}/")
    row = reviewer.locator("tr#indicator-1")
    row.locator("details.comment-add summary").click()  # opens without JavaScript
    row.locator("textarea[name=text]").fill("第二行的指标值请写明口径")
    row.locator("details.comment-add button").click()
    expect(reviewer.locator("tr#indicator-1 ul.comments")).to_contain_text("请写明口径")
    shot(reviewer, shots, "20-comment-at-row")
    made = Comment.objects.get()
    assert made.indicator_key == first.indicators.order_by("position")[1].key

    staff = signed_in(browser, base, "b-staff")
    expect(staff.locator("header .notices .count")).to_have_text("1")
    expect(staff.locator("#todo")).to_contain_text("待填报的草稿")
    shot(staff, shots, "21-todo")
    staff.click("header .notices")
    staff.click("text=打开")
    expect(staff.locator("tr#indicator-1 ul.comments")).to_contain_text("请写明口径")
    expect(staff.locator("header .notices .count")).to_have_count(0)

    same_unit = [f.pk for f in forms[:3]]
    Form.objects.filter(pk__in=same_unit).update(unit=first.unit)
    for pk in same_unit:
        put_in(Form.objects.get(pk=pk), Status.SUBMITTED)
    reviewer.goto(f"{base}/forms/?status=submitted")
    reviewer.check("input[data-select-all]")  # batch.js ticks every row of the page
    assert reviewer.locator("input[name=ids]:checked").count() == len(same_unit)
    reviewer.select_option("#batch select[name=action]", "return")
    reviewer.fill("#batch textarea[name=comment]", "请统一补充成本指标")
    reviewer.click("#batch button")
    expect(reviewer.locator("h1")).to_contain_text("批量操作结果")
    expect(reviewer.locator("table.batch-result tr.done")).to_have_count(len(same_unit))
    shot(reviewer, shots, "22-batch-result")
    assert set(Form.objects.filter(pk__in=same_unit).values_list("status", flat=True)) == {"draft"}
    assert [m for m in refused if "Content Security Policy" in m or "Refused to" in m] == []
