"""Self-evaluation in the app (docs/evaluation.md, *Self-evaluation in the app*): opening a year,
the entry page's scores against the core's, the preview, saving as typed, the save race."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from tests.web.conftest import put_in
from tests.web.selfeval_setup import ACTUALS, YEAR, client_of, keys_of, post_data

from jixiao.evaluation import evaluate, evaluation_settings, from_form
from jixiao_web.forms.models import AuditEvent, Status
from jixiao_web.selfeval.models import SelfEval
from jixiao_web.services import selfeval_flow as flow
from jixiao_web.services.forms import to_core


def core_evaluation(se: SelfEval, actuals=ACTUALS, spent="250000", reasons=None):
    """The same table built by hand from the core alone, and scored by it."""
    blank = from_form(to_core(se.form))
    total, *parts = blank.funds
    funds = (replace(total, spent=Decimal(spent)), *parts)
    rows = tuple(
        replace(r, actual=a, reason=(reasons or {}).get(i, ""))
        for i, (r, a) in enumerate(zip(blank.rows, actuals, strict=True))
    )
    table = replace(blank, funds=funds, rows=rows, actual_goal="基本完成")
    return evaluate(table, evaluation_settings(None, budget_year=YEAR))


def test_finance_opens_a_year_for_approved_forms_only(people, imported):
    put_in(imported.forms[0], Status.APPROVED)
    put_in(imported.forms[1], Status.PUBLISHED)
    assert client_of(people.staff).post("/selfeval/open/", {"year": YEAR}).status_code == 403
    assert not SelfEval.objects.exists()
    response = client_of(people.admin).post("/selfeval/open/", {"year": YEAR})
    assert response.status_code == 302
    opened = set(SelfEval.objects.values_list("form_id", flat=True))
    assert opened == {imported.forms[0].pk, imported.forms[1].pk}  # the drafts get none
    assert flow.open_year(people.admin, YEAR) == 0  # opened once only
    assert AuditEvent.objects.filter(action="selfeval_open").count() == 2


def test_an_unknown_year_is_refused_with_a_message(people, imported):
    response = client_of(people.admin).post("/selfeval/open/", {"year": "1999"}, follow=True)
    assert "请选择一个已有的预算年度" in response.content.decode()
    assert not SelfEval.objects.exists()


def test_scores_on_the_page_are_the_cores(people, opened):
    staff = client_of(people.staff)
    response = staff.post(f"/selfeval/{opened.pk}/", post_data(opened))
    assert response.status_code == 302
    expected = core_evaluation(opened)
    page = staff.get(f"/selfeval/{opened.pk}/").content.decode()
    assert re.search(rf'id="sc-total">{expected.score}<', page)
    assert re.search(rf'id="sc-exec-score">{expected.execution.score}<', page)
    for row in expected.rows:
        cell = re.search(
            rf'data-row="{row.index}".*?class="num sc-score"[^>]*>([^<]*)<', page, re.S
        )
        assert cell and cell.group(1) == f"{row.score}"
    stored = SelfEval.objects.get()
    assert (stored.score, stored.grade, stored.version) == (expected.score, expected.grade, 2)
    assert stored.rate == expected.execution.rate
    assert stored.rows[keys_of(opened)[3]]["actual"] == "25户"  # kept as typed


def test_preview_scores_what_is_typed_and_saves_nothing(people, opened):
    staff = client_of(people.staff)
    response = staff.post(f"/selfeval/{opened.pk}/preview/", post_data(opened, spent="１００００"))
    data = response.json()
    expected = core_evaluation(opened, spent="10000")
    assert data["score"] == f"{expected.score}" and data["grade"] == expected.grade
    assert [r["score"] for r in data["rows"]] == [f"{r.score}" for r in expected.rows]
    assert data["errors"] == {}
    assert SelfEval.objects.get().version == 1 and SelfEval.objects.get().rows == {}
    bad = staff.post(f"/selfeval/{opened.pk}/preview/", post_data(opened, spent="abc")).json()
    assert bad["errors"] == {"spent": "不是数字：abc"}
    assert client_of(people.other_staff).post(f"/selfeval/{opened.pk}/preview/").status_code == 403


figures = st.decimals(min_value=0, max_value=10**6, places=2).map(str)


@hypothesis_settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(numbers=st.lists(figures, min_size=5, max_size=5), spent=figures)
def test_preview_always_equals_the_core(people, opened, numbers, spent):
    """For any figures typed, the preview's scores are exactly the core's."""
    actuals = [f"{numbers[i]}{unit}" for i, unit in enumerate(["亩", "人", "亩", "户", "亩"])]
    actuals += ACTUALS[5:]
    staff = client_of(people.staff)
    data = staff.post(f"/selfeval/{opened.pk}/preview/", post_data(opened, actuals, spent)).json()
    expected = core_evaluation(opened, actuals, spent)
    assert data["score"] == f"{expected.score}"
    assert [r["score"] for r in data["rows"]] == [f"{r.score}" for r in expected.rows]
    assert data["execution"]["rate"] == (
        None if expected.execution.rate is None else f"{expected.execution.rate}"
    )


def test_an_incomplete_save_keeps_what_was_typed(people, opened):
    staff = client_of(people.staff)
    data = post_data(opened, spent="二十万", **{"funds-budget": ""})
    assert staff.post(f"/selfeval/{opened.pk}/", data).status_code == 302
    stored = SelfEval.objects.get()
    assert stored.funds["spent"] == "二十万"
    page = staff.get(f"/selfeval/{opened.pk}/").content.decode()
    assert 'value="二十万"' in page and "不是数字：二十万" in page
    refused = staff.post(f"/selfeval/{opened.pk}/submit/", follow=True).content.decode()
    assert SelfEval.objects.get().status == Status.DRAFT  # refused: an entry cannot be read
    assert "<li>全年执行数（年度资金总额）：不是数字：二十万</li>" in refused  # what and where


def test_a_far_over_row_without_a_reason_is_not_submitted(people, opened):
    staff = client_of(people.staff)
    far = ["40亩", *ACTUALS[1:]]  # 40 of 30 亩: 133% of the target
    staff.post(f"/selfeval/{opened.pk}/", post_data(opened, far))
    page = staff.get(f"/selfeval/{opened.pk}/").content.decode()
    row = re.search(r'data-row="0".*?</tr>', page, re.S).group(0)
    assert 'data-rule="evaluation.W002"' in row  # shown at its row
    response = staff.post(f"/selfeval/{opened.pk}/submit/", follow=True)
    assert SelfEval.objects.get().status == Status.DRAFT
    assert "须填写偏差原因分析及改进措施" in response.content.decode()
    reason = {f"row-{keys_of(opened)[0]}-reason": "新增流转土地，超额完成"}
    se = SelfEval.objects.get()
    staff.post(f"/selfeval/{opened.pk}/", post_data(se, far, **reason))
    staff.post(f"/selfeval/{opened.pk}/submit/")
    assert SelfEval.objects.get().status == Status.SUBMITTED


def test_a_save_race_loses_nothing(people, opened):
    """Two people start from version 1: the second save is refused, keeps its input on the page
    and shows what the other saved; saving again on purpose stores it."""
    first, second = client_of(people.staff), client_of(people.admin)
    mine = post_data(opened, ["31亩", *ACTUALS[1:]])
    theirs = post_data(opened, ["29亩", *ACTUALS[1:]])
    assert second.post(f"/selfeval/{opened.pk}/", theirs).status_code == 302
    response = first.post(f"/selfeval/{opened.pk}/", mine)
    assert response.status_code == 409
    page = response.content.decode()
    assert 'value="31亩"' in page and 'name="version" value="2"' in page
    assert "<td>“建立30亩标准智能温室生态种植大棚”实际完成值</td>" in page  # where, in words
    assert '<td translate="no">29亩</td><td translate="no">31亩</td>' in page  # theirs, mine
    key = keys_of(opened)[0]
    assert SelfEval.objects.get().rows[key]["actual"] == "29亩"  # theirs kept
    assert first.post(f"/selfeval/{opened.pk}/", {**mine, "version": "2"}).status_code == 302
    assert SelfEval.objects.get().rows[key]["actual"] == "31亩"
    assert SelfEval.objects.get().version == 3


def test_a_submitted_self_evaluation_is_not_saved(people, opened):
    staff = client_of(people.staff)
    staff.post(f"/selfeval/{opened.pk}/submit/")
    response = staff.post(f"/selfeval/{opened.pk}/", post_data(opened))
    assert response.status_code == 409
    assert 'value="28亩"' in response.content.decode()  # what was typed stays on the page
    assert SelfEval.objects.get().rows == {}


def test_its_audit_events_are_never_a_base_of_the_forms_merge(people, opened):
    """Self-evaluation events are filed under the goal form without the form's version: the
    editor's merge takes the snapshot of a form's version as its base (services.editing)."""
    client_of(people.staff).post(f"/selfeval/{opened.pk}/", post_data(opened))
    events = AuditEvent.objects.filter(action__startswith="selfeval_")
    assert events.count() == 2 and not events.filter(version__isnull=False).exists()
    saved = events.get(action="selfeval_edit").data
    assert saved["version"] == 2 and saved["entries"]["funds"]["spent"] == "250000"


# docs/evaluation.md, *Worked example*: the seed's form 1 scored by hand, typed into the page
EXAMPLE = [
    ("30亩", "", ""),
    ("8人", "部分岗位招聘延后", ""),
    ("260亩", "", ""),
    ("42户", "带动效果好于预期，来年相应调高指标值", ""),
    ("200亩", "", ""),
    ("100%", "", ""),
    ("95%", "一期验收延后半个月", ""),
    ("有所提升", "", ""),
    ("部分公开", "个别信息未按时公开", "7"),
    ("健全", "", ""),
    ("96%", "少数受益户对进度有意见", ""),
]


def test_the_worked_example_typed_into_the_page(people, opened):
    keys = keys_of(opened)
    data = post_data(opened, [a for a, _, _ in EXAMPLE], spent="239,600.00")
    for key, (_, reason, score) in zip(keys, EXAMPLE, strict=True):
        data[f"row-{key}-reason"], data[f"row-{key}-score"] = reason, score
    staff = client_of(people.staff)
    assert staff.post(f"/selfeval/{opened.pk}/", data).status_code == 302
    page = staff.get(f"/selfeval/{opened.pk}/").content.decode()
    assert 'id="sc-total">93.43<' in page and 'id="sc-grade">优<' in page
    assert 'id="sc-exec-rate">86.19%<' in page and 'id="sc-exec-score">8.62<' in page
    assert staff.post(f"/selfeval/{opened.pk}/submit/").status_code == 302
    assert SelfEval.objects.get().status == Status.SUBMITTED  # row 4 is far over, explained


def test_a_text_too_long_to_keep_is_refused_and_nothing_is_saved(people, opened):
    key = keys_of(opened)[1]
    data = post_data(opened, **{f"row-{key}-reason": "延" * 5001})
    response = client_of(people.staff).post(f"/selfeval/{opened.pk}/", data)
    assert response.status_code == 422
    assert "超过 5000 字（5001 字），未保存，请删减" in response.content.decode()
    assert 'value="28亩"' in response.content.decode()  # the rest of the input stays
    assert SelfEval.objects.get().version == 1 and SelfEval.objects.get().rows == {}
