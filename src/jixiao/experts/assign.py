"""Automatic assignment of experts to the forms of a round (docs/workflow.md, "Expert rounds").

Each form gets `n` experts, never one of its own unit or department (`conflicts`), never the
same expert twice. Forms are served fewest-eligible first (those with little choice choose
first), then by id; each takes its experts by lowest load (what they already have to score,
this round's picks included), then most fields of work found in the form's text, then id. So
the result is the same for the same input, the load stays as even as the conflicts allow (all
loads within one of each other when they start equal and every expert may score every form),
and matching fields decide between experts of equal load. A form with fewer eligible experts
than `n` gets those there are and is reported in `short`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class FormToAssign:
    """A form: its unit and department (None: unknown), the text its fields are matched
    against (project name, category, department, goals), and experts it already has."""

    id: int
    unit: int | None
    department: int | None
    text: str = ""
    has: tuple[int, ...] = ()


@dataclass(frozen=True)
class ExpertToAssign:
    """An expert: unit, department, fields of work, and the sheets they already have to fill."""

    id: int
    unit: int | None
    department: int | None
    fields: tuple[str, ...] = ()
    load: int = 0


@dataclass
class Plan:
    """New assignments by form id (the form's existing experts not repeated), the forms that
    got fewer than `n` experts in all with the number they have, and each expert's load after."""

    picks: dict[int, list[int]] = field(default_factory=dict)
    short: dict[int, int] = field(default_factory=dict)
    loads: dict[int, int] = field(default_factory=dict)


def conflicts(form: FormToAssign, expert: ExpertToAssign) -> bool:
    """The expert belongs to the form's unit or department (or the form to the expert's)."""
    theirs = {expert.unit, expert.department} - {None}
    return bool(theirs & ({form.unit, form.department} - {None}))


def matches(form: FormToAssign, expert: ExpertToAssign) -> int:
    """How many of the expert's fields of work occur in the form's text."""
    return sum(1 for word in expert.fields if word and word in form.text)


def assign(forms: Iterable[FormToAssign], experts: Sequence[ExpertToAssign], n: int) -> Plan:
    """Up to `n` experts for each form, balanced and matched (see the module)."""
    plan = Plan(loads={e.id: e.load for e in experts})
    pool = {form.id: _eligible(form, experts) for form in forms}
    order = sorted(pool, key=lambda fid: (len(pool[fid][1]), fid))
    for fid in order:
        form, eligible = pool[fid]
        picked = _pick(form, eligible, n - len(set(form.has)), plan.loads)
        for eid in picked:
            plan.loads[eid] += 1
        plan.picks[fid] = picked
        got = len(set(form.has)) + len(picked)
        if got < n:
            plan.short[fid] = got
    return plan


def _eligible(
    form: FormToAssign, experts: Sequence[ExpertToAssign]
) -> tuple[FormToAssign, list[ExpertToAssign]]:
    chosen = set(form.has)
    return form, [e for e in experts if e.id not in chosen and not conflicts(form, e)]


def _pick(
    form: FormToAssign, eligible: list[ExpertToAssign], wanted: int, loads: dict[int, int]
) -> list[int]:
    if wanted <= 0:
        return []
    ranked = sorted(
        {e.id: e for e in eligible}.values(),
        key=lambda e: (loads[e.id], -matches(form, e), e.id),
    )
    return [e.id for e in ranked[:wanted]]
