"""Helpers of the tests of users and units (/manage/, the sheet import, `adduser`)."""

from __future__ import annotations

from django.test import Client


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def everything() -> tuple:
    """Users with their flags, names and roles, units with departments and aliases, events:
    what a refused request must leave as it was."""
    from django.contrib.auth.models import User

    from jixiao_web.forms.models import AuditEvent
    from jixiao_web.units.models import Unit, UnitAlias

    users = sorted(
        User.objects.values_list(
            "username",
            "password",
            "is_active",
            "is_superuser",
            "first_name",
            "email",
            "membership__role",
            "membership__unit__name",
        )
    )
    units = sorted(Unit.objects.values_list("name", "parent__name"))
    aliases = sorted(UnitAlias.objects.values_list("name", "unit__name"))
    return users, units, aliases, AuditEvent.objects.count()


def events(action: str) -> list:
    from jixiao_web.forms.models import AuditEvent

    return list(AuditEvent.objects.filter(action=action).order_by("pk"))
