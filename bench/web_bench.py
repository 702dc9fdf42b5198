"""Web benchmark: latency of the list, search, detail and dashboard pages at 10,000 forms, and
of the JSON API's list and form and the open data's forms.json of a year.

The database is filled through the real pipeline (the synthetic corpus of `corpus.py`, read by
the seed importer, stored and reviewed by the web app's services), in batches of 1,000 forms
spread over districts and budget years. The app is then served by gunicorn as `make run` serves
it, and 8 concurrent clients request each page; every figure is also given as a ratio to the
trivial view `/health/` of the same server in the same run, which is what to compare across
machines.

    .venv/bin/python bench/web_bench.py [--forms 10000] [--requests 400] [--clients 8]
    .ci/with-postgres .venv/bin/python bench/web_bench.py      # the same on PostgreSQL

SQLite lives in a temporary folder unless --var names one (then a second run reuses its data).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import generate

DISTRICTS = ["松江", "青浦", "嘉定", "奉贤", "金山", "闵行", "宝山", "浦东", "徐汇", "静安"]
TARGETS_MS = {"list": 150, "search": 150, "detail": 150, "dashboard": 300}
# The API's and the open data's limits would answer the benchmark's hundreds of calls with 429.
UNLIMITED = {"JIXIAO_API_RATE": "1000000/min", "JIXIAO_OPEN_DATA_RATE": "1000000/min"}
OPEN_YEAR_FORMS = 200  # forms published in one year, for the open data's file


def setup_django(var_dir: Path) -> None:
    os.environ["JIXIAO_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao_web.settings")
    import django

    django.setup()


def fill(forms: int) -> None:
    """Import `forms` synthetic forms in batches of 1,000 (each stored and reviewed)."""
    from django.core.management import call_command

    from jixiao.matching import OnMatch
    from jixiao_web.forms.models import Form
    from jixiao_web.services.imports import import_files

    call_command("migrate", verbosity=0)
    have = Form.objects.count()
    batch = 0
    while have < forms:
        size = min(1000, forms - have)
        district, year = DISTRICTS[batch % len(DISTRICTS)], 2021 + batch % 4
        text = (
            generate(size, seed=batch)
            .replace("某区", f"{district}区")
            .replace("某县", f"{district}县")
        )
        data = text.replace("2021", str(year)).encode()
        started = time.perf_counter()
        # the synthetic units repeat project names across batches: keep every form, as before
        result = import_files([(f"synthetic-{batch}.txt", data)], on_match=OnMatch.SEPARATE)
        errors = [f.error for f in result.files if f.error]
        if errors:
            raise SystemExit(f"web_bench: synthetic import failed: {errors}")
        have += len(result.forms)
        print(f"  imported {have:>6} forms ({time.perf_counter() - started:.1f} s for this batch)")
        batch += 1
    analyze()


def analyze() -> None:
    """Planner statistics after a bulk load (what autovacuum or a nightly ANALYZE would do)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def admin_cookie() -> str:
    """A session for an administrator, made directly in the session store."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.models import User
    from django.contrib.sessions.backends.db import SessionStore

    from jixiao_web.accounts.models import Membership, Role

    user, created = User.objects.get_or_create(username="bench-admin")
    if created:
        user.set_unusable_password()
        user.save()
        Membership.objects.create(user=user, role=Role.ADMIN)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def serve(port: int, workers: int) -> subprocess.Popen[bytes]:
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "jixiao_web.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        "4",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, env={**os.environ, **UNLIMITED, "JIXIAO_LOG_LEVEL": "ERROR"})
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/health/", timeout=1).read()
            return server
        except OSError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("web_bench: gunicorn did not start")


def api_token() -> str:
    """A token of the benchmark's administrator, for the API."""
    from django.contrib.auth.models import User

    from jixiao_web.accounts import tokens

    return tokens.issue(User.objects.get(username="bench-admin"), "bench")[1]


def publish_some(year: int) -> None:
    """Publish up to OPEN_YEAR_FORMS forms of `year`, so that its open data has content."""
    from jixiao_web.forms.models import Form, Status

    ids = Form.objects.filter(budget_year_id=year).values_list("pk", flat=True)[:OPEN_YEAR_FORMS]
    Form.objects.filter(pk__in=list(ids)).update(status=Status.PUBLISHED)


