"""API tokens: hashed, shown once, revocable; bearer auth with 401, read-only 403, languages."""

from __future__ import annotations

import hashlib

import pytest
from tests.web.api_calls import with_token

from jixiao_web.accounts import tokens
from jixiao_web.accounts.models import ApiToken
from jixiao_web.api.auth import ReadOnlyToken, TokenAuth


@pytest.fixture
def staff_token(people):
    return tokens.issue(people.staff, "脚本")


@pytest.mark.django_db
def test_the_token_is_not_stored_only_its_digest(staff_token):
    row, raw = staff_token
    stored = ApiToken.objects.get(pk=row.pk)
    assert raw.startswith(tokens.MARKER) and len(raw) > 40
    assert stored.digest == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in {stored.digest, stored.prefix, stored.name}
    assert raw.startswith(stored.prefix) and len(stored.prefix) < len(raw)


@pytest.mark.django_db
def test_a_valid_token_names_its_user_and_notes_the_use(client, people, staff_token):
    row, raw = staff_token
    answer = client.get("/api/v1/me", headers=with_token(raw))
    assert answer.status_code == 200
    assert answer.json() == {
        "username": "staff1",
        "role": "staff",
        "unit": people.staff.membership.unit.name,
        "read_only": False,
    }
    assert ApiToken.objects.get(pk=row.pk).last_used is not None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [{}, with_token("jx_not-a-token"), with_token("x" * 5000), {"Authorization": "Basic YTpi"}],
    ids=["none", "unknown", "overlong", "basic"],
)
def test_no_or_bad_token_is_401_in_json(client, people, headers):
    answer = client.get("/api/v1/me", headers=headers)
    assert answer.status_code == 401
    assert answer.json()["code"] == "unauthorized"
    assert "令牌" in answer.json()["message"]
    assert answer["WWW-Authenticate"] == "Bearer"


@pytest.mark.django_db
def test_a_revoked_token_or_an_inactive_user_opens_nothing(client, people, staff_token):
    row, raw = staff_token
    assert client.get("/api/v1/me", headers=with_token(raw)).status_code == 200
    tokens.revoke(row)
    assert client.get("/api/v1/me", headers=with_token(raw)).status_code == 401
    _, other = tokens.issue(people.reviewer, "看板")
    people.reviewer.is_active = False
    people.reviewer.save()
    assert client.get("/api/v1/me", headers=with_token(other)).status_code == 401


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_read_only_token_reads_but_may_not_write(client, people, rf, method):
    _, raw = tokens.issue(people.staff, "只读", read_only=True)
    assert client.get("/api/v1/me", headers=with_token(raw)).json()["read_only"] is True
    writing = getattr(rf, method)("/api/v1/forms", headers=with_token(raw))
    with pytest.raises(ReadOnlyToken):  # before any endpoint runs (errors.py answers 403)
        TokenAuth()(writing)
    assert TokenAuth()(rf.get("/api/v1/forms", headers=with_token(raw))) == people.staff


@pytest.mark.django_db
def test_errors_follow_accept_language(client, people):
    chinese = client.get("/api/v1/me").json()["message"]
    english = client.get("/api/v1/me", headers={"Accept-Language": "en"}).json()["message"]
    assert "令牌" in chinese
    assert english != chinese and english.isascii() and "token" in english.lower()


@pytest.mark.django_db
def test_chinese_is_sent_as_utf8_not_escapes(client, people, staff_token):
    """What a person reads in curl's output: the unit's name and the messages as written."""
    _, raw = staff_token
    answer = client.get("/api/v1/me", headers=with_token(raw))
    assert answer["Content-Type"] == "application/json; charset=utf-8"
    assert people.staff.membership.unit.name.encode() in answer.content
    assert b"\\u" not in answer.content
    assert "令牌".encode() in client.get("/api/v1/me").content
