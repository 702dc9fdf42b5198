"""gap.W001: a quantified commitment in the goal text that no indicator measures.

docs/review.md, goal_indicator_gap; 101号: indicators are decomposed from the goal so that each level
connects to the next. A commitment (`展项完好率95%以上`, `4小时内修复`, `完成2件展项更新项目`) is
measured when an indicator names the same thing (a shared pair of characters that is not a
common word; two when the key has two) or, for counts and amounts, states the same figure in the same unit.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from jixiao.domain.target import TargetKind
from jixiao.i18n import Text
from jixiao.review.context import FormContext, IndicatorView
from jixiao.review.goaltext import Commitment, commitments, fold
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import Rule, register

# Pairs of characters too common to tie a commitment to an indicator.
COMMON = frozenset(
    [
        "项目",
        "工作",
        "完成",
        "计划",
        "管理",
        "服务",
        "情况",
        "建设",
        "实施",
        "开展",
        "提供",
        "全年",
        "年度",
        "数量",
        "确保",
        "实现",
        "提高",
        "提升",
    ]
)
EQUIVALENT_UNITS = {"人次": "人", "千克": "公斤", "日": "天"}


@lru_cache(maxsize=65536)
def _pairs(text: str) -> frozenset[str]:
    return frozenset(text[i : i + 2] for i in range(len(text) - 1)) - COMMON


def _unit(unit: str | None) -> str | None:
    return EQUIVALENT_UNITS.get(unit or "", unit)


def measured(commitment: Commitment, views: tuple[IndicatorView, ...]) -> bool:
    pairs = _pairs(commitment.key)
    if pairs:
        needed = min(2, len(pairs))
        for view in views:
            if len(pairs & _pairs(view.name)) >= needed:
                return True
    if commitment.kind != "rate":  # or the same figure in the same unit
        value, unit = commitment.value, _unit(commitment.unit)
        for view in views:
            target = view.target
            if (
                target.kind is TargetKind.QUANTITATIVE
                and target.value == value
                and _unit(target.unit) == unit
            ):
                return True
    return False


def _field_of(ctx: FormContext, commitment: Commitment) -> str:
    """The goal field the commitment was read from: the annual goal where it is there, else the
    overall goal (the two are read together, `FormContext.goal_texts`)."""
    annual = ctx.form.annual_goal or ""
    if annual and commitment.text in fold(annual):
        return "annual_goal"
    return "overall_goal" if ctx.form.overall_goal else ctx.goal_field


@register
class UnmeasuredCommitment(Rule):
    """A figure the goal promises that no indicator will check."""

    id = "gap.W001"
    category = "goal_indicator_gap"
    severity = Severity.WARNING
    title = Text("目标承诺未设指标", "goal commitment without an indicator")
    message = Text(
        "目标中承诺“{text}”，但没有指标衡量",
        "the goal promises “{text}” but no indicator measures it",
    )
    hint = Text(
        "建议增加指标：{level1}—{level2}—“{name}”，指标值“{target}”",
        "add an indicator: {level1} — {level2} — “{name}”, target “{target}”",
    )

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        if not ctx.goal_texts:
            return
        for commitment in commitments(ctx.goal_texts):
            if measured(commitment, ctx.indicators):
                continue
            yield self.finding(
                ctx.at(_field_of(ctx, commitment)),
                Basis(commitment.text),
                suggestion={
                    "name": commitment.name,
                    "level1": commitment.level1,
                    "level2": commitment.level2,
                    "target": commitment.target,
                },
                text=commitment.text,
                name=commitment.name,
                level1=commitment.level1,
                level2=commitment.level2,
                target=commitment.target,
            )
