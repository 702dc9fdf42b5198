"""The example wordings hints propose, derived from the row they are about.

docs/review.md, hints: an example fits the indicator's kind — a rate gets a percentage (">=90%",
or "<=5%" where lower is better), a count its count unit, a cost 万元, a time a date. Figures that
only the unit knows are written X and Y. The kinds and customary figures are settings
(`[targets.examples]`).
"""

from __future__ import annotations

from jixiao.domain.target import Direction, TargetKind
from jixiao.review.context import FormContext, IndicatorView


def row_kind(ctx: FormContext, view: IndicatorView) -> str:
    """rate, cost, time, count or other: what kind of figure the row calls for."""
    lex, get = ctx.lexicon, ctx.settings.get
    name, level2 = view.name, view.effective_level2
    if lex.is_rate(name):
        return "rate"
    if level2 in get("targets.examples.cost_headings") or _has(name, "cost_stems", ctx):
        return "cost"
    if level2 in get("targets.examples.time_headings") or _has(name, "time_stems", ctx):
        return "time"
    if lex.is_count(name, view.target) or _count_unit(ctx, view) is not None:
        return "count"
    return "other"


def _has(name: str, stems: str, ctx: FormContext) -> bool:
    return any(stem in name for stem in ctx.settings.get(f"targets.examples.{stems}"))


def _count_unit(ctx: FormContext, view: IndicatorView) -> str | None:
    target = view.target
    if target.is_figure and target.unit in ctx.lexicon.count_units:
        return target.unit
    for suffix, unit in ctx.settings.get("targets.examples.count_units").items():
        if view.name.endswith(suffix):
            return str(unit)
    return None


def lower_is_better(ctx: FormContext, view: IndicatorView) -> bool:
    if view.target.direction is Direction.NEGATIVE and view.target.kind is not TargetKind.DEADLINE:
        return True
    return _has(view.name, "down_stems", ctx)


def unit_of(ctx: FormContext, view: IndicatorView, kind: str) -> str:
    if kind == "rate":
        return "%"
    if kind == "cost":
        return str(ctx.settings.get("targets.examples.cost_unit"))
    if kind == "count":
        return _count_unit(ctx, view) or str(ctx.settings.get("targets.examples.count_unit"))
    return view.target.unit if view.target.is_figure and view.target.unit else ""


def percent_example(ctx: FormContext, view: IndicatorView) -> str:
    """A customary rate target: ">=90%", or "<=5%" where lower is better."""
    if lower_is_better(ctx, view):
        return f"<={ctx.settings.get('targets.examples.percent_down')}%"
    return f">={ctx.settings.get('targets.examples.percent_up')}%"


def level_example(ctx: FormContext, view: IndicatorView) -> str:
    """A target of the row's kind: ">=90%", "<=X万元", "12月31日前", ">=X人次"."""
    kind = row_kind(ctx, view)
    if kind == "rate":
        return percent_example(ctx, view)
    if kind == "time":
        return str(ctx.settings.get("targets.examples.deadline"))
    op = "<=" if kind == "cost" or lower_is_better(ctx, view) else ">="
    return f"{op}X{unit_of(ctx, view, kind)}"


def change_example(ctx: FormContext, view: IndicatorView) -> str:
    """A change from a base in the row's unit: "由X%提高到Y%", "由X万元降低到Y万元"."""
    kind = row_kind(ctx, view)
    unit = "天" if kind == "time" else unit_of(ctx, view, kind)
    said = view.target.direction  # 提升 or 降低 as written decides; else the kind does
    if said is Direction.POSITIVE or said is Direction.NEGATIVE:
        down = said is Direction.NEGATIVE
    else:
        down = kind == "cost" or lower_is_better(ctx, view)
    verb = "降低" if down else "提高"
    return f"由X{unit}{verb}到Y{unit}"
