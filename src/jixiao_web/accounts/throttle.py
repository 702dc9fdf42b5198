"""Login throttling: too many failures for one username from one address lock it for a while."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from jixiao_web.accounts.models import LoginFailure


def _since() -> timezone.datetime:
    return timezone.now() - timedelta(seconds=settings.JIXIAO_LOGIN_WINDOW_SECONDS)


def is_locked(username: str, address: str) -> bool:
    recent = LoginFailure.objects.filter(username=username, address=address, at__gte=_since())
    return recent.count() >= settings.JIXIAO_LOGIN_MAX_FAILURES


def record_failure(username: str, address: str) -> None:
    LoginFailure.objects.filter(at__lt=_since()).delete()
    LoginFailure.objects.create(username=username[:150], address=address[:64])


def clear(username: str, address: str) -> None:
    LoginFailure.objects.filter(username=username, address=address).delete()
