"""The bounds of a funds figure (jixiao.domain.bounds) and the columns that store it: whatever the
core accepts the database holds exactly, so that no page fails on a stored figure; what it
refuses is refused at the import page with a 422 that names the field, and nothing is stored."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from tests.web.conftest import put_in

from jixiao.domain.bounds import (
    MAX_FRACTION_DIGITS,
    MAX_INTEGER_DIGITS,
    amount_problem,
    check_amount,
)
from jixiao.domain.form import FUNDS_FIELDS, Funds
from jixiao.errors import InputError
from jixiao.interchange import MAX_JSON_DEPTH, dumps
from jixiao.matching import OnMatch

LARGEST = Decimal("9" * MAX_INTEGER_DIGITS + "." + "9" * MAX_FRACTION_DIGITS)
SPECIAL = [
    Decimal(text)
    for text in (
        "NaN", "-NaN", "sNaN", "-sNaN1", "Infinity", "-Infinity", "1E+999999999", "1E-999999999",
        "-0", "0E+30", "0E-30", "1.000000000000000000000", "-0.000001", "1E+16", "1E-7",
    )
]  # fmt: skip
decimals = st.one_of(
    st.decimals(),
    st.builds(
        lambda sign, digits, exponent: Decimal((sign, tuple(digits), exponent)),
        st.integers(0, 1),
        st.lists(st.integers(0, 9), min_size=1, max_size=30),
        st.integers(-40, 40),
    ),
    st.sampled_from([*SPECIAL, LARGEST]),
)


def held(name: str, value: Decimal) -> Decimal:
    """What the column keeps of `value`: PostgreSQL's numeric(p, s) rounds to s places and
    refuses more than p digits; Django's SQLite converter quantizes alike (InvalidOperation)."""
    from jixiao_web.forms.models import Form

    field = Form._meta.get_field(name)
    sent = field.get_db_prep_save(value, connection)
    return sent.quantize(Decimal(1).scaleb(-field.decimal_places), context=field.context)


@given(decimals)
def test_an_amount_is_either_held_exactly_or_refused(value) -> None:
    try:
        accepted = check_amount(value, field="年度资金申请总额")
    except InputError as error:
        assert error.field == "年度资金申请总额"
        assert amount_problem(value) is not None
        return
    assert accepted is value
    for name in FUNDS_FIELDS:
        assert held(name, value) == value
    in_yuan = Funds(unit="万元", annual_request=value).requested_yuan
    assert held("request_yuan", in_yuan) == in_yuan


within_digits = st.integers(0, MAX_FRACTION_DIGITS).flatmap(
    lambda places: st.tuples(
        st.integers(0, 10 ** (MAX_INTEGER_DIGITS + places) - 1), st.just(places)
    )
)


@given(within_digits)
def test_every_figure_within_the_digits_is_accepted(drawn) -> None:
    number, places = drawn
    value = Decimal(number).scaleb(-places)
    assert check_amount(value, field="项目资金总额") is value


def at_the_largest(seed_batch):
    """The seed with every figure of its first form at the largest amount, in 万元."""
    form = seed_batch.forms[0]
    funds = Funds("万元", **dict.fromkeys(FUNDS_FIELDS, LARGEST))
    return replace(seed_batch, forms=(form.with_changes(funds=funds),))


@pytest.mark.django_db
def test_every_page_shows_a_form_stored_at_the_largest_amounts(admin, seed_batch):
    from jixiao_web.forms.models import Form, Status
    from jixiao_web.services.forms import to_core
    from jixiao_web.services.imports import import_files

    largest = dumps(at_the_largest(seed_batch)).encode()
    # the seed is stored already (`people`): this changed copy of its first form is added to it
    result = import_files([("largest.json", largest)], on_match=OnMatch.SEPARATE)
    (row,) = result.forms
    assert admin.get(reverse("forms:edit", args=[row.pk])).status_code == 200  # while a draft
    put_in(row, Status.PUBLISHED)
    stored = Form.objects.get(pk=row.pk)  # every column read back through its converter
    assert to_core(stored).funds.annual_request == LARGEST
    assert stored.request_yuan >= LARGEST * 10000 - 1  # SQLite keeps 15 significant digits
    pages = [
        reverse("forms:list"),
        reverse("forms:list") + "?sort=-funds",
        reverse("forms:export"),
        reverse("forms:detail", args=[row.pk]),
        reverse("dashboard"),
        reverse("portal:index"),
        reverse("portal:form", args=[row.pk]),
    ]
    for url in pages:
        assert admin.get(url).status_code == 200, url
    # the dashboard's sums are the database's exact sums, not rounded through float (PostgreSQL
    # sums exactly; SQLite's own sum is already a 15-digit REAL)
    from django.db.models import Sum

    from jixiao_web.forms.templatetags.display import yuan

    page = admin.get(reverse("dashboard")).content.decode()
    unit = Form.objects.filter(pk=row.pk).values_list("unit__name", flat=True).get()
    total = Form.objects.filter(unit__name=unit).aggregate(t=Sum("request_yuan"))["t"]
    assert f'<td translate="no">{unit}</td><td class="num">' in page
    assert yuan(total) in page  # the unit's row, as exact as the database holds it


@pytest.mark.django_db
def test_the_import_page_refuses_a_figure_out_of_bounds_with_422(admin, seed_bytes):
    from jixiao_web.forms.models import Form

    before = Form.objects.count()
    text = seed_bytes.decode().replace("\t278000\n", "\t1e30\n", 1).encode()
    response = admin.post(reverse("imports:page"), {"files": [SimpleUploadedFile("a.txt", text)]})
    assert response.status_code == 422
    html = response.content.decode()
    assert "[年度资金申请总额] 金额无效：1e30（超出 16 位整数）（第 26 行）" in html
    assert Form.objects.count() == before


@pytest.mark.django_db
def test_the_import_page_refuses_json_nested_too_deep_with_422(admin):
    from jixiao_web.forms.models import Form

    before = Form.objects.count()
    deep = ("[" * 100_000 + "]" * 100_000).encode()
    response = admin.post(
        reverse("imports:page"), {"files": [SimpleUploadedFile("deep.json", deep)]}
    )
    assert response.status_code == 422
    assert f"JSON 嵌套过深：超过 {MAX_JSON_DEPTH} 层" in response.content.decode()
    assert Form.objects.count() == before
