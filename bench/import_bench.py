"""Import benchmark: forms per second of the seed-format importer, against a baseline.

The baseline, measured in the same run on the same bytes, only decodes the text and splits it
into a list of rows of cells by the seed layout's rule: the least any importer of this layout must
do. It is written out here, not taken from jixiao, so that it stays the same when jixiao changes. The ratio importer ÷ baseline is what to compare across machines; forms per second is what a
user feels.

    .venv/bin/python bench/import_bench.py [--forms 5000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import generate
from jixiao.cli.collector import paused
from jixiao.importers import read_bytes
from jixiao.importers.decode import decode, split_lines
from jixiao.importers.grid import Cell


def baseline(data: bytes) -> int:
    """Decode, split into lines, and build the list of rows of cells (the tabbed layout's rule:
    a blank line starts a row, a TAB a cell, any other line continues the cell)."""
    text, _ = decode(data, "bench.txt")
    rows: list[list[Cell]] = []
    row: list[Cell] = []
    for number, line in enumerate(split_lines(text), 1):
        if not line or not line.strip(" "):
            if row:
                rows.append(row)
                row = []
        elif line[0] == "\t" or not row:
            row.append(Cell(line[1:] if line[0] == "\t" else line, number))
        else:
            last = row[-1]
            row[-1] = Cell(last.text + "\n" + line, last.line)
    if row:
        rows.append(row)
    return len(rows)


def full(data: bytes) -> int:
    return len(read_bytes(data, "bench.txt", "seed-text").forms)


def timed(fn, data: bytes) -> float:
    """One run, with the cyclic garbage collector paused as the `jixiao` command pauses it while
    it reads (`jixiao.cli.collector`); the baseline runs under the same pause."""
    with paused():
        start = time.perf_counter()
        fn(data)
        return time.perf_counter() - start


def measure(data: bytes, repeat: int) -> tuple[float, float, float]:
    """Best baseline time, best import time, and the median of the ratios of runs taken in
    pairs (baseline then import), which a busy machine disturbs least."""
    bases, imps = [], []
    for _ in range(repeat):
        bases.append(timed(baseline, data))
        imps.append(timed(full, data))
    ratios = sorted(i / b for b, i in zip(bases, imps, strict=True))
    return min(bases), min(imps), statistics.median(ratios)


def main() -> None:
    os.environ.setdefault("JIXIAO_MAX_IMPORT_MB", "1024")  # large corpora are the point here
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    data = generate(args.forms).encode("utf-8")
    found = full(data)
    assert found == args.forms, f"the importer found {found} of {args.forms} forms"
    base, imp, ratio = measure(data, args.repeat)
    print(
        f"machine: {platform.machine()} {platform.python_implementation()} {platform.python_version()}"
    )
    print(
        f"corpus: {args.forms} forms, {len(data) / 1e6:.1f} MB; times are the best of {args.repeat} runs"
    )
    print(f"baseline (decode + rows/cells): {base:.3f} s")
    print(f"import (forms):                 {imp:.3f} s = {args.forms / imp:,.0f} forms/s")
    print(
        f"ratio import / baseline:        {ratio:.2f}x median of {args.repeat} paired runs (target <= 3x)"
    )
    print("targets: ratio <= 3x, >= 2,000 forms/s on one core")


if __name__ == "__main__":
    main()
