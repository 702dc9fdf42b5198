"""Saving an edited form: validate, save with optimistic concurrency, audit, review again.

Each form carries a version number. A save names the version it started from; when someone else
saved in between, the save is refused and the caller gets their changes to show, so nobody's work
is silently overwritten and the refused input stays in the editor.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import get_language

from jixiao.domain import Form, Funds, Indicator
from jixiao.domain.bounds import MAX_YEAR, check_amount
from jixiao.domain.form import FIELD_LABELS, FUNDS_FIELDS, FUNDS_LABELS
from jixiao.errors import InputError
from jixiao.importers import values
from jixiao.interchange import CanonicalError, form_from_json, form_to_json, parse_json
from jixiao_web.goals import models as m
from jixiao_web.services import units
from jixiao_web.services.audit import acting_as, record
from jixiao_web.services.forms import (
    TEXT_FIELDS,
    ensure_year,
    form_fields,
    indicator_rows,
    snapshot,
)
from jixiao_web.services.reviews import review_forms

TEXT_INPUTS = TEXT_FIELDS  # the text inputs of the editor: the title and the free-text fields
COMPARED = (*TEXT_INPUTS, "budget_year", "planned_start", "planned_end", "funds", "indicators")


@dataclass
class Parsed:
    form: Form | None
    errors: dict[str, str] = field(default_factory=dict)


def _opt(value: str | None) -> str | None:
    text = (value or "").strip()
    return text or None


def _decimal(name: str, raw: str, unit: str, errors: dict[str, str]) -> Decimal | None:
    """An amount read as the importers read a funds cell (full-width digits, `万元` and all),
    within the bounds every reader applies (`jixiao.domain.bounds`), in the form's unit."""
    if not raw.strip():
        return None
    value, written_unit = values.money(raw)
    if value is None:
        errors[name] = f"不是数字：{raw}"
        return None
    if written_unit not in (None, unit):
        errors[name] = f"写作{written_unit}，与资金单位“{unit}”不一致：{raw}"
        return None
    try:
        return check_amount(value, field=FUNDS_LABELS[name], written=raw.strip())
    except InputError as exc:  # the message in the page's language, as the import page shows it
        errors[name] = exc.text.en if get_language() == "en" else exc.text.zh
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


def _indicators(post: Any, errors: dict[str, str]) -> tuple[Indicator, ...]:
    columns = [post.getlist(f"ind-{c}") for c in ("level1", "level2", "name", "target", "meta")]
    rows = []
    for n, (l1, l2, name, target, meta) in enumerate(zip(*columns, strict=False)):
        if not (name.strip() or target.strip()):
            continue  # an empty new row
        if not name.strip():
            errors[f"indicator-{n}"] = "三级指标名称不能为空"
        extra = _meta(meta)
        rows.append(
            Indicator(
                level1=_opt(l1),
                level2=_opt(l2),
                name=name.strip(),
                target=target.strip(),
                source_lines=tuple(extra.get("source_lines", ())),
                period=extra.get("period"),
                extra=MappingProxyType(extra.get("extra", {})),
            )
        )
    return tuple(rows)


def _meta(raw: str) -> dict[str, Any]:
    """What a row carries unchanged through the editor (its source lines, period, extra cells)."""
    try:
        data = parse_json(raw) if raw else {}
    except CanonicalError:  # not JSON, or nested too deep to parse safely
        return {}
    return data if isinstance(data, dict) else {}


def parse_post(post: Any, original: Form) -> Parsed:
    errors: dict[str, str] = {}
    unit = _opt(post.get("funds_unit")) or "元"
    funds = Funds(
        unit=unit, **{n: _decimal(n, post.get(n, ""), unit, errors) for n in FUNDS_FIELDS}
    )
    form = original.with_changes(
        budget_year=_year(post.get("budget_year", ""), errors),
        planned_start=_date("planned_start", post.get("planned_start", ""), errors),
        planned_end=_date("planned_end", post.get("planned_end", ""), errors),
        funds=funds,
        indicators=_indicators(post, errors),
        **{name: _opt(post.get(name)) for name in TEXT_INPUTS},
    )
    return Parsed(None if errors else form, errors)


class Conflict(Exception):
    """Someone else saved the form since `version`; `changes` lists what they changed, `before`
    and `after` are the form (canonical JSON) as the user found it and as it is now."""

    def __init__(self, before: dict[str, Any], after: dict[str, Any], current_version: int) -> None:
        super().__init__("stale version")
        self.before = before
        self.after = after
        self.changes = changes_between(before, after)
        self.current_version = current_version


def changes_between(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[dict[str, Any]]:
    out = []
    for key in COMPARED:
        if before.get(key) != after.get(key):
            label = FIELD_LABELS.get(key, "项目资金" if key == "funds" else key)
            out.append(
                {"field": key, "label": label, "before": before.get(key), "after": after.get(key)}
            )
    return out


def _conflict(obj: m.Form, version: int) -> Conflict:
    current = m.Form.objects.get(pk=obj.pk)
    event = m.AuditEvent.objects.filter(form=obj, version=version).order_by("-id").first()
    before = event.data if event and event.data else {}
    return Conflict(before, snapshot(current), current.version)


def merge(mine: Form, conflict: Conflict) -> tuple[Form, set[str]]:
    """Three-way merge: the other person's changes to fields this user left alone are taken in;
    fields both changed (differently) keep this user's input and are returned as clashes."""
    ours = form_to_json(mine)
    merged, clashes = dict(ours), set()
    before, after = conflict.before, conflict.after
    for key in COMPARED:
        if before.get(key) == after.get(key):
            continue
        if before.get(key) == ours.get(key):
            merged[key] = after.get(key)
        elif ours.get(key) != after.get(key):
            clashes.add(key)
    return form_from_json(merged, "merge"), clashes


def save(obj: m.Form, form: Form, version: int, user: Any) -> m.Form:
    """Store `form` over `obj` if nobody saved since `version`; else raise `Conflict`.

    One transaction: the unit it names (created only for the administrator, else
    `units.UnitRefused`), the form, its rows, the audit event and the review stand or fall
    together.
    """
    with transaction.atomic(), acting_as(user):
        unit = units.resolve(form.supervising_department, form.implementing_unit, user)
        ensure_year(form.budget_year)
        fields = form_fields(form)
        count = m.Form.objects.filter(pk=obj.pk, version=version).update(
            version=F("version") + 1,
            unit=unit,
            updated_by=user,
            updated_at=timezone.now(),
            **fields,
        )
        if not count:
            raise _conflict(obj, version)
        saved = m.Form.objects.get(pk=obj.pk)
        saved.indicators.all().delete()
        m.Indicator.objects.bulk_create(indicator_rows(saved, form.indicators))
        record("edit", user, form=saved, version=saved.version, data=snapshot(saved))
        review_with_siblings(saved, user)
    return saved


# Above this many forms in one import, a save reviews the form alone (a few ms) rather than the
# whole import (about a second per thousand forms); cross-form findings then wait for a batch review.
SIBLING_LIMIT = 200


def review_with_siblings(obj: m.Form, user: Any) -> None:
    """Review a form with the others of its import, so cross-form rules still see them."""
    siblings = m.Form.objects.filter(import_batch_id=obj.import_batch_id)
    if obj.import_batch_id and siblings.count() <= SIBLING_LIMIT:
        forms = list(siblings.order_by("source_file_id", "seq", "id"))
    else:
        forms = [obj]
    review_forms(forms, user=user, batch=obj.import_batch)
