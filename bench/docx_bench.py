"""docx import benchmark: the jixiao docx importer against python-docx merely opening the files.

The baseline, measured in the same run on the same bytes, is `docx.Document(stream)`: unzip and
parse the package, nothing read out of it. jixiao's import does all its work (zip checks, one lxml
pass over the body, forms read from the grid). The target is import / baseline <= 2x.

The files: the seed's 15 forms as jixiao writes them, the seed as Word tables in its own shapes
(tests/documents/builder.py), and one large document of synthetic forms (bench/corpus.py).

    .venv/bin/python bench/docx_bench.py [--forms 300] [--repeat 5]
"""

from __future__ import annotations

import argparse
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


def best_of(fn: Callable[[bytes], object], data: bytes, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(data)
        times.append(time.perf_counter() - start)
    return min(times)


def paired(data: bytes, repeat: int) -> tuple[float, float]:
    """Best times of the baseline and the import, runs alternating so that both see the same
    load on a shared machine."""
    base, imp = [], []
    for _ in range(repeat):
        base.append(best_of(open_only, data, 1))
        imp.append(best_of(import_forms, data, 1))
    return min(base), min(imp)


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
    total_base = total_import = 0.0
    for name, data, forms in files:
        found = len(read_bytes(data, "bench.docx", "docx").forms)
        assert found == forms, f"{name}: the importer found {found} of {forms} forms"
        base, imp = paired(data, args.repeat)
        total_base, total_import = total_base + base, total_import + imp
        print(
            f"{name:<24} {len(data) / 1e3:>8.0f} kB  python-docx open {base * 1e3:8.1f} ms  "
            f"jixiao import {imp * 1e3:8.1f} ms  ratio {imp / base:.2f}x"
        )
        print(f"{'':<24} import = {breakdown(data, args.repeat)}")
    print(
        f"ratio import / python-docx open, all files: {total_import / total_base:.2f}x "
        "(target <= 2x)"
    )


if __name__ == "__main__":
    main()
