"""Settings for the test suite: the production settings with plain static storage."""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

from jixiao_web.settings import *  # noqa: F403
from jixiao_web.settings import STORAGES

SECRET_KEY = secrets.token_urlsafe(50)
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve static files from the app folders, no collectstatic needed (also for the live server).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Hashing with argon2 costs ~0.1 s a user; the production list (argon2 first) is tested apart.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Persistent connections of the live server's threads would keep the test database from being dropped.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not Django's default in-memory database: parallel connections of threads (the
    # login throttle's race test, the live server) then lock it the way the app's SQLite file
    # is locked. One file per process, so suites run at the same time do not share it.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"jixiao-test-{os.getpid()}.sqlite3")
    }
