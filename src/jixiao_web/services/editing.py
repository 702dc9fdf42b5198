"""Saving an edited form: validate, save with optimistic concurrency, audit, review again.

Each form carries a version number. A save names the version it started from; when someone else
saved in between, the two edits are merged (`jixiao.merge`, docs/editing.md): the base is the
audit snapshot of the version the user started from, theirs the form stored now, mine the post.
Without a conflict the merge is saved at once; with one nothing is saved and the caller gets the
merge to show, so nobody's work is silently overwritten and the user's input stays in the editor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from jixiao.domain import Form, Funds, Indicator
from jixiao.domain.bounds import MAX_YEAR, check_amount
from jixiao.domain.form import FUNDS_FIELDS, FUNDS_LABELS
from jixiao.domain.paper import editable_columns
from jixiao.errors import InputError
from jixiao.importers import values
from jixiao.interchange import CanonicalError, form_from_json, form_to_json, parse_json
from jixiao.merge import Merged, Side, merge
from jixiao.templates import PERIODS
from jixiao_web.bilingual import local
from jixiao_web.forms import models as m
from jixiao_web.services import units
from jixiao_web.services.audit import acting_as, record
from jixiao_web.services.forms import (
    KEYS,
    TEXT_FIELDS,
    create_form,
    ensure_year,
    form_fields,
    indicator_rows,
    snapshot,
    trusted_keys,
)
from jixiao_web.services.reviews import review_forms, review_group

TEXT_INPUTS = TEXT_FIELDS  # the text inputs of the editor: the title and the free-text fields
# A clean merge is saved as the current version; when yet another save came in meanwhile, merge
# again, this many times at most before the user is asked to look (and save) again.
MERGE_ROUNDS = 3
FUNDS_UNITS = ("元", "万元")  # the editor's choices (forms/edit.html)
PERIOD_LONGEST = m.Indicator._meta.get_field("period").max_length  # its column's size


@dataclass
class Parsed:
    form: Form | None
    errors: dict[str, str] = field(default_factory=dict)
    keys: tuple[object, ...] = ()  # each row's key as posted (untrusted), None for a new row


def _opt(value: str | None) -> str | None:
    text = (value or "").strip()
    return text or None


def _decimal(name: str, raw: str, unit: str | None, errors: dict[str, str]) -> Decimal | None:
    """An amount read as the importers read a funds cell (full-width digits, `万元` and all),
    within the bounds every reader applies (`jixiao.domain.bounds`), in the form's unit."""
    if not raw.strip():
        return None
    value, written_unit = values.money(raw)
    if value is None:
        errors[name] = f"不是数字：{raw}"
        return None
    if written_unit not in (None, unit):
        errors[name] = f"写作{written_unit}，与资金单位“{unit or '未注明'}”不一致：{raw}"
        return None
    try:
        return check_amount(value, field=FUNDS_LABELS[name], written=raw.strip())
    except InputError as exc:  # the message in the page's language, as the import page shows it
        errors[name] = local(exc.text)
        return None


def _date(name: str, raw: str, errors: dict[str, str]) -> date | None:
    if not raw.strip():
        return None
    parsed = values.day(raw)
    if parsed is None:
        errors[name] = f"不是 YYYY-MM-DD 日期：{raw}"
    return parsed


def _year(raw: str, errors: dict[str, str]) -> int | None:
    if not raw.strip():
        return None
    year = values.whole(raw, MAX_YEAR)
    if year is not None and 1990 <= year <= 2100:
        return year
    errors["budget_year"] = f"预算年度应为 1990–2100 的年份：{raw}"
    return None


