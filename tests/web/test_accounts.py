"""Log in, throttling, password hashing, language, settings from the environment, bootstrap."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def login(client: Client, username: str, password: str):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_logging_in_and_out(people):
    client = Client()
    assert login(client, "staff1", PASSWORD).status_code == 302
    assert client.get(reverse("forms:list")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert client.get(reverse("forms:list")).status_code == 302


def test_five_failures_lock_the_username_from_that_address(people):
    client = Client()
    for _ in range(5):
        assert login(client, "staff1", "wrong").status_code == 200
    refused = login(client, "staff1", PASSWORD)
    assert refused.status_code == 200
    assert "登录失败次数过多" in refused.content.decode()
    other = Client(REMOTE_ADDR="10.9.8.7")
    assert login(other, "staff1", PASSWORD).status_code == 302


def test_changing_the_password(people):
    client = Client()
    client.force_login(people.staff)
    new = "Another-pw-2291!"
    response = client.post(
        reverse("accounts:password"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    people.staff.refresh_from_db()
    assert people.staff.check_password(new)


def test_production_settings_hash_with_argon2_first():
    from jixiao_web import settings

    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert "django.middleware.csrf.CsrfViewMiddleware" in settings.MIDDLEWARE


def test_argon2_hashes_a_real_password(settings):
    from django.contrib.auth.hashers import make_password

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    assert make_password("秘密-pass-1").startswith("argon2$")


def test_english_can_be_chosen(people):
    client = Client()
    client.force_login(people.admin)
    client.post(reverse("set_language"), {"language": "en", "next": "/forms/"})
    html = client.get(reverse("forms:list")).content.decode()
    assert "Performance goal forms" in html
    assert "Generic indicator" in html and "通用套话指标" not in html  # the finding filter too
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/forms/"})
    html = client.get(reverse("forms:list")).content.decode()
    assert "绩效目标表单" in html and "通用套话指标" in html


@pytest.mark.parametrize(
    ("helper", "value", "default", "expected"),
    [
        ("envbool", "1", False, True),
        ("envbool", "off", True, False),
        ("envbool", "", True, True),
        ("envint", "42", 1, 42),
        ("envint", "", 7, 7),
    ],
)
def test_env_helpers_read_typed_values(monkeypatch, helper, value, default, expected):
    from jixiao_web import env

    monkeypatch.setenv("JX_TEST_VAR", value)
    assert getattr(env, helper)("JX_TEST_VAR", default) == expected


@pytest.mark.parametrize(("helper", "value"), [("envbool", "maybe"), ("envint", "ten")])
def test_env_helpers_fail_loudly_on_bad_values(monkeypatch, helper, value):
    from jixiao_web import env

    monkeypatch.setenv("JX_TEST_VAR", value)
    with pytest.raises(ImproperlyConfigured, match="JX_TEST_VAR"):
        getattr(env, helper)("JX_TEST_VAR", False)


def test_the_secret_key_is_generated_once_and_kept(tmp_path, monkeypatch):
    from jixiao_web.env import envsecret

    monkeypatch.delenv("JX_SECRET", raising=False)
    first = envsecret("JX_SECRET", tmp_path / "var" / "secret_key")
    assert len(first) >= 50
    assert envsecret("JX_SECRET", tmp_path / "var" / "secret_key") == first
    assert oct((tmp_path / "var" / "secret_key").stat().st_mode & 0o777) == "0o600"


def test_bootstrap_runs_twice_without_resetting_or_importing_again(db):
    from django.contrib.auth.models import User

    from jixiao_web.forms.models import Form

    sample = "src/jixiao/data/samples/000_5de6d4488e662275.txt"
    first = StringIO()
    call_command("bootstrap", "--sample", sample, "--no-static", stdout=first)
    password = next(line for line in first.getvalue().splitlines() if "password:" in line).split()[
        -1
    ]
    assert User.objects.get(username="admin").check_password(password)
    assert Form.objects.count() == 15
    assert Form.objects.filter(review_run__isnull=True).count() == 0
    second = StringIO()
    call_command("bootstrap", "--sample", sample, "--no-static", stdout=second)
    assert "password:" not in second.getvalue() and "changepassword admin" in second.getvalue()
    assert User.objects.get(username="admin").check_password(password)
    assert Form.objects.count() == 15


def settings_in(tmp_path, **env: str) -> dict[str, object]:
    """Production settings as a fresh process reads them with `env`."""
    import json
    import os
    import subprocess
    import sys

    code = (
        "import json; from jixiao_web import settings as s; print(json.dumps({k: str(getattr(s, k))"
        " for k in ('DEBUG', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECRET_KEY')}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("JIXIAO_")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "JIXIAO_VAR_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_debug_is_off_and_cookies_plain_unless_asked(tmp_path):
    plain = settings_in(tmp_path)
    assert (plain["DEBUG"], plain["SESSION_COOKIE_SECURE"]) == ("False", "False")
    https = settings_in(tmp_path, JIXIAO_HTTPS="1", JIXIAO_DEBUG="1")
    assert (https["DEBUG"], https["SESSION_COOKIE_SECURE"], https["CSRF_COOKIE_SECURE"]) == (
        "True",
        "True",
        "True",
    )
    assert (
        https["SECRET_KEY"] == plain["SECRET_KEY"] == (tmp_path / "secret_key").read_text().strip()
    )


def test_chinese_is_the_default_whatever_the_browser_asks(people):
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    client.force_login(people.admin)
    assert "绩效目标表单" in client.get(reverse("forms:list")).content.decode()
