"""Import benchmark: forms per second of the seed-format importer, against a baseline.

The baseline, measured in the same run on the same bytes, only decodes the text and splits it
into rows and cells (`jixiao.importers.grid.tabbed`): the least any importer of this layout must
do. The ratio importer ÷ baseline is what to compare across machines; forms per second is what a
user feels.

    .venv/bin/python bench/import_bench.py [--forms 5000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import generate
from jixiao.importers import read_bytes
from jixiao.importers.grid import tabbed
from jixiao.importers.text import decode, split_lines


def baseline(data: bytes) -> int:
    text, _ = decode(data, "bench.txt")
    return len(tabbed(split_lines(text)).rows)


def full(data: bytes) -> int:
    return len(read_bytes(data, "bench.txt", "seed-text").forms)


def best_of(fn, data: bytes, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(data)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    data = generate(args.forms).encode("utf-8")
    found = full(data)
    assert found == args.forms, f"the importer found {found} of {args.forms} forms"
    base = best_of(baseline, data, args.repeat)
    imp = best_of(full, data, args.repeat)
    print(
        f"machine: {platform.machine()} {platform.python_implementation()} {platform.python_version()}"
    )
    print(f"corpus: {args.forms} forms, {len(data) / 1e6:.1f} MB; best of {args.repeat} runs")
    print(f"baseline (decode + rows/cells): {base:.3f} s")
    print(f"import (forms):                 {imp:.3f} s = {args.forms / imp:,.0f} forms/s")
    print(f"ratio import / baseline:        {imp / base:.2f}x (target <= 3x; >= 2,000 forms/s)")


if __name__ == "__main__":
    main()
