"""Typed readers of environment variables that fail loudly on a bad value (healthchecks style),
and the modes of the local state they point to (the var/ folder: README, security)."""

from __future__ import annotations

import os
import re
import secrets
import stat
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def envstr(name: str, default: str) -> str:
    value = os.environ.get(name, "")
    return value if value else default


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0/true/false/yes/no/on/off, not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


# ninja's rate format (ninja.throttling.SimpleRateThrottle.parse_rate): 600/min, 10/s, 100/5m.
_RATE = re.compile(r"[1-9][0-9]*/([1-9][0-9]*)?(s|sec|m|min|h|hour|d|day)")


def envrate(name: str, default: str) -> str:
    """A rate limit: so many requests per period, checked here so that a typo fails at start."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not _RATE.fullmatch(value):
        raise ImproperlyConfigured(f"{name} must be like 600/min, 10/s or 1000/hour, not {value!r}")
    return value


def envlist(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name, "").strip()
    return [item.strip() for item in value.split(",") if item.strip()] if value else default


def envsecret(name: str, path: Path) -> str:
    """The secret from the environment, else from `path`, generated there once when missing."""
    value = os.environ.get(name, "")
    if value:
        return value
    if path.exists():
        return path.read_text(encoding="ascii").strip()
    private_dir(path.parent)
    key = secrets.token_urlsafe(50)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key


def restrict_mode(path: Path, mode: int) -> None:
    """Take from `path` every permission `mode` does not grant (never add one), if it exists."""
    try:
        current = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return
    if current & ~mode:
        path.chmod(current & mode)


def private_dir(path: Path) -> Path:
    """The folder, created if missing, that only its owner may list and enter (0700)."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    restrict_mode(path, 0o700)
    return path
