"""The dashboard's monitoring block (docs/evaluation.md, "Monitoring in the app"): the lights
of the forms the user sees in the latest round, counted from each entry's light as the core
gave it at its last save, and the red forms."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count

from jixiao.evaluation.lights import Light
from jixiao_web.accounts import permissions as perm
from jixiao_web.monitoring import entries as stored
from jixiao_web.monitoring import sheets
from jixiao_web.monitoring.models import Entry, Round
from jixiao_web.monitoring.rounds import covered

RED_SHOWN = 50  # the red forms listed; the count says how many there are in all


@dataclass(frozen=True)
class Summary:
    round: Round
    forms: int  # the round's forms the user sees
    counts: dict[str, int]  # per light (`Light` values), "" for none yet
    red: list[Entry] = field(default_factory=list)

    @property
    def none(self) -> int:
        """Forms with no light yet: not entered, or nothing to measure."""
        return self.counts[""]


def latest_round(user: Any) -> Round | None:
    """The latest round (by year and month) for those who see monitoring."""
    return Round.objects.first() if perm.sees_monitoring(user) else None


def summary(user: Any) -> Summary | None:
    found = latest_round(user)
    if found is None:
        return None
    forms = perm.monitoring_forms(user).filter(pk__in=covered(found).values("pk"))
    entries = Entry.objects.filter(round=found, form__in=forms.values("pk"))
    counts = {light.value: 0 for light in Light}
    counts.update(dict(entries.values_list("light").annotate(n=Count("id")).order_by()))
    total = forms.count()
    counts[""] = total - sum(n for k, n in counts.items() if k)
    red = entries.filter(light=Light.RED).select_related("form", "form__unit")
    return Summary(
        found, total, counts, list(red.order_by("form__unit__name", "form_id")[:RED_SHOWN])
    )


def red_lights(year: int, form_ids: Iterable[int]) -> dict[int, int]:
    """The red lights (rows and spending) of each of these forms in the year's latest round, lit
    by the core from its entry: what the year summary of self-evaluation counts. The caller
    chooses the forms (those the user sees)."""
    found = Round.objects.filter(budget_year_id=year).first()  # latest month first
    if found is None:
        return {}
    entries = Entry.objects.filter(round=found, form_id__in=list(form_ids))
    entries = entries.select_related("form").prefetch_related("form__indicators")
    using = sheets.settings(year)
    return {
        e.form_id: sheets.lights(sheets.base(e.form, found.month), stored.typed_of(e), using).count(
            Light.RED
        )
        for e in entries
    }
