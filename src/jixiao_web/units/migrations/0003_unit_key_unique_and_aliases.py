"""Unit keys are unique (migration 0002 filled them), and a unit keeps the names of units merged
into it (docs/units.md). Apart from 0002: PostgreSQL alters no table with row changes pending."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("units", "0002_unit_keys")]

    operations = [
        migrations.AlterField(
            model_name="unit",
            name="key",
            field=models.CharField(
                editable=False, max_length=200, unique=True, verbose_name="匹配键"
            ),
        ),
        migrations.CreateModel(
            name="UnitAlias",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.TextField(verbose_name="原名称")),
                ("key", models.CharField(max_length=200, unique=True)),
                ("merged_at", models.DateTimeField(auto_now_add=True)),
                (
                    "unit",
                    models.ForeignKey(
                        on_delete=models.deletion.CASCADE,
                        related_name="aliases",
                        to="units.unit",
                    ),
                ),
            ],
        ),
        migrations.AlterModelOptions(
            name="unit",
            options={"ordering": ["name"], "verbose_name": "单位", "verbose_name_plural": "单位"},
        ),
    ]
