"""Canonical JSON `jixiao/forms@1`: every importer produces it, every exporter can consume it.

`to_canonical` and `from_canonical` are exact inverses: a batch written and read back is equal to
the batch it was written from, which is what makes every format round-trip through JSON.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import Any

import orjson

from jixiao.domain.bounds import MAX_SEQ, MAX_YEAR, check_amount
from jixiao.domain.form import (
    FUNDS_FIELDS,
    FUNDS_LABELS,
    Form,
    Funds,
    GoalPeriod,
    Indicator,
    Note,
    Source,
    TemplateMatch,
    make_indicator,
)
from jixiao.domain.target import format_decimal
from jixiao.i18n import Text
from jixiao.pieces import Pieces, render

SCHEMA = "jixiao/forms@1"


@dataclass(frozen=True)
class Batch:
    """Forms read together, with the sources they came from and notes about whole documents."""

    sources: tuple[Source, ...] = ()
    forms: tuple[Form, ...] = ()
    notes: tuple[Note, ...] = field(default=())

    def merged_with(self, other: Batch) -> Batch:
        """Two batches as one; the forms of `other` point at its sources in their new place."""
        offset = len(self.sources)
        moved = tuple(f.with_changes(source=f.source + offset) for f in other.forms)
        return Batch(self.sources + other.sources, self.forms + moved, self.notes + other.notes)


class CanonicalError(ValueError):
    """A JSON document that is not valid `jixiao/forms@1`; the message says where."""


def to_canonical(batch: Batch) -> dict[str, Any]:
    data: dict[str, Any] = {
        "schema": SCHEMA,
        "sources": [
            {"path": s.path, "sha256": s.sha256, "format": s.format} for s in batch.sources
        ],
        "forms": [form_to_json(f) for f in batch.forms],
    }
    if batch.notes:
        data["notes"] = [note_to_json(n) for n in batch.notes]
    return data


def dumps(batch: Batch) -> str:
    return b"".join(iter_canonical(batch)).decode("utf-8")


def iter_canonical(batch: Batch) -> Iterator[bytes]:
    """`to_canonical(batch)` as UTF-8 JSON (two-space indent, text as written), piece by piece:
    one form at a time, so that a writer can pass each on before the next is made. orjson writes
    each piece; the pieces are indented to their depth."""
    return render(CANONICAL, batch)


class CanonicalLayout:
    """Canonical JSON as a `FormLayout`: a form's piece is its object, indented to its depth."""

    def piece(self, form: Form, sources: Sequence[Source]) -> bytes:
        return nested(form_to_json(form), _INDENT)

    def document(self, frame: Batch, pieces: Pieces) -> Iterator[bytes]:
        yield b'{\n  "schema": ' + orjson.dumps(SCHEMA)
        sources = [{"path": s.path, "sha256": s.sha256, "format": s.format} for s in frame.sources]
        yield b',\n  "sources": ' + nested(sources)
        yield b',\n  "forms": '
        yield from listed(pieces())
        if frame.notes:
            yield b',\n  "notes": ' + nested([note_to_json(n) for n in frame.notes])
        yield b"\n}\n"


CANONICAL = CanonicalLayout()
_INDENT = b"\n    "  # a form is two levels deep: in the list, in the document


def nested(value: Any, indent: bytes = b"\n  ") -> bytes:
    """`value` as indented JSON, one level deep (a string never holds a raw line break): a piece
    of a document written piece by piece (here, and the review's `exporters.review_json.iter_json`)."""
    return orjson.dumps(value, option=orjson.OPT_INDENT_2).replace(b"\n", indent)


def items(values: Iterator[Any], any_values: bool) -> Iterator[bytes]:
    """A JSON list one level deep, an item at a time."""
    if not any_values:
        return listed(())
    return listed(nested(value, _INDENT) for value in values)


def listed(pieces: Iterable[bytes]) -> Iterator[bytes]:
    """A JSON list one level deep of items already written (`nested(item, _INDENT)`)."""
    separator = b"[" + _INDENT
    for piece in pieces:
        yield separator + piece
        separator = b"," + _INDENT
    yield b"\n  ]" if separator[0:1] == b"," else b"[]"


def _money(value: Decimal | None) -> str | None:
    return None if value is None else format_decimal(value)


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def note_to_json(note: Note) -> dict[str, Any]:
    return {"code": note.code, "message": note.message, "line": note.line}


