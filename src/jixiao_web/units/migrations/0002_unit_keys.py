"""Units are found by the key of their cleaned name (docs/units.md).

Existing units get their key. Units whose names share a key (`…大数据中心` and `…大数据中心）`) are
merged into the oldest; a "unit" whose name is junk (the seed's 主管部门 `）`) is dissolved: its
units lose their department, its forms go to the placeholder unit, its members keep no unit.
Each merge and dissolution is written to the audit trail.
"""

from django.db import migrations, models

from jixiao.names import clean_name, name_key

UNKNOWN_UNIT = "（未填写单位）"
BY = "migration units.0002"


def _audit(apps, action, unit_id, data):
    AuditEvent = apps.get_model("goals", "AuditEvent")
    AuditEvent.objects.create(action=action, unit_id=unit_id, data={**data, "by": BY})


def _move(apps, source, target_id):
    apps.get_model("goals", "Form").objects.filter(unit_id=source.pk).update(unit_id=target_id)
    apps.get_model("accounts", "Membership").objects.filter(unit_id=source.pk).update(
        unit_id=target_id
    )
    source.__class__.objects.filter(parent_id=source.pk).update(parent_id=target_id)


def _placeholder(Unit):
    found = Unit.objects.filter(name=UNKNOWN_UNIT).first()
    return found or Unit.objects.create(name=UNKNOWN_UNIT, key=name_key(UNKNOWN_UNIT))


def fill_keys(apps, schema_editor):
    Unit = apps.get_model("units", "Unit")
    groups = {}
    for unit in Unit.objects.order_by("pk"):
        clean = unit.name if unit.name == UNKNOWN_UNIT else clean_name(unit.name)
        if clean is None:
            _dissolve(apps, Unit, unit)
        else:
            groups.setdefault(name_key(clean), []).append((unit, clean))
    for key, [(target, clean), *others] in groups.items():
        for source, _ in others:
            _merge(apps, source, target)
        Unit.objects.filter(pk=target.pk).update(name=clean, key=key)


def _dissolve(apps, Unit, unit):
    Unit.objects.filter(parent_id=unit.pk).update(parent_id=None)
    Form = apps.get_model("goals", "Form")
    if Form.objects.filter(unit_id=unit.pk).exists():
        Form.objects.filter(unit_id=unit.pk).update(unit_id=_placeholder(Unit).pk)
    apps.get_model("accounts", "Membership").objects.filter(unit_id=unit.pk).update(unit_id=None)
    _audit(apps, "unit_dissolve", unit.pk, {"name": unit.name})
    unit.delete()


def _merge(apps, source, target):
    _move(apps, source, target.pk)
    _audit(
        apps,
        "unit_merge",
        target.pk,
        {"from": source.name, "from_id": source.pk, "into": target.name},
    )
    source.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("units", "0001_initial"),
        ("goals", "0006_audit_append_only"),
        ("accounts", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="unit",
            name="key",
            field=models.CharField(
                editable=False, max_length=200, null=True, verbose_name="匹配键"
            ),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
    ]
