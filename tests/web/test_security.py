"""Security of the site as a whole: one throttled login (also for the admin), response headers,
file modes, Django's deployment check."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from tests.web.conftest import PASSWORD, make_user

ADMIN_LOGIN = "/admin/login/"


def app_login(client: Client, username: str, password: str):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


@pytest.mark.django_db
def test_the_admin_login_cannot_get_round_a_locked_app_login(settings):
    from django.contrib.auth.models import User

    User.objects.create_superuser("boss", password=PASSWORD)
    client = Client()
    for _ in range(settings.JIXIAO_LOGIN_MAX_FAILURES):
        app_login(client, "boss", "wrong")
    assert "登录失败次数过多" in app_login(client, "boss", PASSWORD).content.decode()
    guesses = [{"username": "boss", "password": f"guess-{n}"} for n in range(20)]
    guesses.append({"username": "boss", "password": PASSWORD})
    responses = [client.post(f"{ADMIN_LOGIN}?next=/admin/", guess) for guess in guesses]
    assert "_auth_user_id" not in client.session
    assert [r.status_code for r in responses] == [302] * 21
    assert all(r["Location"].startswith("/accounts/login/?next=/admin/") for r in responses)
    assert client.get("/admin/").status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("asked", "kept"),
    [
        ("/admin/units/unit/", "/admin/units/unit/"),
        ("https://elsewhere.example/admin/", "/admin/"),
        ("//elsewhere.example/", "/admin/"),
        ("", "/admin/"),
    ],
)
def test_the_admin_login_sends_to_the_app_login_with_a_safe_next(asked, kept):
    from urllib.parse import parse_qs, urlsplit

    response = Client().get(ADMIN_LOGIN, {"next": asked} if asked else {})
    location = urlsplit(response["Location"])
    assert (response.status_code, location.path) == (302, reverse("accounts:login"))
    assert parse_qs(location.query)["next"] == [kept]


@pytest.mark.django_db
def test_the_app_login_leads_into_the_admin_and_others_are_refused_without_a_loop():
    from django.contrib.auth.models import User

    User.objects.create_superuser("boss", password=PASSWORD)
    make_user("clerk", "staff")
    boss = Client()
    login = boss.get("/admin/", follow=True)
    assert login.redirect_chain[-1][0].startswith("/accounts/login/?next=/admin/")
    response = boss.post(
        login.redirect_chain[-1][0], {"username": "boss", "password": PASSWORD, "next": "/admin/"}
    )
    assert response["Location"] == "/admin/"
    assert boss.get("/admin/").status_code == 200
    assert boss.get(ADMIN_LOGIN).status_code == 302  # already in: on to the admin
    clerk = Client()
    assert app_login(clerk, "clerk", PASSWORD).status_code == 302
    assert clerk.get("/admin/", follow=True).status_code == 403


def policy(response) -> dict[str, set[str]]:
    directives = (d.split() for d in response["Content-Security-Policy"].split(";"))
    return {name: set(values) for name, *values in directives}


def test_pages_carry_a_policy_without_inline_script_or_eval(people, imported):
    signed_in = Client()
    signed_in.force_login(people.admin)
    for response in (Client().get(reverse("portal:index")), signed_in.get(reverse("dashboard"))):
        found = policy(response)
        assert found["script-src"] == {"'self'"} and found["style-src"] == {"'self'"}
        assert found["default-src"] == {"'self'"} and found["img-src"] == {"'self'", "data:"}
        assert found["object-src"] == {"'none'"} and found["frame-ancestors"] == {"'none'"}
        assert found["form-action"] == found["base-uri"] == {"'self'"}


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_signed_in_pages_and_downloads_are_not_stored(people, imported):
    form = imported.forms[0]
    client = Client()
    client.force_login(people.admin)
    urls = (
        reverse("dashboard"),
        reverse("goals:list"),
        reverse("goals:detail", args=[form.pk]),
        reverse("portal:index"),
        reverse("goals:export"),
        reverse("goals:source", args=[form.pk]),
        reverse("goals:download", args=[form.pk, "json"]),
        reverse("imports:template", args=["xlsx"]),
    )
    for url in urls:
        response = client.get(url)
        assert (response.status_code, no_store(response)) == (200, True), url
    downloads = [u for u in urls if client.get(u).has_header("Content-Disposition")]
    assert len(downloads) == 4


def test_public_pages_keep_normal_caching(imported):
    from jixiao_web.goals.models import Form

    Form.objects.filter(pk=imported.forms[0].pk).update(status="published")
    for url in (reverse("portal:index"), reverse("portal:form", args=[imported.forms[0].pk])):
        response = Client().get(url)
        assert response.status_code == 200 and not no_store(response)


def test_a_download_is_not_stored_even_for_someone_not_signed_in(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.http import HttpResponse

    from jixiao_web.middleware import SecurityHeadersMiddleware

    def download(request):
        response = HttpResponse(b"data")
        response["Content-Disposition"] = 'attachment; filename="a.bin"'
        return response

    request = rf.get("/somewhere/")
    request.user = AnonymousUser()
    assert no_store(SecurityHeadersMiddleware(download)(request))
    assert not no_store(SecurityHeadersMiddleware(lambda r: HttpResponse(b"page"))(request))


TEMPLATES = Path(__file__).resolve().parents[2] / "src" / "jixiao_web" / "templates"
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)|\son[a-z]+\s*=|\sstyle\s*=|hx-on|javascript:|js:", re.IGNORECASE
)


def test_no_template_holds_inline_script_handlers_or_style_attributes():
    found = [
        f"{path.relative_to(TEMPLATES)}:{n}: {line.strip()}"
        for path in sorted(TEMPLATES.rglob("*.html"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if INLINE.search(line)
    ]
    assert len(list(TEMPLATES.rglob("*.html"))) > 10 and found == []
