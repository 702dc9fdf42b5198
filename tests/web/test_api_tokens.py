"""API tokens for people (the page), for scripts (`apitoken`), and the rate limit per token."""

from __future__ import annotations

import re
import threading
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from tests.web.api_calls import with_token

from jixiao_web.accounts import tokens
from jixiao_web.accounts.models import ApiToken

pytestmark = pytest.mark.django_db
TOKEN = re.compile(r'value="(jx_[A-Za-z0-9_-]+)"')


def me(raw: str):
    return Client().get("/api/v1/me", headers=with_token(raw))


def signed_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def events(action: str) -> list:
    from jixiao_web.forms.models import AuditEvent

    return list(AuditEvent.objects.filter(action=action))


# The page ------------------------------------------------------------------------------------


def test_a_token_made_on_the_page_is_shown_once_and_works(people):
    client = signed_in(people.staff)
    made = client.post(reverse("accounts:tokens"), {"name": "预算系统对接"})
    assert made.status_code == 200
    html = made.content.decode()
    [raw] = TOKEN.findall(html)
    assert "不会再显示" in html and "复制" in html
    assert me(raw).json() == {**me(raw).json(), "username": "staff1", "read_only": False}
    later = client.get(reverse("accounts:tokens")).content.decode()
    assert raw not in later and not TOKEN.findall(later)
    row = ApiToken.objects.get(user=people.staff)
    assert row.name in later and f"{row.prefix}…" in later and "有效" in later


def test_a_read_only_token_from_the_page_may_only_read(people):
    made = signed_in(people.staff).post(
        reverse("accounts:tokens"), {"name": "看板", "read_only": "on"}
    )
    [raw] = TOKEN.findall(made.content.decode())
    assert me(raw).json()["read_only"] is True
    refused = Client().post("/api/v1/imports", {}, headers=with_token(raw))
    assert refused.status_code == 403 and refused.json()["code"] == "read_only_token"


def test_the_list_tells_read_only_when_made_last_used_and_revoked(people):
    row, raw = tokens.issue(people.staff, "脚本", read_only=True)
    page = signed_in(people.staff).get(reverse("accounts:tokens")).content.decode()
    assert "只读" in page and "从未使用" in page
    me(raw)
    tokens.revoke(row)
    row.refresh_from_db()
    page = signed_in(people.staff).get(reverse("accounts:tokens")).content.decode()
    assert "从未使用" not in page and "已于" in page and "撤销" in page


def test_a_nameless_token_is_refused_and_none_is_made(people):
    answer = signed_in(people.staff).post(reverse("accounts:tokens"), {"name": "  "})
    assert answer.status_code == 400 and not TOKEN.findall(answer.content.decode())
    assert not ApiToken.objects.exists()


def test_the_page_is_for_people_signed_in_and_linked_from_the_header(people):
    assert Client().get(reverse("accounts:tokens")).status_code == 302
    dashboard = signed_in(people.expert).get(reverse("dashboard")).content.decode()
    assert f'href="{reverse("accounts:tokens")}"' in dashboard and "API 令牌" in dashboard


def test_revoking_asks_then_the_token_opens_nothing(people):
    row, raw = tokens.issue(people.staff, "旧脚本")
    client = signed_in(people.staff)
    url = reverse("accounts:token_revoke", args=[row.pk])
    asked = client.get(url)
    assert asked.status_code == 200 and "确定撤销" in asked.content.decode()
    assert me(raw).status_code == 200  # asking changes nothing
    done = client.post(url)
    assert done.status_code == 302 and done["Location"] == reverse("accounts:tokens")
    assert me(raw).status_code == 401
    assert "已撤销" in client.get(reverse("accounts:tokens")).content.decode()


