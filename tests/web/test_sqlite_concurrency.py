"""SQLite with large imports under way: other people's logins and saves still go through.

Three large imports at once used to hold the database for their whole length, so that saves
and logins failed with "database is locked" and the edit was lost. The app is run here as it is
served (production settings, a SQLite file with WAL) in separate processes: three imports of
1,000 forms each, and a user who logs in and saves a form while they run. The busy timeout is
set to 5 s (20 s by default), well below the time such an import used to hold the database.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).with_name("sqlite_load.py")
SEED = Path(__file__).parents[1] / "data" / "seed" / "000_5de6d4488e662275.txt"
FORMS = 1000
ROUNDS = 4


def _env(var: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        JIXIAO_VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="jixiao_web.settings", JIXIAO_DB_TIMEOUT="5"
    )
    return env


def _run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def _start(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(SCRIPT), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _result(process: subprocess.Popen[str]) -> dict:
    out, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    return json.loads(out.strip().splitlines()[-1])


@pytest.mark.slow
def test_logins_and_saves_succeed_while_three_large_imports_run(tmp_path):
    env = _env(tmp_path)
    pk = int(_run(env, "setup", str(SEED)).splitlines()[-1])
    documents = []
    for n in range(3):
        path = tmp_path / f"large-{n}.txt"
        _run(env, "document", str(FORMS), str(n + 1), str(path))
        documents.append(path)
    imports = [_start(env, "import", str(path)) for path in documents]
    user = _start(env, "use", str(pk), str(ROUNDS))
    used = _result(user)
    stored = [_result(p) for p in imports]

    assert used["statuses"] == [[302, 200, 302]] * ROUNDS, used
    assert used["version"] == 1 + ROUNDS
    assert used["name"] == f"东西部扶贫帮困（第 {ROUNDS} 次保存）"
    assert stored == [{"forms": FORMS, "errors": []}] * 3


def test_the_database_file_uses_wal_and_waits_for_the_lock(tmp_path):
    env = _env(tmp_path)
    code = (
        "import django; django.setup(); from django.db import connection; c = connection.cursor();"
        "print(c.execute('PRAGMA journal_mode').fetchone()[0],"
        " c.execute('PRAGMA busy_timeout').fetchone()[0])"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    mode, timeout = done.stdout.split()
    assert mode == "wal"
    assert int(timeout) == 5_000  # JIXIAO_DB_TIMEOUT, in seconds


@pytest.mark.django_db
def test_a_save_that_finds_the_database_busy_keeps_the_input(people, imported, monkeypatch):
    from django.db import OperationalError
    from django.test import Client
    from tests.web.test_editor import page_fields, post, replace, stored

    from jixiao_web.services import editing

    def locked(*args, **kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(editing, "save", locked)
    pk = imported.forms[0].pk
    client = Client()
    client.force_login(people.admin)
    data = replace(page_fields(client, pk), "project_name", "正在保存的名称")
    response = post(client, pk, data)
    html = response.content.decode()
    assert response.status_code == 503
    assert "您的修改尚未保存" in html and 'value="正在保存的名称"' in html
    assert stored(pk).version == 1 and stored(pk).project_name != "正在保存的名称"


@pytest.mark.django_db
def test_any_other_request_that_finds_the_database_busy_gets_a_503_page(people, monkeypatch):
    from django.db import OperationalError
    from django.test import Client
    from django.urls import reverse

    from jixiao_web.dashboard import views

    def locked(forms):
        raise OperationalError("database is locked")

    monkeypatch.setattr(views, "figures", locked)
    client = Client(raise_request_exception=False)
    client.force_login(people.reviewer)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 503 and response["Retry-After"] == "10"
    assert "系统正忙" in response.content.decode()
