"""Three-way merge of two edits of one form: field by field, indicator row by row.

Two people open the same version of a form, the *base*. One saves first (*theirs*, the stored
form now); the other saves later (*mine*). Rather than refuse the later save, every place of the
form is merged on its own with one rule (`pick`): a side that left the place as it was in the base
takes the other side's value; two equal changes are one change; two different changes are a
conflict, where the merged form keeps mine (or, when mine deleted a row theirs changed, the changed
row: nothing is lost). The places are the scalar fields (each funds figure and the funds unit on
their own), each indicator row, identified by a key that survives saves and moves, and the order
of the rows. Fields the merge does not know (notes, source lines, `seq` ...) are the stored form's.

Forms are canonical JSON (`jixiao.interchange.form_to_json`), which has no row identity: the keys
come beside the form, one per indicator row. A base without keys (a snapshot written before rows
had keys) is merged with the indicator table as one value. docs/editing.md tells the whole story.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from jixiao.domain.form import FUNDS_FIELDS, HEADER_FIELDS

Row = Mapping[str, Any]
FUNDS = "funds."
# The scalar places, in the order of the paper form; funds figures are "funds.<name>".
FIELDS: tuple[str, ...] = (
    "title",
    "budget_year",
    *HEADER_FIELDS,
    *(FUNDS + name for name in ("unit", *FUNDS_FIELDS)),
    "overall_goal",
    "annual_goal",
)
ORDER = "order"
TABLE = "indicators"


class Kind(Enum):
    FIELD = "field"
    ROW = "row"  # one indicator row, named by its key
    ORDER = "order"  # the order of the rows both sides kept
    TABLE = "table"  # the whole indicator table, when the base has no keys


@dataclass(frozen=True)
class Side:
    """A form as one side has it: canonical JSON and the key of each indicator row (None: not
    known, which only a base may be)."""

    form: Mapping[str, Any]
    keys: Sequence[str] | None = None


@dataclass(frozen=True)
class Change:
    """A place the other side changed: its value in the base, mine, theirs and the merge.

    A field's value is the JSON value; a row's is its canonical JSON (None: absent); the order's
    and the table's are lists of rows. `clash` is a conflict: both changed it, differently."""

    kind: Kind
    name: str  # the field ("funds.unit"), the row's key, ORDER or TABLE
    base: Any
    mine: Any
    theirs: Any
    merged: Any
    clash: bool


@dataclass(frozen=True)
class Merged:
    form: dict[str, Any]
    keys: tuple[str, ...]
    changes: tuple[Change, ...]  # every place theirs changed, conflicts included

    @property
    def conflicts(self) -> tuple[Change, ...]:
        return tuple(c for c in self.changes if c.clash)


def pick(base: Any, mine: Any, theirs: Any, same: Callable[[Any, Any], bool]) -> tuple[Any, bool]:
    """The three-way rule for one place: (merged value, conflict?); a conflict keeps mine."""
    if same(mine, base):
        return theirs, False
    if same(theirs, base) or same(theirs, mine):
        return mine, False
    return mine, True


def _equal(a: Any, b: Any) -> bool:
    return bool(a == b)


def merge(base: Side, mine: Side, theirs: Side) -> Merged:
    """Merge mine and theirs, both edited from base; see the module's text for the rules."""
    fields, changes = _merge_fields(base.form, mine.form, theirs.form)
    if base.keys is None:
        rows, keys, table_changes = _merge_table(base, mine, theirs)
    else:
        rows, keys, table_changes = _merge_rows(base, mine, theirs)
    return Merged(_assemble(theirs.form, fields, rows), keys, (*changes, *table_changes))


# Fields ---------------------------------------------------------------------------------------


def field_value(form: Mapping[str, Any], place: str) -> Any:
    """The value of a scalar place of a canonical form ("funds.unit" looks inside funds)."""
    if place.startswith(FUNDS):
        return (form.get("funds") or {}).get(place[len(FUNDS) :])
    return form.get(place)


def _merge_fields(
    base: Mapping[str, Any], mine: Mapping[str, Any], theirs: Mapping[str, Any]
) -> tuple[dict[str, Any], list[Change]]:
    merged: dict[str, Any] = {}
    changes = []
    for place in FIELDS:
        b, m, t = (field_value(form, place) for form in (base, mine, theirs))
        merged[place], clash = pick(b, m, t, _equal)
        if t != b:
            changes.append(Change(Kind.FIELD, place, b, m, t, merged[place], clash))
    return merged, changes


