"""Every amount of a form's page (the funds block of the paper layout, as the form page and the
public page show it) looks alike: thousands separators, two decimals, the unit; whatever the
document wrote (`278000.00`, `278000`, `13525902.5`)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from tests.documents.htmlcells import table_cells

from jixiao.domain.form import FUNDS_FIELDS
from jixiao.domain.paper import layout_of

pytestmark = pytest.mark.django_db
SHOWN = re.compile(r"\d{1,3}(,\d{3})*\.\d{2,6} (元|万元|yuan|10,000 yuan)")


def funds_cells(html: str) -> list[str]:
    """The filled cells of the paper table's funds block (from its heading to the goals')."""
    table = html[html.index('<table class="paper">') :]
    rows = table_cells(table)
    start = next(
        n for n, row in enumerate(rows) if row[0][3].startswith(("项目资金", "Project funds"))
    )
    block = rows[start : start + len(layout_of().funds)]
    return [c[3] for row in block for c in row if c[0] == "td" and c[3]]


def test_every_amount_of_every_seed_form_is_shown_alike(admin, imported):
    from jixiao_web.forms.models import Form

    for form in Form.objects.all():
        html = admin.get(reverse("forms:detail", args=[form.pk])).content.decode()
        stored = [getattr(form, f) for f in FUNDS_FIELDS if getattr(form, f) is not None]
        shown = funds_cells(html)
        assert len(shown) == len(stored), (form.pk, shown)
        for text in shown:
            assert re.fullmatch(SHOWN, text)
        figures = sorted(Decimal(t.split(" ")[0].replace(",", "")) for t in shown)
        assert figures == sorted(stored)
        assert re.search(r"278000(\.00)?<", html) is None  # never as written


def test_the_unit_is_said_in_the_pages_language(admin, imported):
    form = imported.forms[0]
    admin.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = admin.get(reverse("forms:detail", args=[form.pk])).content.decode()
    assert "278,000.00 yuan" in html and "(yuan)" in html