def test_another_users_token_cannot_be_revoked_or_seen(people):
    row, raw = tokens.issue(people.admin, "管理员的")
    client = signed_in(people.staff)
    url = reverse("accounts:token_revoke", args=[row.pk])
    assert client.get(url).status_code == 404 and client.post(url).status_code == 404
    assert "管理员的" not in client.get(reverse("accounts:tokens")).content.decode()
    assert me(raw).status_code == 200 and not events("token_revoke")


def test_revoking_without_the_csrf_token_is_refused(people):
    row, raw = tokens.issue(people.staff, "脚本")
    client = signed_in(people.staff, enforce_csrf_checks=True)
    assert client.post(reverse("accounts:token_revoke", args=[row.pk])).status_code == 403
    assert me(raw).status_code == 200


def test_making_and_revoking_are_audited_without_the_token(people):
    client = signed_in(people.staff)
    [raw] = TOKEN.findall(
        client.post(reverse("accounts:tokens"), {"name": "审计"}).content.decode()
    )
    row = ApiToken.objects.get(user=people.staff)
    client.post(reverse("accounts:token_revoke", args=[row.pk]))
    client.post(reverse("accounts:token_revoke", args=[row.pk]))  # twice: one event
    [made], [revoked] = events("token_create"), events("token_revoke")
    for event in (made, revoked):
        assert event.actor_name == "staff1" and raw not in str(event.data)
        assert event.data == {
            "user": "staff1",
            "token": row.pk,
            "name": "审计",
            "prefix": row.prefix,
            "read_only": False,
        }


# The command ---------------------------------------------------------------------------------


def apitoken(*args: str) -> str:
    out = StringIO()
    call_command("apitoken", *args, stdout=out)
    return out.getvalue().splitlines()[-1]


def test_the_commands_last_line_is_a_working_token(people):
    raw = apitoken("staff1")
    assert me(raw).status_code == 200
    assert me(raw).json()["username"] == "staff1" and me(raw).json()["read_only"] is False
    assert ApiToken.objects.get(user=people.staff).name == "命令行"
    [event] = events("token_create")
    assert event.data["user"] == "staff1" and event.actor_name == ""  # made on the server


def test_the_command_makes_a_read_only_token_with_its_name(people):
    raw = apitoken("reviewer1", "--read-only", "--name", "夜间同步")
    assert me(raw).json()["read_only"] is True
    assert ApiToken.objects.get(user=people.reviewer).name == "夜间同步"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nosuchuser"], "没有用户"),
        (["inactive"], "用户已停用"),
        (["staff1", "--name", " "], "令牌名称"),
        (["staff1", "--name", "长" * 101], "令牌名称"),
    ],
)
def test_the_command_refuses_clearly_and_makes_nothing(people, args, message):
    people.nobody.username, people.nobody.is_active = "inactive", False
    people.nobody.save()
    with pytest.raises(CommandError, match=message) as refused:
        apitoken(*args)
    assert refused.value.returncode != 0
    assert not ApiToken.objects.exists() and not events("token_create")


# Rate limits ---------------------------------------------------------------------------------


def test_the_call_over_the_rate_is_429_with_retry_after_and_another_token_is_counted_apart(
    people, settings
):
    settings.JIXIAO_API_RATE = "3/hour"
    _, first = tokens.issue(people.staff, "一")
    _, second = tokens.issue(people.staff, "二")
    assert [me(first).status_code for _ in range(3)] == [200, 200, 200]
    refused = me(first)
    assert refused.status_code == 429 and refused.json()["code"] == "throttled"
    assert 0 < int(refused["Retry-After"]) <= 3600 and "频繁" in refused.json()["message"]
    english = Client().get("/api/v1/me", headers=with_token(first, **{"Accept-Language": "en"}))
    assert english.status_code == 429 and english.json()["message"].isascii()
    assert me(second).status_code == 200
    assert Client().get("/api/v1/units", headers=with_token(first)).status_code == 429  # every path


