"""Core `Form` <-> ORM, both ways and exact: a form read back gives the JSON it was saved from."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import Any

from jixiao.domain import Form, Funds, GoalPeriod, Indicator, Note
from jixiao.domain.form import FUNDS_FIELDS
from jixiao.domain.form import TEXT_FIELDS as FORM_TEXT_FIELDS
from jixiao.domain.target import format_decimal
from jixiao.interchange import form_from_json, form_to_json, template_from_json, template_to_json
from jixiao.names import name_key
from jixiao_web.forms import models as m
from jixiao_web.units.models import BudgetYear

TEXT_FIELDS = ("title", *FORM_TEXT_FIELDS)


def note_json(note: Note) -> dict[str, Any]:
    """An import note as the form keeps it; its English (`Note.en`) where the reader gave one."""
    kept = {"code": note.code, "message": note.message, "line": note.line}
    return {**kept, "message_en": note.en} if note.en else kept


def ensure_year(year: int | None) -> None:
    if year is not None:
        BudgetYear.objects.get_or_create(year=year)


def funds_fields(funds: Funds) -> dict[str, Any]:
    written = {n: None if v is None else format_decimal(v) for n, v in funds.items()}
    data: dict[str, Any] = dict(funds.items())
    data.update(funds_unit=funds.unit, funds_written=written, request_yuan=funds.requested_yuan)
    return data


def form_fields(form: Form) -> dict[str, Any]:
    """The column values of a core form (not the unit, the source or the indicators)."""
    gp = form.goal_period
    data: dict[str, Any] = {name: getattr(form, name) for name in TEXT_FIELDS}
    data.update(
        project_key=name_key(form.project_name)[:200],
        seq=form.seq,
        source_index=form.source,
        budget_year_id=form.budget_year,
        planned_start=form.planned_start,
        planned_end=form.planned_end,
        goal_period=None
        if gp is None
        else {"start_year": gp.start_year, "end_year": gp.end_year, "text": gp.text},
        notes=[note_json(n) for n in form.notes],
        lines=[[k, v] for k, v in form.lines.items()],
        template=None if form.template is None else template_to_json(form.template),
        **funds_fields(form.funds),
    )
    return data


def indicator_rows(
    form_obj: m.Form, indicators: Sequence[Indicator], keys: Sequence[str] = ()
) -> list[m.Indicator]:
    """The rows to store; `keys` are the rows' keys, a fresh one for each row past their end."""
    keys = [*keys, *(m.new_indicator_key() for _ in range(len(indicators) - len(keys)))]
    return [
        m.Indicator(
            form=form_obj,
            position=i,
            key=keys[i],
            level1=ind.level1,
            level2=ind.level2,
            name=ind.name,
            target=ind.target,
            source_lines=list(ind.source_lines),
            period=ind.period,
            extra=[[k, v] for k, v in ind.extra.items()],
        )
        for i, ind in enumerate(indicators)
    ]


def create_form(form: Form, **links: Any) -> m.Form:
    """Save a core form as a new row; `links` are unit (required), import_batch, source_file,
    updated_by."""
    ensure_year(form.budget_year)
    obj = m.Form.objects.create(**form_fields(form), **links)
    m.Indicator.objects.bulk_create(indicator_rows(obj, form.indicators))
    return obj


def pairs(value: Any) -> dict[str, Any]:
    """A mapping stored as [[key, value], ...] (order kept on every database), or a dict."""
    return dict(value.items()) if isinstance(value, dict) else {str(k): v for k, v in value}


def _funds(obj: m.Form) -> Funds:
    written = obj.funds_written or {}
    values: dict[str, Decimal | None] = {}
    for name in FUNDS_FIELDS:
        text = written.get(name)
        stored = getattr(obj, name)
        values[name] = Decimal(text) if text is not None else stored
    return Funds(unit=obj.funds_unit, **values)


def _indicator(row: m.Indicator) -> Indicator:
    return Indicator(
        level1=row.level1,
        level2=row.level2,
        name=row.name,
        target=row.target,
        source_lines=tuple(row.source_lines),
        period=row.period,
        extra=MappingProxyType(pairs(row.extra)),
    )


def to_core(obj: m.Form, indicators: Iterable[m.Indicator] | None = None) -> Form:
    """The core form of a row; pass `indicators` when they are already fetched."""
    rows = obj.indicators.all() if indicators is None else indicators
    gp = obj.goal_period
    return Form(
        seq=obj.seq,
        source=obj.source_index,
        budget_year=obj.budget_year_id,
        planned_start=obj.planned_start,
        planned_end=obj.planned_end,
        funds=_funds(obj),
        goal_period=None
        if gp is None
        else GoalPeriod(gp["start_year"], gp["end_year"], gp["text"]),
        indicators=tuple(_indicator(r) for r in sorted(rows, key=lambda r: r.position)),
        notes=tuple(
            Note(n["code"], n["message"], n.get("line"), n.get("message_en", "")) for n in obj.notes
        ),
        lines=MappingProxyType(pairs(obj.lines)),
        # a row as migration 0010 reads it (it publishes through this function) has no template
        template=template_from_json(getattr(obj, "template", None), f"form {obj.pk}"),
        **{name: getattr(obj, name) for name in TEXT_FIELDS},
    )


# The entry of an audit snapshot beside the canonical JSON: the key of each indicator row, so that
# the version a person started from can be the base of a merge row by row (docs/editing.md).
KEYS = "indicator_keys"


def snapshot(obj: m.Form) -> dict[str, Any]:
    """The canonical JSON of a stored form, as kept in its audit trail, and its rows' keys."""
    rows = sorted(obj.indicators.all(), key=lambda r: r.position)
    return snapshot_of(to_core(obj, rows), rows)


def snapshot_of(form: Form, rows: Sequence[m.Indicator]) -> dict[str, Any]:
    """The audit snapshot of `form` whose indicator rows are `rows` (in order)."""
    data = form_to_json(form)
    data[KEYS] = [r.key for r in rows]
    return data


def trusted_keys(posted: Iterable[object], known: Collection[str]) -> list[str]:
    """Row keys sent by a browser, made safe: a key that is not one of `known` (the form's own
    rows) or that comes a second time stands for a new row and gets a fresh key."""
    out: list[str] = []
    for key in posted:
        fits = isinstance(key, str) and key in known and key not in out
        out.append(str(key) if fits else m.new_indicator_key())
    return out


def published_copy(obj: m.Form) -> dict[str, Any]:
    """A publication's fields for a form as it stands (`models.Publication`)."""
    return {
        "revision": obj.revision,
        "version": obj.version,
        "data": snapshot(obj),
        "project_name": obj.project_name,
        "budget_year": obj.budget_year_id,
        "request_yuan": obj.request_yuan,
    }


def published_core(publication: m.Publication) -> Form:
    """The core form of a publication, as it was published."""
    data = {k: v for k, v in publication.data.items() if k != KEYS}
    return form_from_json(data, f"publication {publication.pk}")
