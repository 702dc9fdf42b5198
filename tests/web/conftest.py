"""Web fixtures: the seed imported into the test database, and one user per role."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

SEED = Path(__file__).parent.parent / "data" / "seed" / "000_5de6d4488e662275.txt"
PASSWORD = "Jx-test-pw-7731"


CLEAN = sorted((Path(__file__).parent.parent / "data" / "clean").glob("*.txt"))


@pytest.fixture
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@pytest.fixture
def other_documents() -> list[tuple[str, bytes]]:
    """Documents other than the seed (one form each), as (name, bytes)."""
    return [(path.name, path.read_bytes()) for path in CLEAN]


@pytest.fixture
def imported(db, seed_bytes):
    """The seed document imported by nobody in particular; returns the ImportResult."""
    from jixiao_web.services.imports import import_files

    return import_files([(SEED.name, seed_bytes)])


@dataclass
class People:
    admin: object
    reviewer: object
    other_reviewer: object
    staff: object
    other_staff: object
    expert: object
    nobody: object


def make_user(name: str, role: str | None, unit=None):
    from django.contrib.auth.models import User

    from jixiao_web.accounts.models import Membership

    user = User.objects.create_user(name, password=PASSWORD)
    if role:
        Membership.objects.create(user=user, role=role, unit=unit)
    return user


@pytest.fixture
def people(imported) -> People:
    """A user per role over the seed's units: its department, one unit, and a stranger unit."""
    from jixiao_web.units.models import Unit

    first = imported.forms[0].unit
    department = first.parent or first
    if first.parent is None:
        first = Unit.objects.create(name="测试实施单位", parent=department)
    elsewhere = Unit.objects.create(name="其他主管部门")
    stranger = Unit.objects.create(name="其他实施单位", parent=elsewhere)
    return People(
        admin=make_user("admin1", "admin"),
        reviewer=make_user("reviewer1", "reviewer", department),
        other_reviewer=make_user("reviewer2", "reviewer", elsewhere),
        staff=make_user("staff1", "staff", imported.forms[0].unit),
        other_staff=make_user("staff2", "staff", stranger),
        expert=make_user("expert1", "expert", stranger),
        nobody=make_user("nobody", None),
    )


@pytest.fixture
def admin(people):
    """A test client signed in as the finance administrator."""
    from django.test import Client

    client = Client()
    client.force_login(people.admin)
    return client


@pytest.fixture
def background_above_100_bytes(settings, monkeypatch):
    """Uploads over 100 bytes go to the worker, which the test runs (`worker --batch`)."""
    settings.JIXIAO_BACKGROUND_IMPORT_BYTES = 100
    settings.JIXIAO_BACKGROUND_REVIEW_FORMS = 20
    # The worker shares the test's connection and its transaction, as Django's test client does
    # for requests: it must not close it between tasks (outside the tests it does).
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def put_in(form, status: str) -> None:
    """Set a stored form's stage directly, as a test's starting point: a published form gets
    its publication (the copy the portal shows), as `services.workflow` makes it."""
    from jixiao_web.forms.models import Form, Publication, Status
    from jixiao_web.services.forms import published_copy

    Form.objects.filter(pk=form.pk).update(status=status)
    if status == Status.PUBLISHED:
        row = Form.objects.get(pk=form.pk)
        made = Publication.objects.create(
            form=row, number=row.publications.count() + 1, **published_copy(row)
        )
        Form.objects.filter(pk=form.pk).update(publication=made)


@dataclass
class Staffing:
    department: object
    unit: object
    other_department: object
    other_unit: object
    admin: object
    staff: object
    reviewer: object
    expert: object
    nobody: object


@pytest.fixture
def staffing(db) -> Staffing:
    """Two departments with a unit each, and a user per role; no forms (the seed is not read)."""
    from jixiao_web.units.models import Unit

    department = Unit.objects.create(name="测试主管部门")
    unit = Unit.objects.create(name="测试实施单位（本部）", parent=department)
    other_department = Unit.objects.create(name="其他主管部门")
    other_unit = Unit.objects.create(name="其他实施单位", parent=other_department)
    return Staffing(
        department=department,
        unit=unit,
        other_department=other_department,
        other_unit=other_unit,
        admin=make_user("finance1", "admin"),
        staff=make_user("staff1", "staff", unit),
        reviewer=make_user("reviewer1", "reviewer", department),
        expert=make_user("expert1", "expert", other_unit),
        nobody=make_user("nobody", None),
    )


@pytest.fixture
def opened(people, imported):
    """The seed's form 1 approved and its year's self-evaluation opened (tests of selfeval)."""
    from tests.web.selfeval_setup import open_form_1

    return open_form_1(people, imported)