def indicator_to_json(indicator: Indicator) -> dict[str, Any]:
    data: dict[str, Any] = {
        "level1": indicator.level1,
        "level2": indicator.level2,
        "name": indicator.name,
        "target": indicator.target,
        "parsed_target": indicator.parsed_target.to_json(),
        "source_lines": list(indicator.source_lines),
    }
    if indicator.period:
        data["period"] = indicator.period
    if indicator.extra:
        data["extra"] = dict(indicator.extra)
    return data


def form_to_json(form: Form) -> dict[str, Any]:
    funds = {"unit": form.funds.unit}
    funds.update({name: _money(value) for name, value in form.funds.items()})
    data: dict[str, Any] = {
        "seq": form.seq,
        "source": form.source,
        "title": form.title,
        "budget_year": form.budget_year,
        "project_name": form.project_name,
        "project_category": form.project_category,
        "supervising_department": form.supervising_department,
        "implementing_unit": form.implementing_unit,
        "planned_start": _day(form.planned_start),
        "planned_end": _day(form.planned_end),
        "funds": funds,
        "overall_goal": form.overall_goal,
        "annual_goal": form.annual_goal,
        "goal_period": None,
        "indicators": [indicator_to_json(i) for i in form.indicators],
        "notes": [note_to_json(n) for n in form.notes],
        "lines": dict(form.lines),
    }
    if form.goal_period:
        gp = form.goal_period
        data["goal_period"] = {
            "start_year": gp.start_year,
            "end_year": gp.end_year,
            "text": gp.text,
        }
    if form.template is not None:
        data["template"] = template_to_json(form.template)
    return data


def template_to_json(match: TemplateMatch) -> dict[str, Any]:
    """The template a form was read through and how well it fit (docs/templates.md)."""
    runner = match.runner_up_confidence
    return {
        "id": match.id,
        "confidence": str(match.confidence),
        "runner_up": match.runner_up,
        "runner_up_confidence": None if runner is None else str(runner),
    }


def template_from_json(data: Any, where: str) -> TemplateMatch | None:
    """`template_to_json` read back (None for none); CanonicalError naming `where` if wrong."""
    if not data:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        raise CanonicalError(f"{where}.template：应为含 id 的对象")
    runner = data.get("runner_up_confidence")
    return TemplateMatch(
        data["id"],
        Decimal(str(data.get("confidence", "0"))),
        data.get("runner_up") if isinstance(data.get("runner_up"), str) else None,
        None if runner is None else Decimal(str(runner)),
    )


# Reading back -------------------------------------------------------------------------------


# Canonical JSON nests 6 levels deep (batch, forms, form, indicators, indicator, its target).
# Python's parser recurses once per level and fails with RecursionError near 1,000; what it
# returns below that still breaks code that walks it. Deeper documents are refused first.
MAX_JSON_DEPTH = 64
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def json_depth(text: str, limit: int = MAX_JSON_DEPTH) -> int:
    """How deep the arrays and objects of `text` nest (brackets inside strings do not count),
    counted up to one past `limit`. Not a parse: it reads malformed JSON too, never less deep
    than the parser would go. It costs what the parse costs (0.25 s for 20 MB of canonical JSON,
    about a quarter of importing it): catching RecursionError instead would be free, but leave
    documents up to ~1,000 levels deep to break the code that walks them afterwards."""
    depth = deepest = 0
    for bracket in _NOT_BRACKET.sub("", _JSON_STRING.sub("", text)):
        if bracket in "[{":
            depth += 1
            deepest = max(deepest, depth)
            if deepest > limit:
                break
        else:
            depth -= 1
    return deepest


def parse_json(text: str) -> Any:
    """`json.loads`, refusing documents nested deeper than `MAX_JSON_DEPTH` before parsing."""
    if json_depth(text) > MAX_JSON_DEPTH:
        raise CanonicalError(f"JSON 嵌套过深：超过 {MAX_JSON_DEPTH} 层")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CanonicalError(
            f"不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}"
        ) from None


def loads(text: str) -> Batch:
    return from_canonical(parse_json(text))


def from_canonical(data: Any) -> Batch:
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise CanonicalError(f"不是 {SCHEMA} 文档（缺少或不符的 schema 字段）")
    sources = tuple(
        Source(str(s["path"]), str(s.get("sha256", "")), str(s.get("format", "")))
        for s in _list(data, "sources", "")
    )
    forms = tuple(form_from_json(f, f"forms[{i}]") for i, f in enumerate(_list(data, "forms", "")))
    notes = tuple(_note(n) for n in data.get("notes", []))
    return Batch(sources, forms, notes)


