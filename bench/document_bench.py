"""Published budget documents: `jixiao import` of a PDF, and of a PDF shown as a web page of
placed text, against the libraries merely reading the same bytes.

The documents are the published fixtures of tests/fixtures/templates (a department's 部门预算,
tens of pages of tables before its forms). Each is timed twice, runs alternating, best of N:

- **core**: `read_path` (pages to grid to forms) against the baseline of the same run: for a
  PDF, pdfplumber opening it and taking each page's characters and rules, nothing read out of
  them; for a web page, lxml parsing it and reading every element's `style`.
- **CLI**: `jixiao import FILE -o out.json` as a user runs it, in a process of its own, against
  the same baseline run as `python -c` in a process of its own (both pay the interpreter's start).

    .venv/bin/python bench/document_bench.py [--repeat 3] [FILE ...]
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from jixiao.importers import read_path  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "templates"
DEFAULT = [
    FIXTURES / "central" / "guojia-xinfangju-2026-budget.pdf",
    FIXTURES / "central" / "yantai-finance-2026-budget.pdf",
    FIXTURES / "chongqing" / "chongqing-water-2026-budget.pdf",
    FIXTURES / "chongqing" / "chongqing-science-2026-budget.pdf",
    FIXTURES / "hunan-ledger" / "changsha-police-2025-budget.pdf",
    FIXTURES / "guangzhou-ledger" / "guangzhou-ecology-2026-goals.pdf",
    FIXTURES / "fujian" / "quanzhou-police-2026-budget.pdf",
    FIXTURES / "shaanxi" / "xian-police-2026-budget.pdf",
    FIXTURES / "central" / "yantai-veterans-2026-budget.html",
]

PDF_BASELINE = """
import io, sys, pdfplumber
with pdfplumber.open(io.BytesIO(open(sys.argv[1], 'rb').read())) as pdf:
    for page in pdf.pages:
        page.chars, page.edges
        page.close()
"""
HTML_BASELINE = """
import sys
from lxml import html
root = html.document_fromstring(open(sys.argv[1], 'rb').read())
for element in root.iter():
    element.get('style')
"""


def baseline_code(path: Path) -> str:
    return PDF_BASELINE if path.suffix.lower() == ".pdf" else HTML_BASELINE


def in_process(code: str, path: Path) -> Callable[[], object]:
    compiled = compile(code, "<baseline>", "exec")

    def run() -> None:
        argv = sys.argv
        sys.argv = ["baseline", str(path)]
        try:
            exec(compiled, {"__name__": "baseline", "io": io})
        finally:
            sys.argv = argv

    return run


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def paired(base: Callable[[], object], work: Callable[[], object], repeat: int) -> tuple:
    b, w = [], []
    for _ in range(repeat):
        b.append(timed(base))
        w.append(timed(work))
    return min(b), min(w)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    python = sys.executable
    jixiao = str(Path(python).with_name("jixiao"))
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    print(f"python {platform.python_version()}, best of {args.repeat}, runs alternating")
    print(
        f"{'document':42} {'forms':>5} {'core s':>7} {'base s':>7} {'ratio':>6}"
        f" {'CLI s':>7} {'base s':>7} {'ratio':>6}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "out.json")
        for path in args.files:
            forms = len(read_path(path).forms)
            code = baseline_code(path)
            base, core = paired(in_process(code, path), lambda p=path: read_path(p), args.repeat)
            cli_base, cli = paired(
                lambda c=code, p=path: subprocess.run(
                    [python, "-c", c, str(p)], check=True, env=env
                ),
                lambda p=path: subprocess.run(
                    [jixiao, "import", str(p), "-o", out],
                    check=True,
                    env=env,
                    stderr=subprocess.DEVNULL,
                ),
                args.repeat,
            )
            print(
                f"{path.name[:42]:42} {forms:5} {core:7.2f} {base:7.2f} {core / base:5.2f}x"
                f" {cli:7.2f} {cli_base:7.2f} {cli / cli_base:5.2f}x"
            )


if __name__ == "__main__":
    main()