def _indicators(
    post: Any, errors: dict[str, str], extras: Sequence[str] = ()
) -> tuple[tuple[Indicator, ...], list[object]]:
    """The rows as posted. Where the editor shows a row's period and further columns
    (`paper.editable_columns`: `ind-period`, `ind-extra-N` for the N-th of `extras`), what is
    posted there replaces what the row's meta carried; an emptied further cell is dropped."""
    columns = [post.getlist(f"ind-{c}") for c in ("level1", "level2", "name", "target", "meta")]
    periods = post.getlist("ind-period")
    further = [post.getlist(f"ind-extra-{j}") for j in range(len(extras))]
    rows, keys = [], []
    for n, (l1, l2, name, target, meta) in enumerate(zip(*columns, strict=False)):
        if not (name.strip() or target.strip()):
            continue  # an empty new row
        if not name.strip():
            errors[f"indicator-{n}"] = "三级指标名称不能为空"
        extra = _meta(meta)
        if n < len(periods):
            period = periods[n].strip() or None
            if period is not None and period not in PERIODS:
                errors[f"indicator-{n}"] = f"指标期间应为中期或本年度：{period[:20]}"
            extra["period"] = period
        for key, column in zip(extras, further, strict=True):
            if n < len(column):
                typed = column[n].strip()
                if typed:
                    extra["extra"][key] = typed  # in its place where the row had it
                else:
                    extra["extra"].pop(key, None)
        keys.append(extra.get("key"))
        rows.append(
            Indicator(
                level1=_opt(l1),
                level2=_opt(l2),
                name=name.strip(),
                target=target.strip(),
                source_lines=extra["source_lines"],
                period=extra["period"],
                extra=MappingProxyType(extra["extra"]),
            )
        )
    return tuple(rows), keys


def _meta(raw: str) -> dict[str, Any]:
    """What a row carries unchanged through the editor: its key, source lines, period, extra
    cells. It comes back from the browser: a part not of the shape the editor wrote is dropped."""
    try:
        data = parse_json(raw) if raw else {}
    except CanonicalError:  # not JSON, or nested too deep to parse safely
        data = {}
    data = data if isinstance(data, dict) else {}
    lines, period, extra = data.get("source_lines"), data.get("period"), data.get("extra")
    whole_lines = isinstance(lines, list) and all(type(n) is int for n in lines)
    return {
        "key": data.get("key"),  # checked against the form's rows when saved (trusted_keys)
        "source_lines": tuple(lines) if whole_lines else (),
        # a period longer than its column is none of ours: only a hand-made request sends it
        "period": period
        if isinstance(period, str) and len(period) <= (PERIOD_LONGEST or 0)
        else None,
        "extra": {k: v for k, v in extra.items() if isinstance(v, str)}
        if isinstance(extra, dict)
        else {},
    }


def _funds_unit(raw: str | None, errors: dict[str, str], before: str | None) -> str | None:
    """The unit chosen; a form whose unit could not be told (`before` None) keeps it untold
    until someone chooses one: it is never taken for 元 unasked (docs/templates.md, *Money*)."""
    unit = _opt(raw)
    if unit is None:
        return None if before is None else "元"
    if unit not in FUNDS_UNITS:  # only a hand-made request sends another
        errors["funds_unit"] = f"资金单位应为“元”或“万元”：{unit[:20]}"
        return "元"
    return unit


def parse_post(post: Any, original: Form) -> Parsed:
    errors: dict[str, str] = {}
    unit = _funds_unit(post.get("funds_unit"), errors, original.funds.unit)
    indicators, keys = _indicators(post, errors, editable_columns(original)[1])
    funds = Funds(
        unit=unit, **{n: _decimal(n, post.get(n, ""), unit, errors) for n in FUNDS_FIELDS}
    )
    form = original.with_changes(
        budget_year=_year(post.get("budget_year", ""), errors),
        planned_start=_date("planned_start", post.get("planned_start", ""), errors),
        planned_end=_date("planned_end", post.get("planned_end", ""), errors),
        funds=funds,
        indicators=indicators,
        **{name: _text(post.get(name)) for name in TEXT_INPUTS},
    )
    return Parsed(None if errors else form, errors, tuple(keys))


def _text(raw: str | None) -> str | None:
    """A text as typed. Browsers send a textarea's line breaks as CRLF (HTML's form submission
    rule): they are the form's own LF, else every save would change every multi-line goal, and
    a merge would take an untouched goal for a changed one."""
    return _opt((raw or "").replace("\r\n", "\n"))


class Conflict(Exception):
    """Someone else saved the form since the user's version and the edits clash (or kept
    racing): nothing was saved. `merged` is the merge to show, `current_version` the version
    a save of it must name."""

    def __init__(self, merged: Merged, current_version: int) -> None:
        super().__init__("conflicting edits")
        self.merged = merged
        self.form = form_from_json(merged.form, "merge")
        self.current_version = current_version


class Frozen(Exception):
    """The form left the draft stage (submitted, approved, published) before the save: only a
    draft is edited (docs/workflow.md), so nothing was saved."""


