"""The `jixiao review` command end to end: many documents of synthetic forms, all given on one
command line, reviewed to JSON in a file, as a user runs it; against `jixiao import` of the same
files to JSON in the same run (the baseline: reading alone).

    .venv/bin/python bench/review_cli_bench.py [--files 100] [--forms-per-file 1000]

Each command runs in a process of its own; the script prints its wall seconds, its CPU seconds
(user + system: the machine may be shared, so wall time is noisy), its peak RSS, and the ratio
of the review's times to the import's. Generating the documents is not counted. Target (issue 11,
item 6): 100 files of 1,000 forms in under 60 s wall and 600 MB.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench")]

from corpus import generate  # noqa: E402

JIXIAO = Path(sys.executable).with_name("jixiao")


@dataclass
class Run:
    wall: float
    cpu: float
    peak_mb: float
    out_mb: float


def run(*args: str, out: Path) -> Run:
    """`jixiao ARGS -o OUT` in a process of its own: wall, CPU (user + system) and peak RSS."""
    start = time.perf_counter()
    pid = subprocess.Popen([str(JIXIAO), *args, "-o", str(out)], stderr=subprocess.DEVNULL).pid
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):  # 1: findings (not asked for here)
        raise SystemExit(f"jixiao {args[0]} failed")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(wall, cpu, usage.ru_maxrss / 1024, out.stat().st_size / 1e6)


def documents(folder: Path, files: int, per_file: int) -> list[str]:
    paths = []
    for k in range(files):
        path = folder / f"forms-{k:03}.txt"
        path.write_text(generate(per_file, seed=2021 + k), "utf-8")
        paths.append(str(path))
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--forms-per-file", type=int, default=1000)
    args = parser.parse_args()
    forms = args.files * args.forms_per_file
    with tempfile.TemporaryDirectory() as folder:
        paths = documents(Path(folder), args.files, args.forms_per_file)
        out = Path(folder) / "out.json"
        read = run("import", *paths, out=out)
        review = run("review", *paths, "--format", "json", out=out)
    print(
        f"machine: {platform.machine()} CPython {platform.python_version()}, {os.cpu_count()} cores"
    )
    print(f"{args.files} files of {args.forms_per_file:,} forms = {forms:,} forms")
    for name, r in (("jixiao import", read), ("jixiao review", review)):
        print(
            f"{name}: {r.wall:6.1f} s wall, {r.cpu:6.1f} s CPU, peak RSS {r.peak_mb:5.0f} MB, "
            f"{forms / r.wall:7,.0f} forms/s (to {r.out_mb:,.0f} MB of JSON)"
        )
    print(
        f"ratio review / import: {review.wall / read.wall:.2f}x wall, "
        f"{review.cpu / read.cpu:.2f}x CPU"
    )


if __name__ == "__main__":
    main()