def test_the_counts_are_in_the_database_that_every_process_shares(people, settings):
    settings.JIXIAO_API_RATE = "3/hour"
    _, raw = tokens.issue(people.staff, "一")
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM jixiao_rate_counts")
        assert cursor.fetchone() == (0,)
        me(raw)
        cursor.execute("SELECT COUNT(*) FROM jixiao_rate_counts")
        assert cursor.fetchone() == (1,)


def fake_request(token: int) -> SimpleNamespace:
    return SimpleNamespace(api_token=SimpleNamespace(pk=token, digest=f"d{token}"), META={})


@hypothesis_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(calls=st.lists(st.integers(1, 4), max_size=30), rate=st.integers(1, 5))
def test_each_token_gets_exactly_its_rate(settings, calls, rate):
    from django.core.cache import caches

    from jixiao_web.rates import TokenThrottle

    caches["throttle"].clear()
    settings.JIXIAO_API_RATE = f"{rate}/hour"
    throttle = TokenThrottle()
    allowed = [t for t in calls if throttle.allow_request(fake_request(t))]
    assert {t: allowed.count(t) for t in calls} == {t: min(rate, calls.count(t)) for t in calls}


def test_a_threads_wait_is_its_own(settings, monkeypatch):
    """One throttle serves every thread; another thread's refusal does not change this one's."""
    from django.core.cache.backends.locmem import LocMemCache

    from jixiao_web import rates

    settings.JIXIAO_API_RATE = "1/hour"
    clock = SimpleNamespace(now=0.0)
    monkeypatch.setattr(rates.TokenThrottle, "timer", staticmethod(lambda: clock.now))
    # in memory: a thread of its own would have a database connection of its own
    monkeypatch.setattr(rates, "caches", {"throttle": LocMemCache("threads", {})})
    throttle = rates.TokenThrottle()
    assert throttle.allow_request(fake_request(1))
    clock.now = 1000.0
    assert throttle.allow_request(fake_request(2))
    clock.now = 1500.0
    assert not throttle.allow_request(fake_request(1))
    other = threading.Thread(target=lambda: throttle.allow_request(fake_request(2)))
    other.start()
    other.join()
    assert throttle.wait() == 3600 - 1500


@pytest.mark.parametrize("value", ["600", "600/minute", "0/min", "abc", "10/0s"])
def test_a_bad_rate_setting_fails_at_start(monkeypatch, value):
    from jixiao_web.env import envrate

    monkeypatch.setenv("JIXIAO_API_RATE", value)
    with pytest.raises(ImproperlyConfigured, match="JIXIAO_API_RATE"):
        envrate("JIXIAO_API_RATE", "600/min")


@pytest.mark.parametrize("value", ["600/min", "10/s", "100/5m", "5000/hour", "1/day"])
def test_good_rates_are_read_as_ninja_reads_them(monkeypatch, value):
    from jixiao_web.env import envrate
    from jixiao_web.rates import TokenThrottle

    monkeypatch.setenv("JIXIAO_API_RATE", value)
    count, seconds = TokenThrottle().parse_rate(envrate("JIXIAO_API_RATE", "1/s"))
    assert count == int(value.split("/")[0]) and seconds >= 1


def test_the_token_page_speaks_english_too(people):
    client = signed_in(people.staff)
    client.cookies["django_language"] = "en"
    made = client.post(reverse("accounts:tokens"), {"name": "dashboard"}).content.decode()
    assert "It will not be shown again" in made and "Make a new token" in made
    assert "API tokens" in made and "Read-write" in made


@pytest.mark.django_db(transaction=True)
def test_migrate_alone_makes_the_rate_counts_table():
    """A deployment that runs only `migrate` still gets the table the rate limits count in
    (Django makes a cache table only with `createcachetable`; without it every call was a 500)."""

    def tables() -> list[str]:
        return connection.introspection.table_names()

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE jixiao_rate_counts")
    assert "jixiao_rate_counts" not in tables()
    call_command("migrate", "accounts", "0003", verbosity=0)
    call_command("migrate", "accounts", verbosity=0)
    assert "jixiao_rate_counts" in tables()
