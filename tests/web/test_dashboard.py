"""The dashboard for one budget year (the latest by default, or all) and one status (or all),
its findings chart by category name, every label in the page's language."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.urls import reverse

from jixiao.review.model import category_labels

pytestmark = pytest.mark.django_db

LATER = Path(__file__).parent.parent / "data" / "variants" / "tabbed_2023_wanyuan_crlf.txt"


@pytest.fixture
def two_years(imported):
    """The seed (15 forms of 2021) and a document of 2023."""
    from jixiao_web.services.imports import import_files

    return import_files([(LATER.name, LATER.read_bytes())]).forms


def chart_data(response) -> dict:
    html = response.content.decode()
    found = re.search(r'<script id="dash-data" type="application/json">(.*?)</script>', html)
    return json.loads(found.group(1))


def test_the_dashboard_opens_on_the_latest_year_and_every_status(admin, two_years):
    response = admin.get(reverse("dashboard"))
    assert response.context["chosen"]["year"] == 2023 and response.context["chosen"]["years"]
    assert response.context["totals"]["n"] == len(two_years)
    html = response.content.decode()
    assert '<option value="2023" selected>' in html and '<option value="2021">' in html


def test_the_dashboard_is_filtered_by_year_and_status(admin, two_years):
    from jixiao_web.forms.models import Form

    def count(**params: str) -> int:
        return admin.get(reverse("dashboard"), params).context["totals"]["n"]

    assert count(year="2021") == 15
    assert count(year="") == 15 + len(two_years)  # the form's 全部年度
    Form.objects.filter(pk=two_years[0].pk).update(status="submitted")
    assert count(year="", status="submitted") == 1
    assert count(year="2023", status="draft") == len(two_years) - 1
    assert count(year="1999") == 0
    assert count(year="", status="no-such-status") == 15 + len(two_years)  # as the list page


@pytest.mark.parametrize("value", ["abc", "99999", "２０２１x"])
def test_a_bad_year_is_the_400_page_naming_the_parameter(admin, imported, value):
    response = admin.get(reverse("dashboard"), {"year": value})
    assert response.status_code == 400
    assert "year" in response.content.decode()


def test_the_findings_chart_is_labelled_by_category_names(admin, imported):
    data = chart_data(admin.get(reverse("dashboard")))
    names = [r["label"] for r in data["finding_categories"]]
    assert names and set(names) <= set(category_labels("zh").values())
    rules = {r["rule"] for r in data["findings"]}
    assert not rules & set(names)
    counts = [r["count"] for r in data["finding_categories"]]
    assert counts == sorted(counts, reverse=True)
    assert sum(counts) >= sum(r["count"] for r in data["findings"])
    admin.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = chart_data(admin.get(reverse("dashboard")))
    assert {r["label"] for r in english["finding_categories"]} <= set(
        category_labels("en").values()
    )
    assert english["scores"][-1]["label"] == "Not reviewed"
    labels = [r["label"] for r in english["scores"] + english["grades"]]
    assert labels and not [x for x in labels if re.search(r"[\u4e00-\u9fff]", x)]
    assert "Excellent (≥90)" in labels
