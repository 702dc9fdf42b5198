"""The `jixiao import` command end to end: a document of N synthetic forms to canonical JSON in a
file, as a user runs it, against the core reading the same bytes in the same run.

    .venv/bin/python bench/cli_bench.py [--forms 6000] [--repeat 3]

Prints the command's forms per second (wall time of the process, start-up included), its CPU
time (user + system), its peak memory, and the ratio of its time to the core read
(`read_bytes`, in this process) measured alternately with it. The command's own peak RSS is
taken from `wait4` on it; a child started from this process counts this process's memory as
its own until it executes the command, so the command is started by `/usr/bin/time` (a small
process) where there is one, and its figure is the one printed.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench")]

from corpus import generate  # noqa: E402
from jixiao.importers import read_bytes  # noqa: E402

JIXIAO = Path(sys.executable).with_name("jixiao")


TIME = Path("/usr/bin/time")


def command(path: Path, out: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds and peak RSS (kB) of `jixiao import PATH -o OUT` in a process of
    its own."""
    argv = [str(JIXIAO), "import", str(path), "-o", str(out)]
    report = out.with_suffix(".time")
    if TIME.exists():
        argv = [str(TIME), "-f", "%M", "-o", str(report), *argv]
    start = time.perf_counter()
    child = subprocess.Popen(argv)
    _, status, usage = os.wait4(child.pid, 0)
    took = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"jixiao import failed ({child.returncode})")
    peak = int(report.read_text().split()[-1]) if TIME.exists() else usage.ru_maxrss
    return took, usage.ru_utime + usage.ru_stime, peak


def core(data: bytes) -> float:
    start = time.perf_counter()
    read_bytes(data, "bench.txt", "seed-text")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=6000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = generate(args.forms).encode("utf-8")
    with tempfile.TemporaryDirectory() as folder:
        path, out = Path(folder) / "forms.txt", Path(folder) / "forms.json"
        path.write_bytes(data)
        runs, cpus, reads, peak = [], [], [], 0
        for _ in range(args.repeat):
            took, cpu, rss = command(path, out)
            runs.append(took)
            cpus.append(cpu)
            peak = max(peak, rss)
            reads.append(core(data))
        size = out.stat().st_size
    best, read, cpu = min(runs), min(reads), min(cpus)
    print(
        f"machine: {platform.machine()} CPython {platform.python_version()}; best of {args.repeat}"
    )
    print(f"core read:       {read:6.2f} s = {args.forms / read:7,.0f} forms/s")
    print(
        f"jixiao import:   {best:6.2f} s = {args.forms / best:7,.0f} forms/s "
        f"(to {size / 1e6:.1f} MB of JSON, peak RSS {peak / 1024:.0f} MB)"
    )
    print(f"jixiao import CPU (user+sys), best: {cpu:6.2f} s = {args.forms / cpu:7,.0f} forms/s")
    print(f"ratio command / core read: {best / read:.2f}x")


if __name__ == "__main__":
    main()
