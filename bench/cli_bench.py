"""The `jixiao import` command end to end: a document of N synthetic forms to canonical JSON in a
file, as a user runs it, against the core reading the same bytes in the same run.

    .venv/bin/python bench/cli_bench.py [--forms 6000] [--repeat 3]

Prints the command's forms per second (wall time of the process, start-up included), its peak
memory, and the ratio of its time to the core read (`read_bytes`, in this process) measured
alternately with it.
"""

from __future__ import annotations

import argparse
import platform
import resource
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


def command(path: Path, out: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS (kB) of `jixiao import PATH -o OUT` in a process of its own."""
    start = time.perf_counter()
    subprocess.run([str(JIXIAO), "import", str(path), "-o", str(out)], check=True)
    took = time.perf_counter() - start
    return took, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


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
        runs, reads, peak = [], [], 0
        for _ in range(args.repeat):
            took, peak = command(path, out)
            runs.append(took)
            reads.append(core(data))
        size = out.stat().st_size
    best, read = min(runs), min(reads)
    print(
        f"machine: {platform.machine()} CPython {platform.python_version()}; best of {args.repeat}"
    )
    print(f"core read:       {read:6.2f} s = {args.forms / read:7,.0f} forms/s")
    print(
        f"jixiao import:   {best:6.2f} s = {args.forms / best:7,.0f} forms/s "
        f"(to {size / 1e6:.1f} MB of JSON, peak RSS {peak / 1024:.0f} MB)"
    )
    print(f"ratio command / core read: {best / read:.2f}x")


if __name__ == "__main__":
    main()
