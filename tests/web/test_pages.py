"""Pages on the seed: list (search, filters, sort, pages, xlsx), detail, import, dashboard."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from tests.documents.htmlcells import table_cells

pytestmark = pytest.mark.django_db


def listed(client: Client, **params: str) -> list[str]:
    response = client.get(reverse("forms:list"), params)
    assert response.status_code == 200
    return [f.project_name for f in response.context["page"]]


def test_search_finds_forms_by_name_and_by_unit(admin, imported):
    expected = sorted(f.project_name for f in imported.forms if "科普" in f.project_name)
    assert expected and sorted(listed(admin, q="科普")) == expected
    unit = imported.forms[0].unit.name
    assert len(listed(admin, q=unit[:6])) == sum(
        1 for f in imported.forms if unit[:6] in f.unit.name
    )
    assert listed(admin, q="没有这个项目") == []


def test_filters_narrow_the_list(admin, imported):
    from jixiao_web.forms.models import Form

    grade = Form.objects.get(pk=imported.forms[0].pk).grade
    assert len(listed(admin, grade=grade)) == Form.objects.filter(grade=grade).count()
    assert len(listed(admin, year="2021")) == 15
    assert listed(admin, year="1999") == []
    assert listed(admin, status="published") == []
    with_dup = Form.objects.filter(findings__category="duplicate_project").distinct().count()
    assert len(listed(admin, category="duplicate_project")) == with_dup > 0


def test_sorting_by_funds_orders_by_the_annual_request(admin, imported):
    from jixiao_web.forms.models import Form

    names = listed(admin, sort="-funds")
    expected = list(
        Form.objects.order_by("-request_yuan", "-id").values_list("project_name", flat=True)
    )
    assert names == expected


def test_the_list_is_paginated(admin, imported):
    from jixiao_web.forms import views

    views.PAGE_SIZE, old = 4, views.PAGE_SIZE
    try:
        first = admin.get(reverse("forms:list")).context["page"]
        last = admin.get(reverse("forms:list"), {"page": "4"}).context["page"]
        assert (len(first), first.paginator.num_pages, len(last)) == (4, 4, 3)
    finally:
        views.PAGE_SIZE = old


def test_the_xlsx_export_holds_the_current_list(admin, imported):
    response = admin.get(reverse("forms:export"), {"q": "科普"})
    assert response.status_code == 200
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][1] == "项目名称"
    assert sorted(r[1] for r in rows[1:]) == sorted(listed(admin, q="科普"))


def test_the_detail_page_is_laid_out_like_the_paper_form(admin, imported):
    form = imported.forms[0]
    html = admin.get(reverse("forms:detail", args=[form.pk])).content.decode()
    for label in (
        "项目名称",
        "主管部门",
        "实施单位",
        "项目资金",
        "年度资金申请总额",
        "绩效指标",
        "一级指标",
    ):
        assert label in html
    assert "278,000.00 元" in html  # the figure as every amount is shown (format_amount)
    level1_cells = html.count('<td rowspan="')
    assert level1_cells >= 2  # merged headings
    finding = form.findings.filter(run_id=form.review_run_id).first()
    assert f'data-rule="{finding.rule}"' in html
    assert form.grade in html
    assert "000_5de6d4488e662275.txt" in html


AMOUNT = re.compile(r"([\d,]+\.\d+) 元")


def _figures(cells: list) -> list:
    """The grid with each amount as its figure: the page shows `278,000.00 元` where the export
    keeps what the document wrote (`278000`), by design (docs/exports.md)."""

    def figure(cell: tuple) -> tuple:
        shown = AMOUNT.fullmatch(cell[3]) if cell[0] == "td" else None
        text = shown.group(1).replace(",", "") if shown else cell[3]
        if cell[0] == "td" and re.fullmatch(r"\d+(\.\d+)?", text):
            text = str(Decimal(text).normalize())
        return (*cell[:3], text)

    return [[figure(c) for c in row] for row in cells]


def _paper(client, form) -> list:
    page = client.get(reverse("forms:detail", args=[form.pk])).content.decode()
    return _figures(table_cells(page[page.index('<table class="paper"') :]))


def _exported(form) -> list:
    from jixiao.exporters.html_export import form_html
    from jixiao_web.services.forms import to_core

    return _figures(table_cells(form_html(to_core(form))))


def test_the_detail_page_draws_the_grid_the_html_export_draws(admin, imported):
    for form in imported.forms[:3]:
        assert _paper(admin, form) == _exported(form)


def test_empty_headings_are_not_merged_on_the_detail_page(admin, imported):
    form = imported.forms[0]
    form.indicators.update(level1=None, level2=None)
    cells = _paper(admin, form)
    assert not [c for row in cells for c in row if c[0] == "td" and c[2] > 1]
    assert cells == _exported(form)


def _label_lines(form) -> set[str]:
    from jixiao.domain.paper import form_table

    labels = [c.text for row in form_table(form).rows for c in row.cells if c.kind == "label"]
    return {line for text in labels for line in text.split("\n") if not line.startswith("（")}


def test_every_label_of_the_standard_table_is_in_the_english_catalogue():
    from types import MappingProxyType

    from tests.documents.strategies import EXTRA_COLUMNS
    from tests.web.test_translations import ENTRIES

    from jixiao.domain.form import Form, GoalPeriod, Indicator
    from jixiao_web.forms.templatetags.display import PAPER_LABELS

    extra = MappingProxyType(dict.fromkeys(["绩效标准", "分值", "指标值说明", *EXTRA_COLUMNS], "x"))
    rows = (Indicator("甲", "乙", "丙", "=1", period="midterm", extra=extra),)
    rows += (Indicator("甲", "乙", "丁", "=1", period="annual"),)
    periods = Form(seq=1, title="表", budget_year=2021, indicators=rows)
    plain = Form(seq=1, goal_period=GoalPeriod(2021, 2023, "2021年-2023年"))
    lines = _label_lines(periods) | _label_lines(plain)
    assert lines <= set(PAPER_LABELS) <= ENTRIES.keys()


def test_the_detail_page_in_english_has_the_table_s_labels_in_english(admin, imported):
    admin.cookies["django_language"] = "en"
    cells = _paper(admin, imported.forms[0])
    labels = [c[3] for row in cells for c in row if c[0] == "th"]
    assert "Project funds\n(yuan)" in labels and "Total project funds" in labels
    assert "Annual target" in labels


def test_the_source_document_downloads_byte_for_byte(admin, imported, seed_bytes):
    response = admin.get(reverse("forms:source", args=[imported.forms[0].pk]))
    assert response.status_code == 200
    assert response.content == seed_bytes


def test_the_dashboard_shows_totals_charts_and_tables(admin, imported):
    response = admin.get(reverse("dashboard"))
    data = response.context["data"]
    assert sum(r["count"] for r in data["units"]) == 15
    assert sum(r["count"] for r in data["scores"]) == 15
    assert data["findings"] and data["findings"][0]["count"] >= data["findings"][-1]["count"]
    html = response.content.decode()
    assert 'id="chart-units"' in html and "echarts.min" in html


def test_the_dashboard_counts_scores_in_the_bands_of_the_review_grades(admin, imported):
    from jixiao.review import grades, load_settings
    from jixiao.review.scoring import grade_of
    from jixiao_web.forms.models import Form

    scores = admin.get(reverse("dashboard")).context["data"]["scores"]
    assert [r.get("grade") for r in scores] == [*grades(), None]  # the last: not reviewed
    settings = load_settings()
    stored = Counter(grade_of(f.score, False, settings) for f in Form.objects.all())
    assert {r["grade"]: r["count"] for r in scores[:-1]} == {g: stored[g] for g in grades()}
    assert scores[0]["label"] == f"{grades()[0]}（≥{settings.grade_bands[0][0]}）"


def test_importing_through_the_page_reports_forms_notes_and_errors(db, people, other_documents):
    from jixiao_web.forms.models import Form

    client = Client()
    client.force_login(people.admin)
    before = Form.objects.count()
    files = [SimpleUploadedFile(name, data) for name, data in other_documents] + [
        SimpleUploadedFile("broken.json", b'{"schema": "jixiao/forms@1", "forms": [{"seq": "x"'),
    ]
    response = client.post(reverse("imports:page"), {"files": files})
    html = response.content.decode()
    assert response.status_code == 200
    assert f"已导入 {len(other_documents)} 张表" in html
    assert "broken.json" in html and "未导入" in html
    assert Form.objects.count() == before + len(other_documents)


def test_a_failed_import_alone_stores_nothing_and_says_why(db, people):
    from jixiao_web.forms.models import Form

    client = Client()
    client.force_login(people.admin)
    before = Form.objects.count()
    response = client.post(
        reverse("imports:page"), {"files": [SimpleUploadedFile("empty.txt", b"")]}
    )
    assert response.status_code == 422
    assert "empty.txt" in response.content.decode()
    assert Form.objects.count() == before


def test_unit_staff_cannot_import_another_units_document(db, people, seed_bytes):
    from jixiao_web.forms.models import Form

    client = Client()
    client.force_login(people.other_staff)
    before = Form.objects.count()
    response = client.post(
        reverse("imports:page"), {"files": [SimpleUploadedFile("seed.txt", seed_bytes)]}
    )
    assert response.status_code == 422
    assert "不是您所在的单位" in response.content.decode()
    assert Form.objects.count() == before


def test_unknown_pages_get_an_error_page_not_a_traceback(admin):
    response = admin.get("/forms/999999/")
    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()


@pytest.mark.parametrize("identifier", ["json", "xlsx", "docx", "pdf"])
def test_the_form_page_offers_the_exporters_downloads(admin, imported, identifier):
    from jixiao.importers import read_bytes

    form = imported.forms[0]
    url = reverse("forms:download", args=[form.pk, identifier])
    assert url in admin.get(reverse("forms:detail", args=[form.pk])).content.decode()
    response = admin.get(url)
    assert response.status_code == 200
    if identifier in ("json", "xlsx", "docx"):  # formats the importers read back
        again = read_bytes(response.content, f"x.{identifier}")
        assert again.forms[0].project_name == form.project_name


def test_an_unknown_download_format_is_a_404(admin, imported):
    response = admin.get(reverse("forms:download", args=[imported.forms[0].pk, "nope"]))
    assert response.status_code == 404


def test_the_dashboard_follows_changes_to_the_data(admin, imported, other_documents):
    from jixiao_web.services.imports import import_files

    assert admin.get(reverse("dashboard")).context["totals"]["n"] == 15
    import_files(other_documents)
    assert admin.get(reverse("dashboard")).context["totals"]["n"] == 15 + len(other_documents)


def test_the_default_order_puts_the_newest_budget_year_first(admin, imported):
    from jixiao_web.forms.models import Form
    from jixiao_web.units.models import BudgetYear

    BudgetYear.objects.create(year=2022)
    last = imported.forms[-1]
    Form.objects.filter(pk=last.pk).update(budget_year=2022)
    page = admin.get(reverse("forms:list")).context["page"]
    assert [f.budget_year_id for f in page][:2] == [2022, 2021]
    assert page[0].pk == last.pk
    assert admin.get(reverse("forms:list"), {"year": "2022"}).context["page"].paginator.count == 1


def test_findings_on_fields_outside_the_table_are_shown_above_it(admin, imported):
    from jixiao_web.reviews.models import Finding

    form = imported.forms[0]
    Finding.objects.create(
        run_id=form.review_run_id,
        form=form,
        position=99,
        rule="test.W999",
        category="missing_field",
        severity="warning",
        message="预算年度与计划日期不一致（测试）",
        location={"field": "budget_year"},
    )
    html = admin.get(reverse("forms:detail", args=[form.pk])).content.decode()
    assert 'data-rule="test.W999"' in html
    assert html.index('data-rule="test.W999"') < html.index('class="paper"')


def test_files_sent_one_by_one_join_one_batch_reviewed_as_a_whole(db, people, other_documents):
    from jixiao_web.forms.models import Form
    from jixiao_web.imports.models import ImportBatch

    client = Client()
    client.force_login(people.admin)
    (a, a_data), (b, b_data) = other_documents[:2]
    first = client.post(
        reverse("imports:page"),
        {"files": [SimpleUploadedFile(a, a_data)]},
        HTTP_HX_REQUEST="true",
    )
    batch = ImportBatch.objects.latest("id")
    assert f'data-batch="{batch.pk}"' in first.content.decode()
    bad = client.post(
        reverse("imports:page"),
        {"files": [SimpleUploadedFile("bad.txt", b"")], "batch": batch.pk},
        HTTP_HX_REQUEST="true",
    )
    assert bad.status_code == 422
    second = client.post(
        reverse("imports:page"),
        {"files": [SimpleUploadedFile(b, b_data)], "batch": batch.pk},
        HTTP_HX_REQUEST="true",
    )
    assert second.status_code == 200
    done = client.post(
        reverse("imports:page"), {"finish": "1", "batch": batch.pk}, HTTP_HX_REQUEST="true"
    )
    assert "共 2 张表" in done.content.decode()
    batch.refresh_from_db()
    assert [f["name"] for f in batch.report["files"]] == [a, "bad.txt", b]
    assert list(batch.sources.values_list("position", "path")) == [(0, a), (1, b)]
    forms = Form.objects.filter(import_batch=batch)
    assert forms.count() == 2 and len({f.review_run_id for f in forms}) == 1  # one review of all


def test_nobody_adds_files_to_another_users_batch(db, people, other_documents):
    from jixiao_web.services.imports import import_files

    result = import_files(other_documents[:1], people.admin)
    client = Client()
    client.force_login(people.staff)
    name, data = other_documents[1]
    response = client.post(
        reverse("imports:page"),
        {"files": [SimpleUploadedFile(name, data)], "batch": result.batch.pk},
    )
    assert response.status_code == 403


def test_the_import_page_offers_the_excel_templates(admin):
    page = admin.get(reverse("imports:page")).content.decode()
    assert reverse("imports:template", args=["xlsx"]) in page
    response = admin.get(reverse("imports:template", args=["xlsx"]), {"year": "2026"})
    assert response.status_code == 200
    assert 'filename="jixiao-template.xlsx"' in response["Content-Disposition"]
    workbook = load_workbook(BytesIO(response.content))
    assert workbook.sheetnames[0] == "填写说明"
    long = admin.get(reverse("imports:template", args=["xlsx-long"]))
    header = [c.value for c in next(load_workbook(BytesIO(long.content)).active.iter_rows())]
    assert "项目名称" in header and "三级指标" in header
    assert admin.get(reverse("imports:template", args=["doc"])).status_code == 404
    anonymous = Client().get(reverse("imports:template", args=["xlsx"]))
    assert anonymous.status_code == 302


def test_the_detail_page_names_the_template_the_form_was_read_through(admin, imported):
    """The template's name and the confidence of its match, in Chinese and in English; a form
    of no template shows none."""
    from tests.web.test_english import chinese_said, english

    form = imported.forms[0]
    url = reverse("forms:detail", args=[form.pk])
    html = admin.get(url).content.decode()
    shown = html[html.index('id="template"') :]
    shown = shown[: shown.index("</p>")]
    assert "表样模板" in shown and "上海市区级财政项目支出绩效目标填报表" in shown
    assert "shanghai-district" in shown and "匹配度 1.00" in shown
    in_english = english(admin).get(url).content.decode()
    part = in_english[in_english.index('id="template"') :]
    part = part[: part.index("</p>")]
    assert "Template" in part and "confidence 1.00" in part
    assert chinese_said(part) == []  # the template's name is marked as data (translate="no")
    type(form).objects.filter(pk=form.pk).update(template=None)
    assert 'id="template"' not in admin.get(url).content.decode()


def test_amounts_of_a_unit_that_could_not_be_told_are_not_shown_in_yuan(admin, imported):
    from tests.web.test_english import english

    form = imported.forms[0]
    type(form).objects.filter(pk=form.pk).update(funds_unit=None)
    url = reverse("forms:detail", args=[form.pk])
    html = admin.get(url).content.decode()
    assert "278,000.00（单位不明）" in html and "278,000.00 元" not in html
    assert "278,000.00 (unit unknown)" in english(admin).get(url).content.decode()
