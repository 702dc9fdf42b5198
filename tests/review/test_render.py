"""Renderers: jixiao/review@1 JSON, text, self-contained HTML, annotatable XLSX."""

import json
import re
from io import BytesIO

from openpyxl import load_workbook
from tests.documents.htmlcells import table_cells
from tests.review.conftest import SEED

from jixiao.exporters.html_export import form_html
from jixiao.exporters.review_html import render_html
from jixiao.exporters.review_text import render_text
from jixiao.exporters.review_xlsx import render_xlsx
from jixiao.importers import read_path
from jixiao.review import review_batch, to_json
from jixiao.review.model import CATEGORIES


def test_json_is_review_at_1(seed_review):
    data = json.loads(json.dumps(to_json(seed_review), ensure_ascii=False))
    assert data["schema"] == "jixiao/review@1"
    assert [f["seq"] for f in data["forms"]] == list(range(1, 16))
    form = data["forms"][1]
    assert set(form) >= {"seq", "project_name", "score", "grade", "findings"}
    finding = form["findings"][0]
    assert set(finding) >= {"rule", "category", "severity", "message", "hint", "location"}
    assert set(finding["location"]) == {"field", "indicator", "line"}
    assert all(
        f["category"] in CATEGORIES and f["severity"] in ("error", "warning", "info")
        for r in data["forms"]
        for f in r["findings"]
    )
    assert data["summary"]["funds_at_risk_yuan"] == str(seed_review.summary.funds_at_risk_yuan)


def test_text_report_lists_each_form_and_the_summary(seed_review):
    text = render_text(seed_review)
    assert text.count("\n[") == 15
    assert "受象满意度益对" in text
    assert "风险资金（中、差）" in text


def test_text_report_in_english(seed_review, monkeypatch):
    monkeypatch.setenv("JIXIAO_LANG", "en")
    text = render_text(seed_review)
    assert "is scrambled" in text and "funds at risk" in text


def test_html_is_one_self_contained_page_with_findings_in_place():
    batch = read_path(SEED)
    page = render_html(review_batch(batch), batch)
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", page)
    assert "<link" not in page and "<script" not in page
    assert page.count("<section class='form'") == 15
    # the scrambled row of form 2 carries its finding in its own row
    row = re.search(
        r"<tr class=\"warning\">(?:(?!</tr>).)*受象满意度益对(?:(?!</tr>).)*</tr>", page
    )
    assert row and "文字顺序错乱" in row.group(0)


def test_xlsx_is_a_findings_sheet_with_an_empty_column_for_reviewers(seed_review):
    book = load_workbook(BytesIO(render_xlsx(seed_review)))
    sheet = book["审核问题"]
    header = [c.value for c in sheet[1]]
    assert header[-1] == "审核意见/备注"
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert len(rows) == sum(len(r.findings) for r in seed_review.forms)
    assert all(row[-1] is None for row in rows)
    assert ("garbled.W001", 301) in {(row[5], row[8]) for row in rows}
    assert book["各表得分"].max_row >= 16


def test_each_form_of_the_report_is_the_grid_of_the_standard_table():
    batch = read_path(SEED)
    page = render_html(review_batch(batch), batch)
    sections = page.split("<section class='form'")[1:]
    for form, section in zip(batch.forms, sections, strict=True):
        grid = section[section.index("<table><colgroup>") :]
        assert table_cells(grid) == table_cells(form_html(form))
