"""The rate limits' table (settings.CACHES["throttle"], jixiao_web/rates.py) made by `migrate`.

Django makes a database cache's table only with `createcachetable`, which a deployment that runs
`migrate` alone would not run: every API call and open data file would then fail. Made here, it
comes with the schema like every other table. `createcachetable` skips a table that exists.
"""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.db import migrations


def make_table(apps: Any, schema_editor: Any) -> None:
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_api_tokens")]

    operations = [migrations.RunPython(make_table, migrations.RunPython.noop)]
