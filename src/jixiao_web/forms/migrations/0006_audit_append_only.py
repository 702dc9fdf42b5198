"""The audit trail keeps the actor's user name, links by plain ids, and becomes append-only in the
database itself: triggers refuse UPDATE and DELETE on SQLite and PostgreSQL (docs/audit.md).

The names are filled in before the triggers exist; the triggers are created last.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from jixiao_web.forms import audit_guard


def create_triggers(apps, schema_editor) -> None:
    audit_guard.install(schema_editor.connection)


def drop_triggers(apps, schema_editor) -> None:
    audit_guard.remove(schema_editor.connection)


def fill_actor_names(apps, schema_editor) -> None:
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    AuditEvent = apps.get_model("goals", "AuditEvent")
    names = dict(User.objects.values_list("pk", "username"))
    for event in AuditEvent.objects.exclude(actor_id=None).only("pk", "actor_id"):
        if event.actor_id in names:
            AuditEvent.objects.filter(pk=event.pk).update(actor_name=names[event.actor_id])


class Migration(migrations.Migration):
    dependencies = [
        ("goals", "0005_list_indexes"),
        ("units", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="actor_name",
            field=models.CharField(blank=True, default="", max_length=150),
        ),
        migrations.RunPython(fill_actor_names, migrations.RunPython.noop),
        migrations.AddField(
            model_name="auditevent",
            name="comment",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="unit",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="audit_events",
                to="units.unit",
            ),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="form",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="audit_events",
                to="goals.form",
            ),
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
