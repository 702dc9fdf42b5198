"""Security of the site as a whole: one throttled login (also for the admin), response headers,
file modes, Django's deployment check."""

from __future__ import annotations

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