class _Stale(Exception):
    """The form is no longer at the version the save named (rolls the attempt back)."""


@dataclass(frozen=True)
class Saved:
    form: m.Form
    merged: bool  # the other person's changes made meanwhile were merged in


def save(obj: m.Form, form: Form, keys: Sequence[object], version: int, user: Any) -> Saved:
    """Store `form` (its rows' keys as posted) over `obj`, edited from `version`; merge with
        what others saved meanwhile. Raises `units.UnitRefused` when the user may not file the form
        under the unit it names, `Conflict` when the edits clash, `Frozen` when the form is no longer
    a draft; either way nothing is saved."""
    base = stored_at(obj, version)
    known = {*current_keys(obj), *(base.keys if base and base.keys else ())}
    mine = tuple(trusted_keys(keys, known))
    for attempt in range(MERGE_ROUNDS):
        try:
            return Saved(_store(obj, form, mine, version, user), merged=attempt > 0)
        except _Stale:
            pass
        version, theirs = _current(obj)
        merged = merge(base or Side({}), Side(form_to_json(form), mine), theirs)
        if merged.conflicts:
            raise Conflict(merged, version)
        form, mine, base = form_from_json(merged.form, "merge"), merged.keys, theirs
    raise Conflict(merged, version)


def _side(data: dict[str, Any]) -> Side:
    """An audit snapshot as a side of a merge (old snapshots have no keys)."""
    keys = data.get(KEYS)
    return Side({k: v for k, v in data.items() if k != KEYS}, None if keys is None else keys)


def stored_at(obj: m.Form, version: int) -> Side | None:
    """The form as it was at `version`, from its audit trail (None: not recorded)."""
    events = m.AuditEvent.objects.filter(form=obj, version=version).order_by("-id").only("data")
    # status changes keep the version and record no snapshot: take the event that has one
    data = next((e.data for e in events if e.data), None)
    return None if data is None else _side(data)


def current_keys(obj: m.Form) -> list[str]:
    return list(m.Indicator.objects.filter(form=obj).values_list("key", flat=True))


def _current(obj: m.Form) -> tuple[int, Side]:
    """The stored version and form, read together (the row lock makes the form and its rows
    one consistent state on PostgreSQL; SQLite reads one snapshot anyway)."""
    with transaction.atomic():
        row = m.Form.objects.select_for_update().get(pk=obj.pk)
        return row.version, _side(snapshot(row))


def _store(obj: m.Form, form: Form, keys: Sequence[str], version: int, user: Any) -> m.Form:
    """Write `form` as the version after `version`, in one transaction with the unit it names
    (created only for the administrator), its rows, the audit event and the review; `_Stale`
    when the form is no longer at `version`."""
    with transaction.atomic(), acting_as(user):
        unit = units.resolve(form.supervising_department, form.implementing_unit, user)
        ensure_year(form.budget_year)
        count = m.Form.objects.filter(pk=obj.pk, version=version, status=m.Status.DRAFT).update(
            version=F("version") + 1,
            unit=unit,
            updated_by=user,
            updated_at=timezone.now(),
            **form_fields(form),
        )
        if not count:
            raise Frozen if _frozen(obj) else _Stale
        saved = m.Form.objects.get(pk=obj.pk)
        saved.indicators.all().delete()
        m.Indicator.objects.bulk_create(indicator_rows(saved, form.indicators, keys))
        record("edit", user, form=saved, version=saved.version, data=snapshot(saved))
        review_with_siblings(saved, user)
    return saved


def _frozen(obj: m.Form) -> bool:
    return not m.Form.objects.filter(pk=obj.pk, status=m.Status.DRAFT).exists()


def review_with_siblings(obj: m.Form, user: Any) -> None:
    """Review a form with the others of its import, so cross-form rules still see them."""
    review_forms(review_group(obj), user=user, batch=obj.import_batch)


def create(form: Form, user: Any) -> m.Form:
    """Store `form` as a new draft under the unit it names (`units.resolve`: unit staff their
    own only, else `units.UnitRefused` and nothing is written), audited as `create`."""
    with transaction.atomic(), acting_as(user):
        unit = units.resolve(form.supervising_department, form.implementing_unit, user)
        obj = create_form(form.with_changes(source=0), unit=unit, updated_by=user)
        record("create", user, form=obj, version=obj.version, data=snapshot(obj))
    return obj