def _assemble(
    theirs: Mapping[str, Any], fields: Mapping[str, Any], rows: list[Row]
) -> dict[str, Any]:
    """The stored form with the merged fields and rows: what the merge does not know is kept."""
    form = dict(theirs)
    funds = dict(form.get("funds") or {})
    for place, value in fields.items():
        if place.startswith(FUNDS):
            funds[place[len(FUNDS) :]] = value
        else:
            form[place] = value
    form.update(funds=funds, indicators=[dict(row) for row in rows])
    return form


# Rows -----------------------------------------------------------------------------------------


def row_content(row: Row | None) -> tuple[Any, ...] | None:
    """What a person edits in a row; its source lines follow it and are not compared."""
    if row is None:
        return None
    extra = tuple(sorted((row.get("extra") or {}).items()))
    fixed = (row.get(k) for k in ("level1", "level2", "name", "target"))
    return (*fixed, row.get("period") or None, extra)


def _same_row(a: Row | None, b: Row | None) -> bool:
    return row_content(a) == row_content(b)


def _by_key(side: Side) -> dict[str, Row]:
    rows = list(side.form.get("indicators") or [])
    keys = list(side.keys or ())
    if len(keys) != len(rows) or len(set(keys)) != len(keys):
        raise ValueError(f"need one distinct key per row: {len(rows)} rows, keys {keys}")
    return dict(zip(keys, rows, strict=True))


def _merge_rows(
    base: Side, mine: Side, theirs: Side
) -> tuple[list[Row], tuple[str, ...], list[Change]]:
    b, m, t = _by_key(base), _by_key(mine), _by_key(theirs)
    kept: dict[str, Row] = {}
    changes = []
    for key in _union(m, t, b):
        row, clash = pick(b.get(key), m.get(key), t.get(key), _same_row)
        if clash and row is None:
            row = t[key]  # mine deleted what theirs changed: keep the change, lose nothing
        if row is not None:
            kept[key] = row
        if not _same_row(t.get(key), b.get(key)):
            changes.append(Change(Kind.ROW, key, b.get(key), m.get(key), t.get(key), row, clash))
    order, order_change = _merge_order(list(b), list(m), list(t), kept, (b, m, t))
    return [kept[k] for k in order], tuple(order), _sorted(changes, order, b) + order_change


def _union(*keyed: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(k for keys in keyed for k in keys))


def _sorted(changes: list[Change], order: list[str], base: Mapping[str, Row]) -> list[Change]:
    """Row changes in the merged order; rows gone from it where they stood in the base."""
    place = {k: n for n, k in enumerate(_union(order, base))}
    return sorted(changes, key=lambda c: place.get(c.name, len(place)))


def _merge_order(
    base: list[str],
    mine: list[str],
    theirs: list[str],
    kept: Mapping[str, Row],
    rows: tuple[Mapping[str, Row], ...],
) -> tuple[list[str], list[Change]]:
    """The order is one more place: the relative order of the rows all three sides have.
    Whichever side moved rows leads (mine when both did); the other side's rows that the leader
    lacks go in after the row that precedes them on their side, or first."""
    common = set(base) & set(mine) & set(theirs)
    b, m, t = ([k for k in keys if k in common] for keys in (base, mine, theirs))
    theirs_lead = m == b and t != b
    lead, follow = (theirs, mine) if theirs_lead else (mine, theirs)
    order = _interleave(lead, follow, kept)
    if t == b:
        return order, []
    values = [[side[k] for k in keys] for side, keys in zip(rows, (b, m, t), strict=True)]
    merged = [kept[k] for k in order if k in common]
    clash = m not in (b, t)
    return order, [Change(Kind.ORDER, ORDER, *values, merged, clash)]


def _interleave(lead: list[str], follow: list[str], kept: Mapping[str, Row]) -> list[str]:
    order = [k for k in lead if k in kept]
    at = -1  # where the last row of `follow` already placed stands
    for key in follow:
        if key in order:
            at = order.index(key)
        elif key in kept:
            at += 1
            order.insert(at, key)
    return order


# The table as one value (a base without keys) --------------------------------------------------


def _merge_table(
    base: Side, mine: Side, theirs: Side
) -> tuple[list[Row], tuple[str, ...], list[Change]]:
    sides = [list(s.form.get("indicators") or []) for s in (base, mine, theirs)]
    b, m, t = ([row_content(r) for r in rows] for rows in sides)
    clash = pick(b, m, t, _equal)[1]
    winner, rows = (theirs, sides[2]) if m == b else (mine, sides[1])
    keys = tuple(_by_key(winner))  # checks that the keys fit the rows
    changes = [Change(Kind.TABLE, TABLE, *sides, rows, clash)] if t != b else []
    return rows, keys, changes
