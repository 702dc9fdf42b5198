"""Whole numbers in query strings and posted forms (jixiao_web.params): a value that is no number
(`²` is a digit to str.isdigit, not to int), or one no column holds, is a 400 with the site's
error page saying which parameter, never a 500. Good values still filter."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import get_resolver, reverse
from tests.web.conftest import put_in

pytestmark = pytest.mark.django_db

HUGE = "9" * 21
BAD = ("²", "٣", HUGE, "-1", "1e3", "abc", "２０２¹")


def requests(imported) -> list[tuple[str, str, str, dict[str, str]]]:
    """(method, url, parameter, other data) of every page that reads a whole number."""
    pk = imported.forms[0].pk
    return [
        ("get", reverse("portal:index"), "year", {}),
        ("get", reverse("portal:index"), "unit", {}),
        ("get", reverse("forms:list"), "year", {}),
        ("get", reverse("forms:list"), "unit", {}),
        ("get", reverse("forms:list"), "page", {}),
        ("get", reverse("forms:export"), "year", {}),
        ("get", reverse("forms:export"), "unit", {}),
        ("get", reverse("imports:template", args=["xlsx"]), "year", {}),
        ("get", reverse("imports:template", args=["xlsx-long"]), "year", {}),
        ("post", reverse("forms:edit", args=[pk]), "version", {}),
        ("post", reverse("imports:page"), "batch", {"finish": "1"}),
    ]


def test_every_page_that_reads_a_number_refuses_a_bad_one_with_400(admin, imported):
    for method, url, name, data in requests(imported):
        for value in BAD:
            response = getattr(admin, method)(url, {**data, name: value})
            assert response.status_code == 400, (url, name, value)
            html = response.content.decode()
            assert f"参数 {name} 的值无效" in html, (url, name, value)
            assert "<title>" in html  # the site's page, not Django's plain one


def test_a_failed_edit_changes_nothing(admin, imported):
    from jixiao_web.forms.models import Form

    pk = imported.forms[0].pk
    before = Form.objects.get(pk=pk)
    response = admin.post(
        reverse("forms:edit", args=[pk]), {"version": "abc", "project_name": "改了"}
    )
    assert response.status_code == 400
    after = Form.objects.get(pk=pk)
    assert (after.version, after.project_name) == (before.version, before.project_name)


def test_the_message_is_in_english_for_english_pages(admin, imported):
    admin.cookies["django_language"] = "en"
    response = admin.get(reverse("forms:list"), {"year": "²"})
    assert response.status_code == 400
    assert "Invalid value of year: ²" in response.content.decode()


def test_good_values_still_filter(admin, imported):
    form = imported.forms[0]
    unit = form.unit
    response = admin.get(reverse("forms:list"), {"year": "2021", "unit": str(unit.pk)})
    assert response.status_code == 200
    names = {f.project_name for f in response.context["page"]}
    expected = {f.project_name for f in imported.forms if f.unit_id in unit.family_ids()}
    assert names == expected and form.project_name in names
    full_width = admin.get(reverse("forms:list"), {"year": "２０２１", "page": "1"})
    assert len(full_width.context["page"]) == 15
    assert admin.get(reverse("forms:list"), {"year": "", "unit": ""}).status_code == 200


def test_the_portal_filters_by_year_and_unit(imported):
    from jixiao_web.forms.models import Status

    form = imported.forms[0]
    put_in(form, Status.PUBLISHED)
    client = Client()
    shown = client.get(reverse("portal:index"), {"year": "2021", "unit": str(form.unit_id)})
    assert shown.status_code == 200 and list(shown.context["forms"]) == [form]
    assert list(client.get(reverse("portal:index"), {"year": "2020"}).context["forms"]) == []


def _routes(resolver, prefix=""):
    for pattern in resolver.url_patterns:
        if hasattr(pattern, "url_patterns"):
            yield from _routes(pattern, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def _url(route: str, form: int, batch: int) -> str:
    """A URL of a route with its parts filled: a form's pk (a batch's under imports/; the API's
    `<id>`), the xlsx template, the JSON download, the submit action, the open data's year, a
    comment's id."""
    pk = str(batch if route.startswith("imports/") else form)
    parts = (
        ("<int:pk>", pk),
        ("<id>", str(form)),
        ("<str:kind>", "xlsx"),
        ("<str:identifier>", "json"),
        ("<int:year>", "2021"),
        ("<int:comment>", "1"),
        ("<int:form_pk>", str(form)),  # a monitoring round's form
    )
    for part, value in parts:
        route = route.replace(part, value)
    return "/" + route.replace("<str:action>", "submit")


def test_no_page_of_the_site_answers_a_bad_number_with_a_500(admin, imported):
    """Every route of the site's own apps, GET and POST, with every whole-number parameter a
    page reads set to junk (logging out last, so that the other pages see a signed-in user)."""
    routes = [r for r in _routes(get_resolver()) if not r.startswith(("admin/", "i18n/"))]
    routes.sort(key=lambda route: route == "accounts/logout/")
    assert {"forms/", "forms/<int:pk>/edit/", "imports/", "public/"} <= set(routes)
    junk = dict.fromkeys(("year", "unit", "page", "version", "batch", "parent", "ids"), "²")
    for route in routes:
        url = _url(route, imported.forms[0].pk, imported.batch.pk)
        assert "<" not in url, route
        for method in ("get", "post"):
            response = getattr(admin, method)(url, junk)
            assert response.status_code < 500, (method, url)


def test_an_id_in_the_path_too_large_for_any_column_is_a_404(admin, imported):
    """Path ids are Django's to check (out-of-range lookups find nothing): kept so, never a 500."""
    huge = "9" * 25
    for url in ("forms/{}/", "forms/{}/edit/", "forms/{}/download/json/", "imports/{}/"):
        assert admin.get("/" + url.format(huge)).status_code == 404, url
    assert Client().get(f"/public/{huge}/").status_code == 404
    assert admin.post(f"/forms/{huge}/submit/").status_code == 404
