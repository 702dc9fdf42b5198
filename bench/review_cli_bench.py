"""The `jixiao review` command end to end: many documents of synthetic forms, all given on one
command line, reviewed to JSON in a file, as a user runs it; against `jixiao import` of the same
files to JSON in the same run (the baseline: reading alone).

    .venv/bin/python bench/review_cli_bench.py [--files 100] [--forms-per-file 1000] [--serial]

Each command runs in a process of its own; the script prints its wall seconds, its CPU seconds
(user + system, of the command and the child that reads the next file ahead: the machine may
be shared, so wall time is noisy), its peak memory, and the ratio of the review's times to the
import's. Peak memory is the highest sum of the resident sizes of the command and its child,
sampled every 50 ms (a forked child's pages shared with the command count twice: an upper
bound), beside the command's own peak from `wait4`. `--serial` also runs the review and the
import with `JIXIAO_READ_AHEAD=0`, every file read in the command's process, and prints the
ratios of each review to each import. Generating the documents is
not counted. Target (issue 11, item 6): 100 files of 1,000 forms in under 60 s wall and 600 MB.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import threading
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
    peak_mb: float  # the command's own (wait4)
    tree_mb: float  # the command's and its children's together (sampled)
    out_mb: float


def _rss_kb(pid: int) -> int:
    """The resident size of `pid` and of its descendants, in kB (0 for a process gone)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            kb = next((int(x.split()[1]) for x in status if x.startswith("VmRSS:")), 0)
        with open(f"/proc/{pid}/task/{pid}/children") as children:
            kids = [int(c) for c in children.read().split()]
    except (OSError, ValueError):
        return 0
    return kb + sum(_rss_kb(kid) for kid in kids)


def run(*args: str, out: Path, env: dict[str, str] | None = None) -> Run:
    """`jixiao ARGS -o OUT` in a process of its own: wall, CPU (user + system, with the children
    it waited for), its peak RSS and the peak of its process tree."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [str(JIXIAO), *args, "-o", str(out)],
        stderr=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
    )
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.05):
            peak[0] = max(peak[0], _rss_kb(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):  # 1: findings (not asked for here)
        raise SystemExit(f"jixiao {args[0]} failed")
    cpu = usage.ru_utime + usage.ru_stime
    rss = usage.ru_maxrss / 1024
    return Run(wall, cpu, rss, max(peak[0] / 1024, rss), out.stat().st_size / 1e6)


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
    parser.add_argument(
        "--serial", action="store_true", help="also review with every file read in one process"
    )
    args = parser.parse_args()
    forms = args.files * args.forms_per_file
    runs = []
    with tempfile.TemporaryDirectory() as folder:
        paths = documents(Path(folder), args.files, args.forms_per_file)
        out = Path(folder) / "out.json"
        runs.append(("jixiao import", run("import", *paths, out=out)))
        runs.append(("jixiao review", run("review", *paths, "--format", "json", out=out)))
        if args.serial:
            alone = {"JIXIAO_READ_AHEAD": "0"}
            serial = run("review", *paths, "--format", "json", out=out, env=alone)
            runs.append(("jixiao review, JIXIAO_READ_AHEAD=0", serial))
            runs.append(
                ("jixiao import, JIXIAO_READ_AHEAD=0", run("import", *paths, out=out, env=alone))
            )
    print(
        f"machine: {platform.machine()} CPython {platform.python_version()}, {os.cpu_count()} cores"
    )
    print(f"{args.files} files of {args.forms_per_file:,} forms = {forms:,} forms")
    for name, r in runs:
        print(
            f"{name}: {r.wall:6.1f} s wall, {r.cpu:6.1f} s CPU, peak {r.tree_mb:5.0f} MB "
            f"(command alone {r.peak_mb:.0f} MB), {forms / r.wall:7,.0f} forms/s "
            f"(to {r.out_mb:,.0f} MB of JSON)"
        )
    imports = [(name, r) for name, r in runs if "import" in name]
    for base_name, base in imports:
        for name, r in runs:
            if "review" in name:
                print(
                    f"ratio {name} / {base_name}: {r.wall / base.wall:.2f}x wall, "
                    f"{r.cpu / base.cpu:.2f}x CPU"
                )


if __name__ == "__main__":
    main()
