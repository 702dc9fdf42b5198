"""The editor shows and edits each indicator's period and its further columns (绩效标准 ...) where
the form or its template has them, and the form page offers its download in the template it
came from (原表样) beside the standard layout (docs/templates.md)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

import pytest
from django.urls import reverse
from tests.web.htmlform import fields

from jixiao import templates
from jixiao.domain import Indicator
from jixiao.importers import read_bytes

pytestmark = pytest.mark.django_db


def indicator(period, level1, level2, name, target, standard=""):
    extra = MappingProxyType({"绩效标准": standard} if standard else {})
    return Indicator(level1, level2, name, target, period=period, extra=extra)


ROWS = (
    indicator("midterm", "产出指标", "数量指标", "养护里程", "≥900公里", "按合同"),
    indicator("annual", "产出指标", "数量指标", "养护里程", "≥300公里", "按合同"),
    indicator("annual", "满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"),
)


@pytest.fixture
def periods_form(people, imported):
    """A draft whose indicators are of two periods, with a 绩效标准 column."""
    from jixiao_web.services import editing
    from jixiao_web.services.forms import to_core

    core = to_core(imported.forms[0]).with_changes(indicators=ROWS)
    return editing.create(core, people.admin)


def page(admin, pk: int) -> tuple[str, list[tuple[str, str]]]:
    response = admin.get(reverse("forms:edit", args=[pk]))
    assert response.status_code == 200
    html = response.content.decode()
    return html, fields(html)


def post(admin, pk: int, data: list[tuple[str, str]]):
    body: dict[str, list[str]] = {}
    for key, value in data:
        body.setdefault(key, []).append(value)
    return admin.post(reverse("forms:edit", args=[pk]), body)


def edited(data, name: str, n: int, value: str) -> list[tuple[str, str]]:
    """`data` with the n-th field called `name` set to `value`."""
    out, seen = [], 0
    for key, old in data:
        if key == name:
            old, seen = (value if seen == n else old), seen + 1
        out.append((key, old))
    assert seen > n, name
    return out


def core_of(pk: int):
    from jixiao_web.forms.models import Form
    from jixiao_web.services.forms import to_core

    return to_core(Form.objects.get(pk=pk))


def test_the_editor_shows_each_rows_period_and_further_columns(admin, periods_form):
    html, data = page(admin, periods_form.pk)
    assert [v for k, v in data if k == "ind-period"] == ["midterm", "annual", "annual"]
    assert [v for k, v in data if k == "ind-extra-0"] == ["按合同", "按合同", ""]
    assert "<th>指标期间</th>" in html and "<th>绩效标准</th>" in html
    # the row added in the browser has the same cells (the page's <template>)
    template = html[html.index('<template id="row-template">') :]
    assert 'name="ind-period"' in template and 'name="ind-extra-0"' in template


def test_a_period_and_a_further_cell_edited_are_saved(admin, periods_form):
    _, data = page(admin, periods_form.pk)
    data = edited(data, "ind-period", 0, "annual")
    data = edited(data, "ind-extra-0", 1, "")
    data = edited(data, "ind-extra-0", 2, "问卷调查")
    assert post(admin, periods_form.pk, data).status_code == 302
    rows = core_of(periods_form.pk).indicators
    assert [i.period for i in rows] == ["annual", "annual", "annual"]
    assert [dict(i.extra) for i in rows] == [{"绩效标准": "按合同"}, {}, {"绩效标准": "问卷调查"}]
    assert [i.target for i in rows] == [i.target for i in ROWS]


def test_saving_unchanged_keeps_periods_and_further_columns(admin, periods_form):
    _, data = page(admin, periods_form.pk)
    assert post(admin, periods_form.pk, data).status_code == 302
    assert [(i.period, dict(i.extra)) for i in core_of(periods_form.pk).indicators] == [
        (i.period, dict(i.extra)) for i in ROWS
    ]


def test_a_period_not_offered_is_refused(admin, periods_form):
    _, data = page(admin, periods_form.pk)
    response = post(admin, periods_form.pk, edited(data, "ind-period", 1, "quarterly"))
    assert response.status_code == 422
    assert "指标期间应为中期或本年度" in response.content.decode()


def test_a_form_without_periods_or_further_columns_shows_neither(admin, imported):
    html, data = page(admin, imported.forms[0].pk)
    assert not any(k == "ind-period" or k.startswith("ind-extra-") for k, _ in data)
    assert "指标期间" not in html


ANHUI = Path(__file__).resolve().parents[1] / "fixtures" / "templates" / "anhui"


def test_a_form_read_from_a_web_page_is_offered_and_written_in_its_template(admin, people):
    """The published Anhui form, read from its web page: its page offers 原表样 beside the
    standard layout, and that download is the Anhui layout, read back by the importer to the
    same name and funds in 元."""
    from jixiao_web.services.imports import import_files

    page = ANHUI / "jinzhai-2021-property-html.html"
    [form] = import_files([(page.name, page.read_bytes())], people.admin).forms
    want = json.loads((ANHUI / "jinzhai-2021-property-html.expected.json").read_text("utf-8"))
    region = templates.get("anhui")
    html = admin.get(reverse("forms:detail", args=[form.pk])).content.decode()
    for fmt in ("docx", "xlsx"):
        url = reverse("forms:download", args=[form.pk, fmt])
        assert f'href="{url}"' in html and f'href="{url}?template=source"' in html
        assert f"原表样（{region.name}）" in html
        response = admin.get(url, {"template": "source"})
        assert response.status_code == 200
        batch = read_bytes(b"".join(response), f"written.{fmt}")
        [again] = batch.forms
        assert again.template is not None and again.template.id == "anhui"
        assert again.project_name == want["forms"][0]["project_name"]
        stated = {k: again.funds.in_yuan(k) for k, v in again.funds.items() if v}
        assert stated == {k: Decimal(v) for k, v in want["forms"][0]["funds_yuan"].items()}
        assert again.funds.unit == region.funds_unit  # written in the template's unit
    json_url = reverse("forms:download", args=[form.pk, "json"])
    assert f'href="{json_url}?template=source"' not in html  # no paper layout: no 原表样


def test_a_form_of_the_default_template_is_offered_the_standard_layout_only(admin, imported):
    html = admin.get(reverse("forms:detail", args=[imported.forms[0].pk])).content.decode()
    assert "?template=source" not in html and "原表样" not in html


def test_the_download_in_the_source_template_is_told_apart(admin, periods_form):
    url = reverse("forms:download", args=[periods_form.pk, "docx"])
    response = admin.get(url, {"template": "source"})
    assert response.status_code == 200
    assert "-source.docx" in response["Content-Disposition"]
    assert admin.get(url, {"template": "nowhere"}).status_code == 404
