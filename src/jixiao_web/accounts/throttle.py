"""Login throttling: at most JIXIAO_LOGIN_MAX_FAILURES password checks per username and address
in a window of JIXIAO_LOGIN_WINDOW_SECONDS; a successful login clears the count.

An attempt is reserved *before* the password is checked, in one transaction that holds the
pair's row: parallel guesses queue on that row (PostgreSQL: SELECT ... FOR UPDATE; SQLite: the
write lock that `transaction_mode IMMEDIATE` takes at BEGIN, see settings.py), so no more than
the limit ever reach the password check, however many arrive at once.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jixiao_web.accounts.models import LoginAttempts

USERNAME_LENGTH = 150  # the columns' sizes (models.LoginAttempts)
ADDRESS_LENGTH = 64


def _since() -> datetime:
    return timezone.now() - timedelta(seconds=settings.JIXIAO_LOGIN_WINDOW_SECONDS)


def _pair(username: str, address: str) -> dict[str, str]:
    return {"username": username[:USERNAME_LENGTH], "address": address[:ADDRESS_LENGTH]}


def reserve(username: str, address: str) -> bool:
    """Count one attempt; False, counting nothing, when the pair has used up its window."""
    LoginAttempts.objects.filter(window_start__lt=_since()).delete()  # forget old windows
    with transaction.atomic():
        row, _ = LoginAttempts.objects.select_for_update().get_or_create(
            **_pair(username, address), defaults={"window_start": timezone.now()}
        )
        if row.window_start < _since():  # the window ended after the delete above
            row.window_start, row.count = timezone.now(), 0
        if row.count >= settings.JIXIAO_LOGIN_MAX_FAILURES:
            return False
        row.count += 1
        row.save(update_fields=["window_start", "count"])
        return True


def clear(username: str, address: str) -> None:
    LoginAttempts.objects.filter(**_pair(username, address)).delete()
