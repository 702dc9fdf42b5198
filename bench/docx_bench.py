"""docx import benchmark: the jixiao docx importer against python-docx merely opening the files.

The baseline, measured in the same run on the same bytes, is `docx.Document(stream)`: unzip and
parse the package, nothing read out of it. jixiao's import does all its work (zip checks, a parse
of the document XML and one XSLT pass over its tree, forms read from the grid). The target is
import / baseline <= 2x on documents of real size (the seed's fifteen forms).
Printed twice: plain timing, and timing including the release of what each built (python-docx's
document is freed only by the cyclic GC, outside a plain timing; the importer frees its tree
inside its own). Runs alternate, best of N each.

The files: the seed's 15 forms as jixiao writes them, the seed as Word tables in its own shapes
(tests/documents/builder.py), and one large document of synthetic forms (bench/corpus.py).

    .venv/bin/python bench/docx_bench.py [--forms 300] [--repeat 7]
"""

from __future__ import annotations

import argparse
import gc
import io
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench"), str(ROOT)]

from docx import Document  # noqa: E402
from tests.documents.builder import seed_as_docx  # noqa: E402

from corpus import generate  # noqa: E402
from jixiao.exporters import render  # noqa: E402
from jixiao.importers import read_bytes  # noqa: E402
from jixiao.importers.docx_grid import fast_grid  # noqa: E402
from jixiao.importers.docx_reader import document_body  # noqa: E402
from jixiao.importers.formreader import read_forms  # noqa: E402

SEED = ROOT / "tests" / "data" / "seed" / "000_5de6d4488e662275.txt"


def corpus(forms: int) -> list[tuple[str, bytes, int]]:
    """(name, bytes, number of forms) of each file."""
    seed = read_bytes(SEED.read_bytes(), str(SEED))
    synthetic = read_bytes(generate(forms).encode("utf-8"), "corpus.txt", "seed-text")
    return [
        ("seed, jixiao layout", render(seed, "docx")[2], 15),
        ("seed, its own shapes", seed_as_docx(SEED.read_text(encoding="utf-8")), 15),
        (f"{forms} synthetic forms", render(synthetic, "docx")[2], forms),
    ]


def timed(fn: Callable[[bytes], object], data: bytes, release: bool) -> float:
    """One run. With `release`, the time includes freeing what the run built: python-docx's
    document is a web of cycles that only the cyclic GC frees, later and outside a plain timing,
    while the importer frees its XML tree before it returns."""
    gc.collect()
    start = time.perf_counter()
    fn(data)
    if release:
        gc.collect()
    return time.perf_counter() - start


def best_of(fn: Callable[[bytes], object], data: bytes, repeat: int) -> float:
    return min(timed(fn, data, False) for _ in range(repeat))


def paired(data: bytes, repeat: int, release: bool) -> tuple[float, float]:
    """Best times of the baseline and the import, runs alternating so that both see the same
    load on a shared machine."""
    base, imp, idle = [], [], []
    for _ in range(repeat):
        base.append(timed(open_only, data, release))
        imp.append(timed(import_forms, data, release))
        idle.append(timed(lambda _: None, data, release))  # what gc.collect() costs by itself
    return min(base) - min(idle), min(imp) - min(idle)


def open_only(data: bytes) -> object:
    return Document(io.BytesIO(data))


def import_forms(data: bytes) -> object:
    return read_bytes(data, "bench.docx", "docx")


def breakdown(data: bytes, repeat: int) -> str:
    """Where the import's time goes: unzip + parse, grid extraction, the shared form reader."""
    body, _ = document_body(data, "bench.docx")
    grid = fast_grid(body)[0]
    parse = best_of(lambda d: document_body(d, "bench.docx"), data, repeat)
    extract = best_of(lambda _: fast_grid(body), data, repeat)
    forms = best_of(lambda _: read_forms(grid), data, repeat)
    return (
        f"unzip+parse {parse * 1e3:.1f} ms, grid {extract * 1e3:.1f} ms, forms {forms * 1e3:.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    files = corpus(args.forms)
    print(
        f"machine: {platform.machine()} {platform.python_implementation()} "
        f"{platform.python_version()}; best of {args.repeat} runs"
    )
    totals = {False: [0.0, 0.0], True: [0.0, 0.0]}  # the documents of real size (15 forms)
    for name, data, forms in files:
        found = len(read_bytes(data, "bench.docx", "docx").forms)
        assert found == forms, f"{name}: the importer found {found} of {forms} forms"
        print(f"{name} ({len(data) / 1e3:.0f} kB)")
        for release in (False, True):
            base, imp = paired(data, args.repeat, release)
            if forms <= 15:
                totals[release][0] += base
                totals[release][1] += imp
            what = "incl. release " if release else "plain timing  "
            print(
                f"  {what} python-docx open {base * 1e3:7.1f} ms  "
                f"jixiao import {imp * 1e3:7.1f} ms  ratio {imp / base:.2f}x"
            )
        print(f"  phases: {breakdown(data, args.repeat)}")
    for release, label in ((False, "plain timing"), (True, "incl. release of memory")):
        base, imp = totals[release]
        print(
            f"ratio import / python-docx open, documents of real size (the seed), {label}: "
            f"{imp / base:.2f}x (target <= 2x)"
        )


if __name__ == "__main__":
    main()
