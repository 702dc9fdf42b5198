"""Forms filed again are matched by budget year, unit and the key of the project name; forms of
a large import still being written are `pending` and hidden (docs/imports.md).
"""

import django.db.models.manager
from django.conf import settings
from django.db import migrations, models

from jixiao.names import name_key


def fill_project_keys(apps, schema_editor):
    Form = apps.get_model("goals", "Form")
    for pk, name in list(Form.all_objects.values_list("pk", "project_name")):
        Form.all_objects.filter(pk=pk).update(project_key=name_key(name)[:200])


class Migration(migrations.Migration):
    dependencies = [
        ("goals", "0006_audit_append_only"),
        ("imports", "0001_initial"),
        ("reviews", "0001_initial"),
        ("units", "0003_unit_key_unique_and_aliases"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="form",
            options={
                "base_manager_name": "all_objects",
                "default_manager_name": "objects",
                "ordering": ["-budget_year_id", "unit_id", "seq", "id"],
            },
        ),
        migrations.AlterModelManagers(
            name="form",
            managers=[
                ("objects", django.db.models.manager.Manager()),
                ("all_objects", django.db.models.manager.Manager()),
            ],
        ),
        migrations.RemoveIndex(
            model_name="form",
            name="goals_form_unit_id_aed41a_idx",
        ),
        migrations.RemoveIndex(
            model_name="form",
            name="goals_form_status_d6f3c8_idx",
        ),
        migrations.RemoveIndex(
            model_name="form",
            name="goals_form_grade_e66aa1_idx",
        ),
        migrations.RemoveIndex(
            model_name="form",
            name="goals_form_score_acad30_idx",
        ),
        migrations.RemoveIndex(
            model_name="form",
            name="goals_form_updated_457c00_idx",
        ),
        migrations.RemoveIndex(
            model_name="form",
            name="form_default_order",
        ),
        migrations.RemoveIndex(
            model_name="form",
            name="form_name_search",
        ),
        migrations.RemoveIndex(
            model_name="form",
            name="form_funds_order",
        ),
        migrations.RemoveIndex(
            model_name="form",
            name="form_findings_order",
        ),
        migrations.AddField(
            model_name="form",
            name="pending",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="form",
            name="project_key",
            field=models.CharField(blank=True, default="", max_length=200),
        ),
        migrations.RunPython(fill_project_keys, migrations.RunPython.noop),
        migrations.AddIndex(
            model_name="form",
            index=models.Index(
                condition=models.Q(("pending", False)),
                fields=["unit", "budget_year", "seq"],
                name="form_unit",
            ),
        ),
        migrations.AddIndex(
            model_name="form",
            index=models.Index(
                condition=models.Q(("pending", False)),
                fields=["budget_year", "unit", "project_key"],
                name="form_match",
            ),
        ),
        migrations.AddIndex(
            model_name="form",
            index=models.Index(
                condition=models.Q(("pending", False)), fields=["status"], name="form_status"
            ),
        ),
        migrations.AddIndex(
            model_name="form",
            index=models.Index(
                condition=models.Q(("pending", False)), fields=["grade"], name="form_grade"
            ),
        ),
        migrations.AddIndex(
            model_name="form",
            index=models.Index(
                condition=models.Q(("pending", False)),
                fields=["-budget_year", "unit", "seq", "id", "project_name"],
                name="form_default_order",
            ),
        ),
        migrations.AddIndex(
            model_name="form",
            index=models.Index(
                condition=models.Q(("pending", False)),
                fields=["project_name", "unit", "id"],
                name="form_name_search",
            ),
        ),
        migrations.AddIndex(
            model_name="form",
            index=models.Index(
                condition=models.Q(("pending", False)),
                fields=["request_yuan", "id"],
                name="form_funds_order",
            ),
        ),
        migrations.AddIndex(
            model_name="form",
            index=models.Index(
                condition=models.Q(("pending", False)),
                fields=["finding_count", "id"],
                name="form_findings_order",
            ),
        ),
        migrations.AddIndex(
            model_name="form",
            index=models.Index(
                condition=models.Q(("pending", False)), fields=["score"], name="form_score"
            ),
        ),
        migrations.AddIndex(
            model_name="form",
            index=models.Index(
                condition=models.Q(("pending", False)), fields=["updated_at"], name="form_updated"
            ),
        ),
        migrations.AddIndex(
            model_name="form",
            index=models.Index(fields=["source_file", "pending"], name="form_source_pending"),
        ),
    ]
