"""Each indicator row gets a key that survives saves and moves (docs/editing.md).

The column is added empty, the rows already stored get a fresh key each, then the keys are made
unique per form. A new row's key comes from `new_indicator_key` (12 url-safe characters).
"""

import secrets

from django.db import migrations, models

import jixiao_web.forms.models

BATCH = 2000


def give_each_stored_row_a_key(apps, schema_editor):
    # A copy of new_indicator_key: a migration must not change when the model's code does.
    Indicator = apps.get_model("goals", "Indicator")
    rows = Indicator.objects.filter(key="").only("pk").order_by("pk")
    batch = []
    for row in rows.iterator(chunk_size=BATCH):
        row.key = secrets.token_urlsafe(9)
        batch.append(row)
        if len(batch) == BATCH:
            Indicator.objects.bulk_update(batch, ["key"])
            batch = []
    Indicator.objects.bulk_update(batch, ["key"])


class Migration(migrations.Migration):
    dependencies = [
        ("goals", "0008_money_six_places"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicator",
            name="key",
            field=models.CharField(default="", editable=False, max_length=16),
            preserve_default=False,
        ),
        migrations.RunPython(give_each_stored_row_a_key, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="indicator",
            name="key",
            field=models.CharField(
                default=jixiao_web.forms.models.new_indicator_key, editable=False, max_length=16
            ),
        ),
        migrations.AddConstraint(
            model_name="indicator",
            constraint=models.UniqueConstraint(fields=("form", "key"), name="indicator_key_unique"),
        ),
    ]
