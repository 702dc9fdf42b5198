"""Large imports write one at a time on SQLite (docs/imports.md).

SQLite has one writer at a time and no queue: writers poll for the lock. Three large imports
writing their parts at once would keep it busy nearly all the time, and a user's save would
have to win a lottery against them. Taking turns costs the imports nothing (their writes could
not overlap anyway) and leaves a gap after each part for everyone else. The turn is a lock on a
file beside the database, shared by every process and thread of the app on this machine.
PostgreSQL needs no turns.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection


def _lock_path() -> Path | None:
    if connection.vendor != "sqlite":
        return None
    name = str(connection.settings_dict["NAME"])
    if name.startswith("file:") or name == ":memory:":
        return None  # an in-memory database (the tests) is one process's alone
    return Path(name).with_name(Path(name).name + ".import-lock")


@contextmanager
def import_turn() -> Iterator[None]:
    """Wait for and hold the turn to write a large import."""
    path = _lock_path()
    if path is None:
        yield
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock
