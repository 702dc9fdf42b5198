"""Settings, all from the environment with safe defaults (see README: the web application).

JIXIAO_DEBUG=1 turns DEBUG on; JIXIAO_SECRET_KEY (else var/secret_key, generated once);
DATABASE_URL (else SQLite at var/jixiao.sqlite3); JIXIAO_ALLOWED_HOSTS; JIXIAO_HTTPS=1 for
secure cookies and HSTS; JIXIAO_VAR_DIR for the folder of local state.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url

from jixiao_web.env import envbool, envint, envlist, envrate, envsecret, envstr, private_dir

PACKAGE_DIR = Path(__file__).resolve().parent
# The secret key and the SQLite database live here: the owner's only (0700; README, security).
VAR_DIR = private_dir(Path(envstr("JIXIAO_VAR_DIR", str(Path.cwd() / "var"))).resolve())

DEBUG = envbool("JIXIAO_DEBUG", False)
SECRET_KEY = envsecret("JIXIAO_SECRET_KEY", VAR_DIR / "secret_key")
ALLOWED_HOSTS = envlist("JIXIAO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = envlist("JIXIAO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "jixiao_web.apps.AdminConfig",  # Django's admin, logging in through the app (apps.py)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "jixiao_web.accounts",
    "jixiao_web.units",
    "jixiao_web.forms",
    "jixiao_web.imports",
    "jixiao_web.reviews",
    "jixiao_web.portal",
    "jixiao_web.dashboard",
    "jixiao_web.comments",
    "jixiao_web.experts",
    "jixiao_web.people",
    "jixiao_web.selfeval",
    "jixiao_web.monitoring",
    "ninja",  # the API docs page and its Swagger UI files, served from here (no CDN)
    "django_tasks",
    "django_tasks_db",
]

# Background work (docs/imports.md, background work): tasks are queued in the database and run
# by `python -m jixiao_web worker`, which `make run` starts beside gunicorn.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# An upload of more bytes than this in all is imported by the worker, the page following its
# progress; smaller ones are imported within the request, as before.
JIXIAO_BACKGROUND_IMPORT_BYTES = envint("JIXIAO_BACKGROUND_IMPORT_BYTES", 1_000_000)
# A batch of more forms than this is reviewed as a whole by the worker, not within the request.
JIXIAO_BACKGROUND_REVIEW_FORMS = envint("JIXIAO_BACKGROUND_REVIEW_FORMS", 500)

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "jixiao_web.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "jixiao_web.middleware.SecurityHeadersMiddleware",
    "jixiao_web.services.audit.AuditActorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "jixiao_web.urls"
WSGI_APPLICATION = "jixiao_web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jixiao_web.accounts.context.role",
                "jixiao_web.comments.context.notices",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'jixiao.sqlite3'}",
        conn_max_age=envint("JIXIAO_DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers run while one writer writes; IMMEDIATE takes the write lock at BEGIN, so a
    # writer waits (up to the timeout, in seconds) instead of failing half-way. Writes are kept
    # short (large imports are written in parts, docs/imports.md), so the wait is short too.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": envint("JIXIAO_DB_TIMEOUT", 20),
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"
# Login throttling (accounts/throttle.py): this many password checks per username and address
# in a window that starts with the first of them; a successful login clears the count.
JIXIAO_LOGIN_MAX_FAILURES = envint("JIXIAO_LOGIN_MAX_FAILURES", 5)
JIXIAO_LOGIN_WINDOW_SECONDS = envint("JIXIAO_LOGIN_WINDOW_SECONDS", 15 * 60)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = envstr("JIXIAO_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

DATA_UPLOAD_MAX_MEMORY_SIZE = 25 * 1024 * 1024
# Uploaded files over 2.5 MB go to temporary files as they arrive; one request may bring at most
# JIXIAO_MAX_UPLOAD_MB in all (jixiao_web.uploads).
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
JIXIAO_MAX_UPLOAD_MB = envint("JIXIAO_MAX_UPLOAD_MB", 200)
CSRF_FAILURE_VIEW = "jixiao_web.errors.csrf_failure"
FILE_UPLOAD_HANDLERS = [
    "jixiao_web.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000
# Files one upload may bring (the import page and the API; Django refuses more: 400, API 413).
DATA_UPLOAD_MAX_NUMBER_FILES = 200

HTTPS = envbool("JIXIAO_HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("JIXIAO_HSTS_SECONDS", 3600)
    # `check --deploy` warnings left on purpose, each explained in README (security): the
    # reverse proxy redirects http to https (W008); HSTS stays on this host name (W005) and off
    # the browsers' preload list (W021), choices for the owner of the domain.
    SILENCED_SYSTEM_CHECKS = ["security.W008", "security.W005", "security.W021"]

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Rate limits count here (jixiao_web/rates.py; docs/api.md, limits): in the database, so that
    # gunicorn's processes count together. `migrate` makes the table (accounts migration 0004).
    "throttle": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "jixiao_rate_counts",
        "OPTIONS": {"MAX_ENTRIES": 10_000},  # each write counts the rows: keep them few
    },
}
# Requests one API token may make (docs/api.md, limits): "600/min", "10/s", "5000/hour".
JIXIAO_API_RATE = envrate("JIXIAO_API_RATE", "600/min")
# Requests one client address may make to the open data (/public/data/{year}/…,
# portal/open_data.py; docs/api.md, open data), counted in the cache "throttle" like the API's;
# and the licence the open data packages name (an Open Definition licence id).
JIXIAO_OPEN_DATA_RATE = envrate("JIXIAO_OPEN_DATA_RATE", "120/min")
JIXIAO_OPEN_DATA_LICENSE = envstr("JIXIAO_OPEN_DATA_LICENSE", "CC-BY-4.0")
# The reverse proxies before the app: a client's address (the open data's rate) is the one the
# last of them added to X-Forwarded-For, or REMOTE_ADDR when there are none; never the header as
# the client wrote it (ninja's default), with which anyone could choose a fresh address.
NINJA_NUM_PROXIES = envint("JIXIAO_PROXIES", 1 if HTTPS else 0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("JIXIAO_LOG_LEVEL", "WARNING")},
}
