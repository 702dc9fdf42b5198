"""The cyclic garbage collector, managed by the command line alone (one process, one command).

Reading a document and reviewing a batch allocate many small objects that hold no reference
cycles; the collector would scan them again and again (about half the time of a large import or
review). The core never switches the collector: the web app serves requests on threads, and a
library call must not change the whole interpreter. An entry point may: the `jixiao` command and
the benchmarks use these.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """The collector off while a document is read (it makes no cycles: nothing is left over)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def settled() -> Iterator[Callable[[], None]]:
    """A `settle` for the review (`review_batch(..., settle=...)`): the objects kept so far go
    to the permanent generation, out of the collector's way; all are given back at the end."""
    if gc.get_freeze_count():  # a caller settles them already
        yield lambda: None
        return
    gc.freeze()
    try:
        yield gc.freeze
    finally:
        gc.unfreeze()
