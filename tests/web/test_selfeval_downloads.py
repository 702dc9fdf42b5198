"""Self-evaluation tables downloaded as Word, Excel and PDF, drawn by the core's writer
(docs/evaluation.md, *Exports*)."""

from __future__ import annotations

import io
from urllib.parse import quote

from openpyxl import load_workbook
from tests.web.selfeval_setup import client_of, post_data

MAGIC = {"docx": b"PK", "xlsx": b"PK", "pdf": b"%PDF"}


def test_each_format_is_the_saved_table(people, opened):
    staff = client_of(people.staff)
    staff.post(f"/selfeval/{opened.pk}/", post_data(opened))
    score = f"{opened.__class__.objects.get().score}"
    for fmt, magic in MAGIC.items():
        response = staff.get(f"/selfeval/{opened.pk}/download/{fmt}/")
        assert response.status_code == 200 and response.content.startswith(magic)
        name = quote(f"东西部扶贫帮困-绩效自评表.{fmt}", safe="")
        assert f"filename*=UTF-8''{name}" in response["Content-Disposition"]
    data = staff.get(f"/selfeval/{opened.pk}/download/xlsx/").content
    cells = [c.value for row in load_workbook(io.BytesIO(data)).active.iter_rows() for c in row]
    assert "25户" in cells and float(score) in cells  # the typed value and the core's total


def test_downloads_are_refused_to_outsiders_and_unknown_formats(people, opened):
    assert (
        client_of(people.other_staff).get(f"/selfeval/{opened.pk}/download/pdf/").status_code == 403
    )
    assert client_of(people.staff).get(f"/selfeval/{opened.pk}/download/exe/").status_code == 404


def test_the_year_summary_is_the_cores_workbook_of_what_the_user_sees(people, imported, opened):
    from tests.web.conftest import put_in

    from jixiao_web.forms.models import Status
    from jixiao_web.selfeval.models import SelfEval
    from jixiao_web.services import selfeval_flow as flow

    put_in(imported.forms[1], Status.APPROVED)
    flow.open_year(people.admin, 2021)
    client_of(people.staff).post(f"/selfeval/{opened.pk}/", post_data(opened))
    score = SelfEval.objects.get(pk=opened.pk).score
    response = client_of(people.admin).get("/selfeval/summary.xlsx?year=2021")
    assert response.status_code == 200
    assert "filename*=UTF-8''2021" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    projects = [c.value for row in book["项目"].iter_rows() for c in row]
    names = {f.project_name for f in imported.forms[:2]}
    assert names <= set(projects) and float(score) in projects
    assert "单位" in book.sheetnames
    # someone who sees none of them gets a message, not an empty workbook
    refused = client_of(people.other_staff).get("/selfeval/summary.xlsx?year=2021")
    assert refused.status_code == 404 and "没有该年度的绩效自评可以汇总" in refused.content.decode()


def test_the_year_summary_counts_the_red_lights_of_the_years_latest_monitoring(people, opened):
    from tests.web.monitoring_setup import entry_url, open_round
    from tests.web.monitoring_setup import post_data as monitoring_post

    def red_column() -> list:
        response = client_of(people.admin).get("/selfeval/summary.xlsx?year=2021")
        sheet = load_workbook(io.BytesIO(response.content))["项目"]
        header = next(r for r in sheet.iter_rows(values_only=True) if "红灯数" in r)
        column = header.index("红灯数")
        rows = [r for r in sheet.iter_rows(values_only=True) if opened.form.project_name in r]
        return [r[column] for r in rows]

    assert red_column() == [0]
    made = open_round(people)
    # row 1 (=30亩) at 1 of the 17.5 due by July, row 2 (=10人) at 1 of 5.83: two red rows
    rows = {0: {"current": "1亩", "reason": "经费", "measure": "加快"}, 1: {"current": "1人"}}
    saved = client_of(people.staff).post(entry_url(made, opened.form), monitoring_post(rows))
    assert saved.status_code in (200, 302)
    assert red_column() == [2]