def fetch(url: str, cookie: str) -> float:
    # the API's URLs carry their token after '#', which is never sent: it becomes the header
    url, _, token = url.partition("#")
    headers = {"Authorization": f"Bearer {token}"} if token else {"Cookie": cookie}
    request = urllib.request.Request(url, headers=headers)
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()
        if response.status != 200:
            raise SystemExit(f"web_bench: {url} answered {response.status}")
    return (time.perf_counter() - started) * 1000


def measure(urls: list[str], cookie: str, clients: int) -> list[float]:
    """Every URL once, spread over `clients` threads; the latency of each request in ms."""
    times: list[float] = []
    lock = threading.Lock()
    queue = list(urls)

    def work() -> None:
        while True:
            with lock:
                if not queue:
                    return
                url = queue.pop()
            elapsed = fetch(url, cookie)
            with lock:
                times.append(elapsed)

    threads = [threading.Thread(target=work) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def pages(base: str, requests: int, rng: random.Random, token: str) -> dict[str, list[str]]:
    from jixiao_web.forms.models import Form

    ids = list(Form.objects.values_list("pk", flat=True))
    words = ["科普", "养老", "河道", "信息系统", "校园", "文化", "供水", "法律", "松江区", "民政局"]
    sorts = ["", "&sort=-funds", "&sort=name", "&sort=-score"]
    return {
        "trivial": [f"{base}/health/"] * requests,
        "list": [
            f"{base}/forms/?page={rng.randint(1, 50)}{rng.choice(sorts)}" for _ in range(requests)
        ],
        "search": [
            f"{base}/forms/?q={urllib.parse.quote(rng.choice(words))}" for _ in range(requests)
        ],
        "detail": [f"{base}/forms/{rng.choice(ids)}/" for _ in range(requests)],
        "dashboard": [f"{base}/"] * max(requests // 4, 40),
        "api-list": [
            f"{base}/api/v1/forms?page={rng.randint(1, 50)}{rng.choice(sorts)}#{token}"
            for _ in range(requests)
        ],
        "api-form": [f"{base}/api/v1/forms/{rng.choice(ids)}#{token}" for _ in range(requests)],
        "open-json": [f"{base}/public/data/2021/forms.json"] * max(requests // 10, 20),
    }


def report(results: dict[str, list[float]], database: str, forms: int, clients: int) -> bool:
    base_median, base_p95 = statistics.median(results["trivial"]), p95(results["trivial"])
    print(
        f"\nweb pages at {forms} forms, {clients} concurrent clients, {database}, "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs"
    )
    print(
        f"{'page':<10} {'n':>5} {'median ms':>10} {'p95 ms':>8} {'median ×':>9} {'p95 ×':>7}  target p95"
    )
    ok = True
    for name, times in results.items():
        median, high = statistics.median(times), p95(times)
        target = TARGETS_MS.get(name)
        verdict = "" if target is None else f"< {target} ms {'ok' if high < target else 'MISSED'}"
        ok = ok and (target is None or high < target)
        print(
            f"{name:<10} {len(times):>5} {median:>10.1f} {high:>8.1f} "
            f"{median / base_median:>9.1f} {high / base_p95:>7.1f}  {verdict}"
        )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=400, help="requests per page")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument("--var", type=Path, help="folder for the SQLite file (default: temporary)")
    args = parser.parse_args()
    var_dir = args.var or Path(tempfile.mkdtemp(prefix="jixiao-webbench-"))
    setup_django(var_dir)
    from django.db import connection

    database = connection.display_name
    print(f"filling the database ({database}) ...")
    fill(args.forms)
    cookie = admin_cookie()
    token = api_token()
    publish_some(2021)
    connection.close()
    server = serve(args.port, args.workers)
    try:
        urls = pages(f"http://127.0.0.1:{args.port}", args.requests, random.Random(7), token)
        measure([u for page in urls.values() for u in page[:20]], cookie, args.clients)  # warm up
        results = {name: measure(page, cookie, args.clients) for name, page in urls.items()}
    finally:
        server.terminate()
        server.wait()
    from jixiao_web.forms.models import Form

    ok = report(results, database, Form.objects.count(), args.clients)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
