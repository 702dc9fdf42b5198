"""Web import benchmark: storing a large document, and what other people wait meanwhile (SQLite).

1. One import of N synthetic forms (`corpus.py`) through the web app's import service, as the
   import page runs it, against the core reading the same document (the baseline, same run):
   the ratio, forms per second, and the longest write transaction (how long the import holds
   SQLite's write lock at a time).
2. With `--parallel K`: K such imports at once in separate processes while this process saves a
   form through the editor page again and again; every save's time against the same saves with
   nothing else running (the baseline): the ratio of the medians and of the slowest.

    .venv/bin/python bench/store_bench.py [--forms 2000] [--parallel 3] [--saves 20]

The production settings are used, with SQLite in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import generate

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "src" / "jixiao" / "data" / "samples" / "000_5de6d4488e662275.txt"
PASSWORD = "Jx-bench-pw-3310"


def setup_django(var_dir: str) -> None:
    os.environ["JIXIAO_VAR_DIR"] = var_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao_web.settings")
    import django

    django.setup()


@contextmanager
def write_spans(spans: list[float]):
    """Record how long each outermost transaction lasts (the write lock, with IMMEDIATE)."""
    from django.db import transaction

    enter, leave = transaction.Atomic.__enter__, transaction.Atomic.__exit__
    depth, start = [0], [0.0]

    def entered(self):
        if depth[0] == 0:
            start[0] = time.perf_counter()
        depth[0] += 1
        return enter(self)

    def left(self, *exc):
        result = leave(self, *exc)
        depth[0] -= 1
        if depth[0] == 0:
            spans.append(time.perf_counter() - start[0])
        return result

    transaction.Atomic.__enter__, transaction.Atomic.__exit__ = entered, left
    try:
        yield
    finally:
        transaction.Atomic.__enter__, transaction.Atomic.__exit__ = enter, leave


def one_import(forms: int) -> None:
    from django.core.management import call_command

    from jixiao.importers import read_bytes
    from jixiao_web.services.imports import import_files

    call_command("migrate", verbosity=0)
    data = generate(forms, 11).encode()
    started = time.perf_counter()
    read_bytes(data, "large.txt")
    core = time.perf_counter() - started
    spans: list[float] = []
    with write_spans(spans):
        started = time.perf_counter()
        result = import_files([("large.txt", data)])
        web = time.perf_counter() - started
    assert len(result.forms) == forms, result.files
    print(f"import of {forms} forms: {web:.2f} s ({forms / web:.0f} forms/s)")
    print(f"core read of the same document (baseline): {core:.2f} s; ratio {web / core:.1f}x")
    print(f"write transactions: {len(spans)}, longest {max(spans):.2f} s, all {sum(spans):.2f} s")


def child_import(path: str) -> None:
    from django.contrib.auth.models import User

    from jixiao_web.services.imports import import_files

    admin = User.objects.get(username="bench")
    result = import_files([(Path(path).name, Path(path).read_bytes())], admin)
    assert not any(f.error for f in result.files), result.files


def prepare() -> int:
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from jixiao_web.services.imports import import_files

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    admin = User.objects.create_superuser("bench", password=PASSWORD)
    return import_files([(SEED.name, SEED.read_bytes())], admin).forms[0].pk


def saves(pk: int, count: int) -> list[float]:
    """Seconds each of `count` saves of form `pk` through the editor page takes."""
    from django.test import Client

    sys.path.insert(0, str(ROOT))
    from tests.web.htmlform import fields

    client = Client(SERVER_NAME="localhost")
    assert client.login(username="bench", password=PASSWORD)
    taken = []
    for n in range(count):
        data: dict[str, list[str]] = {}
        for key, value in fields(client.get(f"/forms/{pk}/edit/").content.decode()):
            data.setdefault(key, []).append(value)
        data["annual_goal"] = [f"第 {n} 次保存"]
        started = time.perf_counter()
        response = client.post(f"/forms/{pk}/edit/", data)
        taken.append(time.perf_counter() - started)
        assert response.status_code == 302, response.status_code
    return taken


def parallel(forms: int, processes: int, count: int, var_dir: str) -> None:
    pk = prepare()
    idle = saves(pk, count)
    paths = []
    for n in range(processes):
        path = Path(var_dir) / f"large-{n}.txt"
        path.write_text(generate(forms, 100 + n), encoding="utf-8")
        paths.append(path)
    children = [
        subprocess.Popen([sys.executable, __file__, "--child", str(path)], env=os.environ.copy())
        for path in paths
    ]
    time.sleep(2)  # let them read and begin writing
    busy = saves(pk, count)
    still = sum(child.poll() is None for child in children)
    codes = [child.wait() for child in children]
    assert codes == [0] * processes, codes
    print(
        f"{count} saves, idle (baseline): median {statistics.median(idle) * 1000:.0f} ms, slowest {max(idle) * 1000:.0f} ms"
    )
    print(
        f"{count} saves during {processes} imports of {forms} forms ({still} still running at the end): "
        f"median {statistics.median(busy) * 1000:.0f} ms, slowest {max(busy) * 1000:.0f} ms; "
        f"ratio {statistics.median(busy) / statistics.median(idle):.1f}x median, "
        f"{max(busy) / max(idle):.1f}x slowest"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=2000)
    parser.add_argument("--parallel", type=int, default=0)
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        setup_django(os.environ["JIXIAO_VAR_DIR"])
        child_import(args.child)
        return
    with tempfile.TemporaryDirectory() as var_dir:
        setup_django(var_dir)
        if args.parallel:
            parallel(args.forms, args.parallel, args.saves, var_dir)
        else:
            one_import(args.forms)


if __name__ == "__main__":
    main()
