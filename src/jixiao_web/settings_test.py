"""Settings for the test suite: the production settings with plain static storage."""

from __future__ import annotations

import secrets

from jixiao_web.settings import *  # noqa: F403
from jixiao_web.settings import STORAGES

SECRET_KEY = secrets.token_urlsafe(50)
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