def _list(data: dict[str, Any], key: str, where: str) -> list[Any]:
    value = data.get(key, [])
    if not isinstance(value, list):
        raise CanonicalError(f"{where}{key}：应为列表")
    return value


def _decimal(value: Any, where: str) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise CanonicalError(f"{where}：不是数字：{value!r}") from None


def _funds(data: Any, where: str, seq: int) -> Funds:
    """The funds block; a figure out of bounds is an `InputError` naming the form and field."""
    at = Text(f"第 {seq} 张表：", f"form {seq}: ")
    figures: dict[str, Decimal | None] = {}
    for name in FUNDS_FIELDS:
        value = data.get(name)
        amount = _decimal(value, f"{where}.funds.{name}")
        if amount is not None:
            check_amount(amount, field=FUNDS_LABELS[name], written=str(value), at=at)
        figures[name] = amount
    return Funds(unit=_unit(data, where), **figures)


def _unit(data: Any, where: str) -> str | None:
    """The funds' unit: 元 or 万元; null for a unit nobody could tell, kept unknown (never read as
    元: docs/templates.md, *Money*); 元 when a document of before units were kept says none."""
    if "unit" not in data or data["unit"] == "":
        return "元"
    unit = data["unit"]
    if unit is not None and unit not in ("元", "万元"):
        raise CanonicalError(f"{where}.funds.unit：应为“元”“万元”或 null：{str(unit)[:20]!r}")
    return unit


def _whole(value: Any, where: str, largest: int) -> int:
    """A whole number from 0 to `largest` (what the database's column holds)."""
    number = int(value)
    if not 0 <= number <= largest:
        raise CanonicalError(f"{where}：超出范围 0–{largest}：{value!r}")
    return number


def _date(value: Any, where: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise CanonicalError(f"{where}：不是 YYYY-MM-DD 日期：{value!r}") from None


def _note(data: dict[str, Any]) -> Note:
    return Note(str(data["code"]), str(data["message"]), data.get("line"))


def _text(data: dict[str, Any], key: str) -> str | None:
    value = data.get(key)
    return None if value is None else str(value)


_NO_EXTRA: Any = MappingProxyType({})


def indicator_from_json(data: dict[str, Any]) -> Indicator:
    extra = data.get("extra")
    return make_indicator(  # every field given, in order (a batch holds a hundred thousand)
        _text(data, "level1"),
        _text(data, "level2"),
        str(data.get("name") or ""),
        str(data.get("target") or ""),
        tuple(int(n) for n in data.get("source_lines", ())),
        _text(data, "period"),
        MappingProxyType({str(k): str(v) for k, v in extra.items()}) if extra else _NO_EXTRA,
    )


def form_from_json(data: Any, where: str) -> Form:
    if not isinstance(data, dict):
        raise CanonicalError(f"{where}：应为对象")
    try:
        seq = _whole(data.get("seq", 0), f"{where}.seq", MAX_SEQ)
        year = data.get("budget_year")
        gp = data.get("goal_period")
        return Form(
            seq=seq,
            source=_whole(data.get("source", 0), f"{where}.source", MAX_SEQ),
            title=_text(data, "title"),
            budget_year=_whole(year, f"{where}.budget_year", MAX_YEAR) if year else None,
            project_name=_text(data, "project_name"),
            project_category=_text(data, "project_category"),
            supervising_department=_text(data, "supervising_department"),
            implementing_unit=_text(data, "implementing_unit"),
            planned_start=_date(data.get("planned_start"), f"{where}.planned_start"),
            planned_end=_date(data.get("planned_end"), f"{where}.planned_end"),
            funds=_funds(data.get("funds") or {}, where, seq),
            overall_goal=_text(data, "overall_goal"),
            annual_goal=_text(data, "annual_goal"),
            goal_period=GoalPeriod(
                gp.get("start_year"), gp.get("end_year"), str(gp.get("text", ""))
            )
            if gp
            else None,
            indicators=tuple(indicator_from_json(i) for i in data.get("indicators", [])),
            notes=tuple(_note(n) for n in data.get("notes", [])),
            lines=MappingProxyType({str(k): int(v) for k, v in (data.get("lines") or {}).items()}),
            template=template_from_json(data.get("template"), where),
        )
    except (
        KeyError,
        TypeError,
        ValueError,
        AttributeError,
        OverflowError,
        InvalidOperation,
    ) as exc:
        if isinstance(exc, CanonicalError):
            raise
        raise CanonicalError(f"{where}：字段无效：{exc}") from None
