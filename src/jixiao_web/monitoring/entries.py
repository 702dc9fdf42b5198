"""Saving a unit's monitoring entry (docs/evaluation.md, "Monitoring in the app").

A save keeps what was typed even when incomplete (a draft); handing in is refused while the
core still finds problems (`FormLights.problems`: a red or yellow row without its reason or
measure). Bad input (an amount that is no amount, a choice not offered) is refused and nothing
is stored. Concurrent saves follow the editor's pattern (docs/editing.md): each save names the
version it started from and is written only if the entry is still at it, so nobody's save is
silently overwritten: the later one is refused with what was typed kept on the page.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from jixiao.evaluation.monitoring import FormLights
from jixiao_web.accounts import permissions as perm
from jixiao_web.forms.models import Form
from jixiao_web.monitoring import sheets
from jixiao_web.monitoring.models import Entry, Round
from jixiao_web.services.audit import record


class Invalid(Exception):
    """Input that cannot be stored, by field name (`errors`)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("invalid monitoring input")
        self.errors = errors


class Incomplete(Exception):
    """Handed in while the core finds problems (`lit.problems`): nothing was stored."""

    def __init__(self, lit: FormLights) -> None:
        super().__init__("incomplete monitoring entry")
        self.lit = lit


class Stale(Exception):
    """Someone saved the entry since the version the save started from: nothing was stored."""


class Frozen(Exception):
    """The entry was handed in or its round closed: it is read-only for the unit."""


def entry_of(round_: Round, form: Form) -> Entry | None:
    return Entry.objects.filter(round=round_, form=form).first()


def typed_of(entry: Entry | None) -> sheets.Typed:
    """What the entry holds, as typed."""
    if entry is None:
        return sheets.Typed()
    rows = tuple(dict(r) for r in entry.rows)
    return sheets.Typed(entry.spent_text, entry.expected_text, rows)


def save(
    user: Any, round_: Round, form: Form, typed: sheets.Typed, version: int, hand_in: bool
) -> Entry:
    """Store `typed` as the entry of `form` in `round_`, edited from `version`; hand it in when
    asked. Raises `Invalid`, `Incomplete`, `Stale` or `Frozen`; then nothing is stored."""
    perm.require(perm.enters_monitoring(user, form))
    errors = sheets.problems_of_input(typed)
    if errors:
        raise Invalid(errors)
    lit = sheets.lights(sheets.base(form, round_.month), typed)
    if hand_in and lit.problems:
        raise Incomplete(lit)
    with transaction.atomic():
        entry, _made = Entry.objects.get_or_create(round=round_, form=form)
        _write(entry, typed, lit, version, hand_in, user)
        data = {"round": round_.pk, "month": round_.month, "light": _light(lit), **asdict(typed)}
        record("monitoring_hand_in" if hand_in else "monitoring_save", user, form=form, data=data)
    return Entry.objects.get(pk=entry.pk)


def _light(lit: FormLights) -> str:
    return lit.light.value if lit.light else ""


def _write(
    entry: Entry, typed: sheets.Typed, lit: FormLights, version: int, hand_in: bool, user: Any
) -> None:
    """The conditional update: only from `version`, a draft, in an open round."""
    fields: dict[str, Any] = {
        "spent_text": typed.spent,
        "spent": lit.form.spent,
        "expected_text": typed.expected,
        "expected_spent": lit.form.expected_spent,
        "rows": [dict(r) for r in typed.rows],
        "light": _light(lit),
        "updated_by": user,
        "updated_at": timezone.now(),
        "version": F("version") + 1,
    }
    if hand_in:
        fields.update(state=Entry.State.HANDED_IN, handed_in_at=timezone.now(), returned=False)
    written = Entry.objects.filter(
        pk=entry.pk, version=version, state=Entry.State.DRAFT, round__state=Round.State.OPEN
    ).update(**fields)
    if not written:
        raise Frozen if _frozen(entry) else Stale


def _frozen(entry: Entry) -> bool:
    return not Entry.objects.filter(
        pk=entry.pk, state=Entry.State.DRAFT, round__state=Round.State.OPEN
    ).exists()
