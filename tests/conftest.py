"""Shared fixtures: paths of the committed sample documents."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed" / "000_5de6d4488e662275.txt"


def region_toml(
    template_id: str, *more_columns: str, ruleset: str | None = None, tail: str = ""
) -> str:
    """A small made-up region's template (docs/templates.md), as a file in `JIXIAO_TEMPLATES`
    holds it: 项目支出名称 / 承担单位, 资金安排 in 万元, 本年度绩效目标, the four indicator columns
    and `more_columns` (each an extra column of its own name), all three fields required.
    `tail` adds keys at the end of `[table]`."""
    columns = ", ".join(
        f'"{c}"' for c in ("一级指标", "二级指标", "三级指标", "指标值", *more_columns)
    )
    extra = "".join(f'"{c}" = ["{c}"]\n' for c in more_columns)
    return (
        f'id = "{template_id}"\n'
        'name = "某省项目支出绩效目标表（测试用）"\n'
        'region = "某省"\n'
        + (f'ruleset = "{ruleset}"\n' if ruleset else "")
        + 'titles = ["某省项目支出绩效目标表"]\n'
        "[fields]\n"
        'project_name = ["项目支出名称"]\n'
        'implementing_unit = ["承担单位"]\n'
        "[funds]\n"
        'unit = "万元"\n'
        'section = ["资金安排"]\n'
        'annual_request = ["本年度预算"]\n'
        "[goals]\n"
        'annual_goal = ["本年度绩效目标"]\n'
        "[table]\n"
        f"columns = [{columns}]\n"
        'section = ["绩效指标"]\n'
        + tail
        + ("[table.extra]\n" + extra if extra else "")
        + "[required]\n"
        'fields = ["project_name", "implementing_unit", "annual_goal"]\n'
    )


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
