"""goal.E001 / goal.W002 / goal.W005 / goal.I003: goals that cannot be checked at year end.

docs/review.md, vague_goal: no what, how much, or by when. 财预〔2021〕101号: goals state the expected
outputs and effects. The phrases, words and lengths are settings (`[goal]`, `[thresholds]`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.domain.amounts import yuan_text
from jixiao.domain.form import FIELD_LABELS
from jixiao.i18n import Text
from jixiao.review.context import FormContext
from jixiao.review.goaltext import quantity_units
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import Rule, register
from jixiao.review.textscan import excerpt

_NOT_WORDS = re.compile(r"[\W\d_a-zA-Z]+")


def words_only(text: str) -> str:
    return _NOT_WORDS.sub("", text)


def _empty_phrases(ctx: FormContext) -> frozenset[str]:
    """`[goal] empty_phrases` as a set, made once per settings."""
    return ctx.settings.words("goal.empty_phrases")


def has_quantity(ctx: FormContext) -> bool:
    money = ctx.settings.words("goal.money_units")
    return any(unit not in money for unit in ctx.memo.call(quantity_units, ctx.goal))


@register
class EmptyGoal(Rule):
    """A goal that says only `年底完成` or is too short to say what, how much and by when."""

    id = "goal.E001"
    category = "vague_goal"
    severity = Severity.ERROR
    title = Text("绩效目标空泛", "goal says nothing")
    message = Text(
        "{label}“{goal}”没有说明做什么、做多少、何时完成",
        "{label} “{goal}” says neither what, how much nor by when",
    )
    hint = Text(
        "请写明本年度的主要产出（内容、数量、质量、时限）和预期效益",
        "state the year's outputs (what, how many, how well, by when) and expected effects",
    )

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        if not ctx.goal:
            return  # fields.E001
        core = words_only(ctx.goal)
        empty = _empty_phrases(ctx)
        minimum = int(ctx.settings.get("thresholds.goal_min_chars"))
        if core in empty or (len(core) < minimum and not has_quantity(ctx)):
            setting = (
                "goal.empty_phrases" if core in empty else f"thresholds.goal_min_chars={minimum}"
            )
            label = FIELD_LABELS[ctx.goal_field]
            yield self.finding(
                ctx.at(ctx.goal_field), Basis(ctx.goal, setting), label=label, goal=ctx.goal
            )


@register
class AspirationalGoal(Rule):
    """A goal of aspirations (逐步形成……局面) with no figure anywhere."""

    id = "goal.W002"
    category = "vague_goal"
    severity = Severity.WARNING
    title = Text("绩效目标笼统", "goal is an aspiration")
    message = Text(
        "{label}只有“{word}”等笼统表述，没有可考核的数量或标准",
        "{label} is aspirational (“{word}”) with nothing to check",
    )
    hint = Text(
        "请把目标分解为可考核的产出和效果，如数量、质量标准和完成时限",
        "break it down into outputs and effects that can be checked",
    )

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        if not ctx.goal or has_quantity(ctx) or words_only(ctx.goal) in _empty_phrases(ctx):
            return
        word = next((w for w in ctx.settings.get("goal.aspirational") if w in ctx.goal), None)
        if word:
            yield self.finding(
                ctx.at(ctx.goal_field),
                Basis(excerpt(ctx.goal, 0, 60), "goal.aspirational"),
                label=FIELD_LABELS[ctx.goal_field],
                word=word,
            )


def unquantified(ctx: FormContext) -> bool:
    """No figure at all in a goal that is neither empty nor an aspiration."""
    if not ctx.goal or ctx.memo.call(quantity_units, ctx.goal):
        return False  # a goal of money alone is goal.W004's
    core = words_only(ctx.goal)
    if core in _empty_phrases(ctx):
        return False  # goal.E001
    if any(w in ctx.goal for w in ctx.settings.get("goal.aspirational")):
        return False  # goal.W002
    return len(core) >= int(ctx.settings.get("thresholds.goal_min_chars"))


def large(ctx: FormContext) -> bool:
    limit = ctx.settings.decimal("thresholds.unquantified_goal_warning_from")
    return (ctx.requested_yuan or 0) >= limit


@register
class UnquantifiedLargeGoal(Rule):
    """Large funds (`unquantified_goal_warning_from`) for a goal without a single figure."""

    id = "goal.W005"
    category = "vague_goal"
    severity = Severity.WARNING
    reads = ("annual_request", "project_total")
    title = Text("大额资金的目标未量化", "large funds, unquantified goal")
    message = Text(
        "申请 {funds} 元，{label}中却没有任何量化的产出或效果",
        "{funds} 元 requested, yet {label} has no quantified output or effect",
    )
    hint = Text(
        "请写明资金将完成的主要产出及其数量、标准和时限",
        "state the main outputs the money buys, with quantities, standards and deadlines",
    )

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        if unquantified(ctx) and large(ctx):
            yield self.finding(
                ctx.at(ctx.goal_field),
                Basis(excerpt(ctx.goal, 0, 60), "thresholds.unquantified_goal_warning_from"),
                funds=f"{yuan_text(ctx.requested_yuan)}",
                label=FIELD_LABELS[ctx.goal_field],
            )


@register
class UnquantifiedGoal(Rule):
    """A goal without a single figure (the indicators must carry all the measures)."""

    id = "goal.I003"
    category = "vague_goal"
    severity = Severity.INFO
    reads = ("annual_request", "project_total")
    title = Text("绩效目标未量化", "goal has no figure")
    message = Text("{label}中没有量化的目标", "{label} has no quantified target")
    hint = Text(
        "建议在目标中写明主要产出的数量或标准，并与指标一一对应",
        "state the main outputs with figures, matching the indicators",
    )

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        if unquantified(ctx) and not large(ctx):
            yield self.finding(
                ctx.at(ctx.goal_field),
                Basis(excerpt(ctx.goal, 0, 60)),
                label=FIELD_LABELS[ctx.goal_field],
            )
