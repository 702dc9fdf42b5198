"""The next file read in a second process while the forms of this one are used.

A command given many files (`jixiao import`, `review`, `export`, ...) reads them one after
another (`common.read_into`) and does its own work on each file's forms: it writes them, or
reviews them. With more than one file and more than one processor, the next file is read in a
child process meanwhile: the child reads it as the command would (`importers.stream_bytes`) and
passes each form back in canonical JSON (`interchange.form_to_json`, which `form_from_json` reads
back as the same form), with the file's source, its notes and its hash, or the error that
stopped it. The command takes the forms in order as if it had read the file itself, so its
output and messages are the same: an identical file is still read once, a bad file still stops
the batch or is skipped with --skip-bad. If the child cannot be started or dies, the file is
read here, and so are the files after it.

One child, one file ahead: what waits is one file's forms, never the batch.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import signal
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import orjson

from jixiao.cli import collector
from jixiao.domain.form import Note, Source
from jixiao.errors import JixiaoError
from jixiao.importers import FormStream, read_file, stream_bytes
from jixiao.interchange import form_from_json, form_to_json


@dataclass
class Read:
    """A file as the child read it: its hash (None if it could not be read at all), its
    source, each form as canonical JSON, its notes; or the error that stopped the reading."""

    sha256: str | None
    source: Source | None = None
    forms: list[bytes] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    error: JixiaoError | None = None

    def stream(self, path: str) -> FormStream:
        """The forms, as `importers.stream_bytes` gives them; the error, raised (also when the
        file could not be read at all)."""
        if self.error is not None:
            raise self.error
        assert self.source is not None
        forms = (form_from_json(orjson.loads(piece), path) for piece in self.forms)
        return FormStream(self.source, forms, self.notes)


def read_in_child(path: str, fmt: str | None) -> Read:
    """What the child does with one file (`Read`)."""
    try:
        data = read_file(path)
    except JixiaoError as exc:
        return Read(None, error=exc)
    sha = hashlib.sha256(data).hexdigest()
    try:
        stream = stream_bytes(data, path, fmt, sha)
        del data
        with collector.paused():
            forms = [orjson.dumps(form_to_json(form)) for form in stream.forms]
    except JixiaoError as exc:
        return Read(sha, error=exc)
    return Read(sha, stream.source, forms, stream.notes)


def _child_started() -> None:
    """The child leaves Ctrl-C to the command: it is stopped by `ReadAhead.close`, never with a
    traceback of its own on the user's terminal. It was forked with SIGINT held back
    (`_sigint_held`): it ignores it before letting it in."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


@contextmanager
def _sigint_held() -> Iterator[None]:
    """SIGINT held back from this thread while the child is forked (a Ctrl-C in that moment
    reaches the command just after, and never the child before it ignores it)."""
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def processors() -> int:
    """The processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# Below this many bytes in all, the files are read here: starting the child costs more than a
# fraction of a second of reading would save.
AHEAD_BYTES = 1 << 20


def wanted(paths: Sequence[str]) -> bool:
    """Whether reading ahead can help: several files of a megabyte or more in all, a second
    processor, and `fork` (the child starts as a copy of this process, with the templates and
    settings it has loaded); and `JIXIAO_READ_AHEAD` is not 0 (a machine whose second processor
    is better left alone)."""
    return (
        os.environ.get("JIXIAO_READ_AHEAD", "1").strip() != "0"
        and len(paths) > 1
        and processors() > 1
        and "fork" in multiprocessing.get_all_start_methods()
        and _size(paths) >= AHEAD_BYTES
    )


def _size(paths: Sequence[str]) -> int:
    """The bytes of the files (a device, a pipe or a file that cannot be read counts none)."""
    total = 0
    for path in paths:
        try:
            total += os.path.getsize(path) if os.path.isfile(path) else 0
        except OSError:
            continue
        if total >= AHEAD_BYTES:
            break
    return total


class ReadAhead:
    """The files of `paths`, each read by the child while the one before it is used.

    `read(k)` gives file k as the child read it (None: read it here; the first file always is)
    and has the child start on file k + 1. `close` stops the child."""

    def __init__(self, paths: Sequence[str], fmt: str | None) -> None:
        self.paths, self.fmt = paths, fmt
        self.pool: ProcessPoolExecutor | None = None
        self.pending: dict[int, Future[Read] | None] = {}
        self.broken = False

    def read(self, index: int) -> Read | None:
        # A file the child was not given (the first) is read here, while the child reads the
        # next: neither waits for the other.
        future = self.pending.pop(index, None)
        if index + 1 < len(self.paths):
            self.pending[index + 1] = self._submit(index + 1)
        if future is None:
            return None
        try:
            return future.result()
        except Exception:  # the child died, or could not take the file: the
            self.close()  # rest is read here, where a real error is raised as it would be
            return None

    def _submit(self, index: int) -> Future[Read] | None:
        if self.broken:
            return None
        try:
            if self.pool is None:
                self.pool = ProcessPoolExecutor(
                    1, multiprocessing.get_context("fork"), initializer=_child_started
                )
            with _sigint_held():  # the first task forks the child
                return self.pool.submit(read_in_child, self.paths[index], self.fmt)
        except (BrokenProcessPool, OSError, RuntimeError):
            self.close()
            return None

    def close(self) -> None:
        """The child stopped (a file it has begun is finished first); no file is read ahead
        after this."""
        self.broken = True
        self.pending.clear()
        pool, self.pool = self.pool, None
        if pool is None:
            return
        try:
            pool.shutdown(wait=True, cancel_futures=True)
        except RuntimeError:  # Ctrl-C while the pool was starting: nothing to wait for
            children: dict[int, Any] = getattr(pool, "_processes", None) or {}
            for child in list(children.values()):
                child.kill()
                child.join()
