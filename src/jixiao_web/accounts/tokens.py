"""Personal API tokens: made, looked up and revoked (docs/api.md, tokens).

A token is 32 random bytes, URL-safe, after the marker `jx_` so that it is recognisable in a
leaked file. It is shown once; the database keeps its SHA-256 only (a token has far more
entropy than a password, so a fast digest is enough and a lookup is one indexed query).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from jixiao_web.accounts.models import ApiToken
from jixiao_web.services import audit

MARKER = "jx_"
PREFIX_LENGTH = 10  # what lists show of a token, enough to tell tokens apart
LONGEST = 200  # a longer bearer value is not a token of ours; not worth hashing
# Writing the last use on every request would make each read a write; a minute is precise enough.
LAST_USED_STEP = timedelta(minutes=1)


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def issue(user: Any, name: str, *, read_only: bool = False) -> tuple[ApiToken, str]:
    """A new token of `user`: the stored row and the token itself, which is not kept."""
    raw = MARKER + secrets.token_urlsafe(32)
    with transaction.atomic():
        row = ApiToken.objects.create(
            user=user,
            name=name,
            digest=digest(raw),
            prefix=raw[:PREFIX_LENGTH],
            read_only=read_only,
        )
        audit.record("token_create", data=_described(row))
    return row, raw


def _described(token: ApiToken) -> dict[str, Any]:
    """What the audit trail keeps of a token (docs/audit.md): never the token itself."""
    return {
        "user": token.user.get_username(),
        "token": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "read_only": token.read_only,
    }


def resolve(raw: str) -> ApiToken | None:
    """The live token `raw` stands for, of an active user, or None; notes when it was used."""
    if not raw.startswith(MARKER) or len(raw) > LONGEST:
        return None
    found = (
        ApiToken.objects.select_related("user")
        .filter(digest=digest(raw), revoked__isnull=True, user__is_active=True)
        .first()
    )
    if found is not None:
        _touch(found)
    return found


def _touch(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used is None or now - token.last_used >= LAST_USED_STEP:
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        token.last_used = now


def revoke(token: ApiToken) -> None:
    """Revoked tokens stay listed (when made, last used, revoked) but no longer open anything."""
    with transaction.atomic():
        if ApiToken.objects.filter(pk=token.pk, revoked__isnull=True).update(
            revoked=timezone.now()
        ):
            audit.record("token_revoke", data=_described(token))
