"""Web import on the worker: a large document uploaded through the import page, imported by the
background worker while someone saves a form in the editor (docs/imports.md, background work).

1. Baselines, same run: the core reading the same document (`read_bytes`), and the editor's
   save of one form with nothing else running.
2. The document of N synthetic forms (`corpus.py`) is posted to the import page (it is queued,
   being over JIXIAO_BACKGROUND_IMPORT_BYTES) and `python -m jixiao_web worker` imports it, as
   `make run` runs it; meanwhile this process saves a form through the editor page every
   half second (`--pause`). Printed: the import's time from the upload to the last form stored, the worker's CPU
   time, every save's status and time, and the ratios against the baselines.

    .venv/bin/python bench/web_import_bench.py [--forms 10000] [--pause 0.5]
    .ci/with-postgres .venv/bin/python bench/web_import_bench.py   # the same on PostgreSQL

The production settings are used, with SQLite in a temporary folder unless DATABASE_URL is set.
"""

from __future__ import annotations

import argparse
import os
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import generate
from store_bench import SEED, prepare, saves, setup_django


def upload(data: bytes) -> int:
    """Post the document to the import page as the bench user; the id of the queued batch."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from store_bench import PASSWORD

    client = Client(SERVER_NAME="localhost")
    assert client.login(username="bench", password=PASSWORD)
    files = {"files": [SimpleUploadedFile("large.txt", data)], "on_match": "separate"}
    response = client.post("/imports/", files)
    assert response.status_code == 302, response.status_code
    return int(response["Location"].rstrip("/").split("/")[-1])


def state(pk: int) -> tuple[str, str]:
    from jixiao_web.imports.models import ImportBatch

    batch = ImportBatch.objects.get(pk=pk)
    return batch.state, batch.progress.get("phase", "")


def worker() -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "jixiao_web", "worker", "--interval", "0.2", "-v", "0"]
    return subprocess.Popen(command, env=os.environ.copy())


def stop(process: subprocess.Popen[bytes]) -> float:
    """Stop the worker; its CPU time (user + system), in seconds."""
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def during(pk: int, form: int, pause: float, started: float) -> tuple[list[float], float]:
    """Save `form` every `pause` seconds from the first part stored to the last; the saves'
    times and the import's."""
    while state(pk)[1] != "storing":
        time.sleep(0.05)
    busy: list[float] = []
    while state(pk)[0] not in ("done", "failed"):
        busy += saves(form, 1)
        time.sleep(pause)
    return busy, time.perf_counter() - started


def run(forms: int, count: int, pause: float) -> None:
    from django.db import connection

    from jixiao.importers import read_bytes
    from jixiao_web.forms.models import Form

    form = prepare()
    data = generate(forms, 21).encode()
    started = time.perf_counter()
    read_bytes(data, "large.txt")
    core = time.perf_counter() - started
    idle = saves(form, count)
    process = worker()
    try:
        started = time.perf_counter()
        pk = upload(data)
        busy, taken = during(pk, form, pause, started)
    finally:
        cpu = stop(process)
    assert state(pk)[0] == "done", state(pk)
    stored = Form.objects.filter(import_batch_id=pk).count()
    assert stored == forms, stored
    ms = lambda xs: f"median {statistics.median(xs) * 1000:.0f} ms, slowest {max(xs) * 1000:.0f} ms"  # noqa: E731
    print(f"database: {connection.vendor}; document: {len(data) / 1e6:.1f} MB, {forms} forms")
    print(f"core read of the document (baseline): {core:.2f} s")
    print(f"web import on the worker, upload to last form stored: {taken:.2f} s")
    print(f"  ({forms / taken:.0f} forms/s; ratio {taken / core:.1f}x the core read)")
    print(f"  worker CPU (user+sys, its start included): {cpu:.2f} s")
    print(f"{count} saves, idle (baseline): {ms(idle)}")
    print(f"{len(busy)} saves during the import, all stored (302): {ms(busy)}")
    print(f"  ratio {statistics.median(busy) / statistics.median(idle):.1f}x median")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=10000)
    parser.add_argument("--saves", type=int, default=20, help="idle saves (the baseline)")
    parser.add_argument("--pause", type=float, default=0.5, help="seconds between saves")
    args = parser.parse_args()
    assert SEED.exists()
    with tempfile.TemporaryDirectory() as var_dir:
        os.environ["JIXIAO_VAR_DIR"] = var_dir
        os.environ["JIXIAO_BACKGROUND_IMPORT_BYTES"] = "0"  # on the worker, whatever the size
        setup_django(var_dir)
        run(args.forms, args.saves, args.pause)


if __name__ == "__main__":
    main()
