"""Security of the site as a whole: one throttled login (also for the admin), response headers,
file modes, Django's deployment check."""

from __future__ import annotations

import os
import re
import secrets
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from tests.web.conftest import PASSWORD, make_user, put_in

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
        reverse("forms:list"),
        reverse("forms:detail", args=[form.pk]),
        reverse("portal:index"),
        reverse("forms:export"),
        reverse("forms:source", args=[form.pk]),
        reverse("forms:download", args=[form.pk, "json"]),
        reverse("imports:template", args=["xlsx"]),
    )
    for url in urls:
        response = client.get(url)
        assert (response.status_code, no_store(response)) == (200, True), url
    downloads = [u for u in urls if client.get(u).has_header("Content-Disposition")]
    assert len(downloads) == 4


def test_public_pages_keep_normal_caching(imported):

    put_in(imported.forms[0], "published")
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


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def django_command(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m jixiao_web ARGS` with the production settings, SQLite unless env says else."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "DJANGO_"))}
    clean.pop("DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "jixiao_web", *args],
        env={**clean, "DJANGO_SETTINGS_MODULE": "jixiao_web.settings", **env},
        capture_output=True,
        text=True,
        check=True,
        umask=0o022,  # the usual one, under which files are created readable by all
    )


@pytest.mark.parametrize("key_in_env", [False, True])
@pytest.mark.parametrize("existing", [False, True])
def test_migrate_leaves_the_var_folder_and_the_database_private(tmp_path, existing, key_in_env):
    var = tmp_path / "var"
    if existing:  # as left by an earlier version: readable by all
        var.mkdir(mode=0o755)
        sqlite3.connect(var / "jixiao.sqlite3").close()
        (var / "jixiao.sqlite3").chmod(0o644)
        var.chmod(0o755)
    key = {"JIXIAO_SECRET_KEY": "k" * 50} if key_in_env else {}
    django_command("migrate", "--verbosity=0", JIXIAO_VAR_DIR=str(var), **key)
    assert oct(mode(var)) == "0o700"
    assert oct(mode(var / "jixiao.sqlite3")) == "0o600"
    assert key_in_env or oct(mode(var / "secret_key")) == "0o600"


def test_the_wal_files_of_an_open_database_are_private(tmp_path, django_db_blocker):
    from django.db.utils import ConnectionHandler

    name = tmp_path / "db.sqlite3"
    sqlite3.connect(name).close()
    name.chmod(0o644)  # SQLite gives the -wal and -shm files the database file's mode
    wal = {"init_command": "PRAGMA journal_mode=WAL;"}
    sqlite = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(name), "OPTIONS": wal}
    connection = ConnectionHandler({"default": sqlite})["default"]
    try:
        with django_db_blocker.unblock(), connection.cursor() as cursor:  # not the test database
            cursor.execute("CREATE TABLE t (n integer)")
        files = [name, Path(f"{name}-wal"), Path(f"{name}-shm")]
        assert [oct(mode(f)) for f in files] == ["0o600"] * 3
    finally:
        connection.close()


README = Path(__file__).resolve().parents[2] / "README.md"
CHECK_ID = re.compile(r"\b(security\.[WE]\d{3})\b")


def test_the_deployment_check_over_https_shows_or_silences_only_what_the_readme_explains(
    tmp_path,
):
    env = {
        "JIXIAO_HTTPS": "1",
        "JIXIAO_SECRET_KEY": secrets.token_urlsafe(50),
        "JIXIAO_VAR_DIR": str(tmp_path),
    }
    checked = django_command("check", "--deploy", **env)
    shown = set(CHECK_ID.findall(checked.stdout + checked.stderr))
    code = "from django.conf import settings; print(*settings.SILENCED_SYSTEM_CHECKS)"
    silenced = set(CHECK_ID.findall(django_command("shell", "-c", code, **env).stdout))
    explained = set(CHECK_ID.findall(README.read_text(encoding="utf-8")))
    assert shown <= explained and silenced <= explained
    assert silenced == explained - shown  # no explanation of a check that is not left over
