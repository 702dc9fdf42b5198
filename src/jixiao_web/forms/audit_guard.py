"""The database's own guard of the audit trail: triggers that refuse UPDATE and DELETE on the
audit table, on SQLite and PostgreSQL (docs/audit.md).

Installed by migration 0006. On SQLite, a later migration that rebuilds the audit table (Django
does so for most column changes there) drops its triggers: such a migration must call `install`
again; `tests/web/test_audit.py` fails when they are missing.
"""

from __future__ import annotations

from typing import Any

TABLE = "goals_auditevent"
MESSAGE = "audit events are append-only"

_SQL: dict[str, tuple[list[str], list[str]]] = {
    "sqlite": (
        [
            f"CREATE TRIGGER IF NOT EXISTS {TABLE}_no_update BEFORE UPDATE ON {TABLE} "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
            f"CREATE TRIGGER IF NOT EXISTS {TABLE}_no_delete BEFORE DELETE ON {TABLE} "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
        ],
        [f"DROP TRIGGER IF EXISTS {TABLE}_no_update", f"DROP TRIGGER IF EXISTS {TABLE}_no_delete"],
    ),
    "postgresql": (
        [
            "CREATE OR REPLACE FUNCTION jixiao_audit_append_only() RETURNS trigger AS $$ "
            f"BEGIN RAISE EXCEPTION '{MESSAGE}'; END $$ LANGUAGE plpgsql",
            f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
            f"CREATE TRIGGER {TABLE}_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
            "FOR EACH ROW EXECUTE FUNCTION jixiao_audit_append_only()",
        ],
        [
            f"DROP TRIGGER IF EXISTS {TABLE}_append_only ON {TABLE}",
            "DROP FUNCTION IF EXISTS jixiao_audit_append_only()",
        ],
    ),
}


def _execute(connection: Any, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def install(connection: Any) -> None:
    """Create the triggers (again); other databases rely on the model's refusal alone."""
    if connection.vendor in _SQL:
        _execute(connection, _SQL[connection.vendor][0])


def remove(connection: Any) -> None:
    if connection.vendor in _SQL:
        _execute(connection, _SQL[connection.vendor][1])
