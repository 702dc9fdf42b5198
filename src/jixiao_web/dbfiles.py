"""The SQLite database holds password hashes and sessions: its files are the owner's only.

SQLite creates the database file under the process umask (often 0644) and gives its -wal and
-shm companions the mode of the database file; each new connection takes group and other
permissions from all three (connected to `connection_created` in accounts/apps.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jixiao_web.env import restrict_mode

PRIVATE_FILE = 0o600


def database_files(name: str) -> tuple[Path, ...]:
    database = Path(name)
    return database, Path(f"{name}-wal"), Path(f"{name}-shm")


def restrict_sqlite_files(sender: Any, connection: Any, **kwargs: Any) -> None:
    if connection.vendor != "sqlite" or connection.is_in_memory_db():
        return
    for path in database_files(str(connection.settings_dict["NAME"])):
        restrict_mode(path, PRIVATE_FILE)
