"""Review benchmark: import and review N synthetic forms; forms per second, ratio to import alone.

The corpus is `bench/corpus.py` (deterministic, the seed's layout), cut into documents of
`--chunk` forms as a batch of files would be. The same run measures import alone and import plus
review on the same bytes, so the ratio is what to compare across machines. Forms are streamed
through `jixiao.review.review_forms`: documents are read one after the other and only the
review is kept. Times are CPU seconds of this process (one core; the machine may be shared),
with wall-clock seconds beside them; generating the corpus is not counted.

Batch rules must be linear: the second table runs them alone (collect on each form, then emit)
at each `--scales` size and prints the time per form, which must stay flat.

    .venv/bin/python bench/review_bench.py [--forms 10000] [--chunk 1000] \\
        [--scales 1000,10000,100000]
"""

from __future__ import annotations

import argparse
import gc
import platform
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import generate
from jixiao.cli.collector import paused, settled
from jixiao.domain.form import Form
from jixiao.importers import read_bytes
from jixiao.review import review_forms
from jixiao.review.context import FormContext
from jixiao.review.engine import active_rules, default_settings
from jixiao.review.memo import ReviewMemo


class Clock:
    """CPU and wall time spent inside `measure` blocks."""

    def __init__(self) -> None:
        self.cpu = 0.0
        self.wall = 0.0

    def measure(self, fn, *args):
        cpu, wall = time.process_time(), time.perf_counter()
        try:
            return fn(*args)
        finally:
            self.cpu += time.process_time() - cpu
            self.wall += time.perf_counter() - wall


def documents(n: int, chunk: int) -> Iterator[bytes]:
    for k, start in enumerate(range(0, n, chunk)):
        yield generate(min(chunk, n - start), seed=2021 + k).encode("utf-8")


def imported(n: int, chunk: int, clock: Clock) -> Iterator[Form]:
    """The forms of the corpus, document by document; only the import is on the clock."""
    for k, data in enumerate(documents(n, chunk)):
        with paused():  # as the `jixiao` command reads (jixiao.cli.collector)
            batch = clock.measure(read_bytes, data, f"bench-{k}.txt", "seed-text")
        yield from batch.forms


def import_only(n: int, chunk: int) -> Clock:
    clock = Clock()
    count = sum(1 for _ in imported(n, chunk, clock))
    assert count == n, f"imported {count} of {n} forms"
    return clock


def generation_cpu(n: int, chunk: int) -> float:
    """CPU seconds to generate the corpus, to take off the streamed review run."""
    cpu = time.process_time()
    for _ in documents(n, chunk):
        pass
    return time.process_time() - cpu


def import_and_review(n: int, chunk: int, generating: float) -> tuple[Clock, int]:
    """Everything but generating the corpus: the import inside, the review around it."""
    cpu, wall = time.process_time(), time.perf_counter()
    with settled() as settle:  # as the `jixiao` command reviews
        report = review_forms(imported(n, chunk, Clock()), settle=settle)
    total = Clock()
    total.cpu = time.process_time() - cpu - generating
    total.wall = time.perf_counter() - wall
    assert len(report.forms) == n
    return total, sum(len(r.findings) for r in report.forms)


def batch_rules_per_form(n: int, chunk: int) -> float:
    """Microseconds per form of the batch rules alone (collect on every form, then emit)."""
    settings = default_settings()
    memo = ReviewMemo(settings)
    rules = active_rules(memo, "batch")
    clock = Clock()
    gc.collect()
    with settled() as settle:  # as the engine runs them for the `jixiao` command
        for index, form in enumerate(imported(n, chunk, Clock())):
            ctx = FormContext(form, settings, index, memo)
            ctx.indicators  # noqa: B018 - derived before the clock starts
            for rule in rules:
                clock.measure(rule.collect, ctx)
            if index % 256 == 255:
                settle()
        for rule in rules:
            clock.measure(lambda r=rule: sum(1 for _ in r.emit()))
    return clock.cpu / n * 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=10000)
    parser.add_argument("--chunk", type=int, default=1000)
    parser.add_argument("--scales", default="1000,10000,100000")
    args = parser.parse_args()
    n, chunk = args.forms, args.chunk
    print(
        f"machine: {platform.machine()} {platform.python_implementation()} "
        f"{platform.python_version()}"
    )
    print(f"corpus: {n} forms in documents of {chunk} (bench/corpus.py)")
    print("batch rules alone (collect + emit), time per form:")
    for scale in (int(s) for s in args.scales.split(",") if s):
        print(f"  N = {scale:>7,}: {batch_rules_per_form(scale, chunk):6.1f} us/form")
    imp = import_only(n, chunk)
    both, findings = import_and_review(n, chunk, generation_cpu(n, chunk))
    review_cpu = both.cpu - imp.cpu
    print(
        f"import alone:        {imp.cpu:7.2f} s cpu ({imp.wall:6.2f} s wall) = "
        f"{n / imp.cpu:8,.0f} forms/s"
    )
    print(
        f"import + review:     {both.cpu:7.2f} s cpu ({both.wall:6.2f} s wall, with generation) = "
        f"{n / both.cpu:8,.0f} forms/s; {findings:,} findings"
    )
    print(f"review alone:        {review_cpu:7.2f} s cpu = {review_cpu / n * 1e6:6.0f} us/form")
    print(f"ratio (import + review) / import: {both.cpu / imp.cpu:.2f}x")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (RSS):   {peak:,.0f} MB")


if __name__ == "__main__":
    main()
