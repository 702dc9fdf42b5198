"""Login throttling: the password is checked at most JIXIAO_LOGIN_MAX_FAILURES times per username
and address in a window, also when the guesses arrive all at once or in any order."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.backends import ModelBackend
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from tests.web.conftest import PASSWORD, make_user

THROTTLED = "登录失败次数过多"
PARALLEL = 40


class CountingBackend(ModelBackend):
    """Django's backend, counting the password checks it makes (threads share the count)."""

    calls = 0
    lock = threading.Lock()

    def authenticate(self, request, username=None, password=None, **kwargs):
        with CountingBackend.lock:
            CountingBackend.calls += 1
        return super().authenticate(request, username=username, password=password, **kwargs)


@pytest.fixture
def counting(settings):
    settings.AUTHENTICATION_BACKENDS = [f"{__name__}.CountingBackend"]
    CountingBackend.calls = 0
    return CountingBackend


def login(client: Client, username: str, password: str):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


@pytest.mark.django_db(transaction=True)
def test_parallel_wrong_passwords_are_checked_no_more_than_the_limit(counting, settings):
    make_user("target", None)
    start = threading.Barrier(PARALLEL)

    def guess(n: int) -> int:
        start.wait()  # all threads post at once
        try:
            return login(Client(), "target", f"wrong-{n}").status_code
        finally:
            connection.close()  # each thread's own connection

    with ThreadPoolExecutor(PARALLEL) as pool:
        codes = list(pool.map(guess, range(PARALLEL)))
    assert codes == [200] * PARALLEL
    assert counting.calls == settings.JIXIAO_LOGIN_MAX_FAILURES
    refused = login(Client(), "target", PASSWORD)
    assert THROTTLED in refused.content.decode()
    assert counting.calls == settings.JIXIAO_LOGIN_MAX_FAILURES


@pytest.mark.django_db
def test_a_post_without_password_does_not_reset_the_count(counting):
    make_user("target", None)
    client = Client()
    for _ in range(4):
        assert THROTTLED not in login(client, "target", "wrong").content.decode()
    assert login(client, "target", "").status_code == 200  # a field error, nothing checked
    login(client, "target", "wrong")
    refused = login(client, "target", PASSWORD)
    assert refused.status_code == 200 and THROTTLED in refused.content.decode()
    assert counting.calls == 5


@pytest.mark.django_db
def test_the_lock_ends_with_the_window(settings):
    make_user("target", None)
    client = Client()
    for _ in range(settings.JIXIAO_LOGIN_MAX_FAILURES):
        login(client, "target", "wrong")
    assert THROTTLED in login(client, "target", PASSWORD).content.decode()
    later = timezone.now() + timedelta(seconds=settings.JIXIAO_LOGIN_WINDOW_SECONDS + 1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert login(client, "target", PASSWORD).status_code == 302


def _attempt(password: str) -> bool:
    """One login through the throttled form; True when it logs in."""
    from jixiao_web.accounts.views import ThrottledAuthenticationForm

    request = RequestFactory().post("/accounts/login/")
    form = ThrottledAuthenticationForm(request, data={"username": "target", "password": password})
    return form.is_valid()


@pytest.fixture
def target(db):
    return make_user("target", None)


@hsettings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(["wrong", "right", "empty"]), max_size=14))
def test_any_sequence_checks_at_most_the_limit_between_successes(
    target, counting, settings, attempts
):
    """Model: each checked password costs one of the limit; a success gives them all back."""
    from jixiao_web.accounts.models import LoginAttempts

    LoginAttempts.objects.all().delete()  # each example starts with a clean slate
    limit = settings.JIXIAO_LOGIN_MAX_FAILURES
    used = 0
    for kind in attempts:
        counting.calls = 0
        password = {"wrong": "wrong", "right": PASSWORD, "empty": ""}[kind]
        logged_in = _attempt(password)
        checked = kind != "empty" and used < limit
        assert counting.calls == int(checked)
        assert logged_in == (checked and kind == "right")
        used = 0 if logged_in else used + int(checked)
