"""Processes for the SQLite concurrency test (`test_sqlite_concurrency.py`), run as
`python tests/web/sqlite_load.py COMMAND ...` with the production settings and a SQLite file in
`JIXIAO_VAR_DIR`, as `make run` serves them.

- `setup SEED`: migrate, collect static files, create the administrator `admin` and unit staff `clerk`, import SEED;
  prints the id of its first form.
- `document N SEED OUT`: writes a document of N synthetic forms (`bench/corpus.py`).
- `import FILE`: imports FILE as the administrator; prints how many forms were stored.
- `use PK ROUNDS`: once the imports have begun, logs in and saves form PK through the editor page,
  ROUNDS times; prints the status of every request as JSON.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Jx-load-pw-5521"


def django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao_web.settings")
    import django

    django.setup()


def setup(seed: str) -> None:
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from jixiao_web.accounts.models import Membership
    from jixiao_web.services.imports import import_files

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    admin = User.objects.create_superuser("admin", password=PASSWORD)
    result = import_files([(Path(seed).name, Path(seed).read_bytes())], admin)
    form = result.forms[0]
    clerk = User.objects.create_user("clerk", password=PASSWORD)
    Membership.objects.create(user=clerk, role="staff", unit=form.unit)
    print(form.pk)


def document(forms: int, seed: int, out: str) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from corpus import generate

    Path(out).write_text(generate(forms, seed), encoding="utf-8")


def run_import(path: str) -> None:
    from django.contrib.auth.models import User

    from jixiao_web.services.imports import import_files

    admin = User.objects.get(username="admin")
    result = import_files([(Path(path).name, Path(path).read_bytes())], admin)
    errors = [f.error for f in result.files if f.error]
    print(json.dumps({"forms": len(result.forms), "errors": errors}))


def importing() -> bool:
    """Whether an import has begun writing (its first part is committed)."""
    from jixiao_web.imports.models import SourceFile

    return SourceFile.objects.count() > 1


def use(pk: int, rounds: int) -> None:
    from django.test import Client
    from tests.web.htmlform import fields

    from jixiao_web.forms.models import Form

    deadline = time.monotonic() + 120
    while not importing() and time.monotonic() < deadline:
        time.sleep(0.05)
    statuses = []
    for n in range(rounds):
        client = Client(SERVER_NAME="localhost")
        login = client.post("/accounts/login/", {"username": "clerk", "password": PASSWORD})
        page = client.get(f"/forms/{pk}/edit/")
        data: dict[str, list[str]] = {}
        for key, value in fields(page.content.decode()):
            data.setdefault(key, []).append(value)
        data["project_name"] = [f"东西部扶贫帮困（第 {n + 1} 次保存）"]
        saved = client.post(f"/forms/{pk}/edit/", data)
        statuses.append([login.status_code, page.status_code, saved.status_code])
        time.sleep(0.3)
    form = Form.objects.get(pk=pk)
    print(json.dumps({"statuses": statuses, "version": form.version, "name": form.project_name}))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    command, *args = sys.argv[1:]
    if command == "document":
        document(int(args[0]), int(args[1]), args[2])
        sys.exit(0)
    django_setup()
    if command == "setup":
        setup(args[0])
    elif command == "import":
        run_import(args[0])
    elif command == "use":
        use(int(args[0]), int(args[1]))
