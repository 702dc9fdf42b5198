"""Shared fixtures: paths of the committed sample documents."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed" / "000_5de6d4488e662275.txt"


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def seed_batch():
    from jixiao.importers import read_path

    return read_path(SEED)


def _transactional(request: pytest.FixtureRequest) -> bool:
    marker = request.node.get_closest_marker("django_db")
    names = request.fixturenames
    return bool(
        (marker and marker.kwargs.get("transaction"))
        or "transactional_db" in names
        or "live_server" in names
    )


@pytest.fixture(autouse=True)
def _append_only_audit_trail(request: pytest.FixtureRequest):
    """The audit table's triggers (docs/audit.md) in every test that uses the database.

    A transactional test ends with Django's flush, which on SQLite deletes the rows of each
    table, and the triggers refuse that: for those tests alone they are dropped just before the
    flush (this fixture's teardown runs before the database helper's) and made again by the next
    test. On PostgreSQL the flush truncates, which row triggers do not see.
    """
    marker = request.node.get_closest_marker("django_db")
    if not (marker or "db" in request.fixturenames or _transactional(request)):
        yield
        return
    request.getfixturevalue("_django_db_helper")
    from django.db import connection

    from jixiao_web.forms import audit_guard

    if connection.vendor == "sqlite":
        audit_guard.install(connection)
    yield
    if connection.vendor == "sqlite" and _transactional(request):
        audit_guard.remove(connection)
