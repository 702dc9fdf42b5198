"""measure.W001 / measure.W002: targets that cannot be measured at year end.

docs/review.md, unmeasurable_target: a qualitative target (提升, 良好, 及时 ...) with no baseline where
a number is expected. 提升 says a direction without a starting point; a rate (…率, 满意度) needs a
number, not 及时 or 满意. A change from a base (由40场提高到50场), a range, a change against a period
(较上年增长10%) or a deadline is measurable (docs/domain.md, targets). Each hint's example fits the
row (`jixiao.review.examples`) and, written in, clears its finding; X and Y are the unit's figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from jixiao.domain.target import TargetKind
from jixiao.i18n import Text
from jixiao.review.context import FormContext, IndicatorView
from jixiao.review.examples import change_example, percent_example
from jixiao.review.lexicon import clean
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import IndicatorRule, register

_DIGIT = re.compile(r"\d")
# Targets that are words: a grade (合格) is a word too where a rate asks for a percentage.
_WORDS = (TargetKind.QUALITATIVE, TargetKind.FREE_TEXT, TargetKind.STANDARD)


@register
class ComparativeWithoutBaseline(IndicatorRule):
    """A target such as 提升 or 提高 with no baseline and no figure."""

    id = "measure.W001"
    category = "unmeasurable_target"
    severity = Severity.WARNING
    title = Text("指标值无基数，无法衡量", "target without a baseline")
    message = Text(
        "“{name}”的指标值“{word}”没有基数和目标值，年底无法判断是否完成",
        "“{word}” for “{name}” has no baseline or figure; it cannot be checked at year end",
    )
    hint = Text(
        "请写明基期值和目标值（X、Y 填实际数值），如“{example}”",
        "state the baseline and the target (X and Y your figures), e.g. “{example}”",
    )

    def check_row(self, view: IndicatorView, ctx: FormContext) -> Iterator[Finding]:
        words = ctx.lexicon.comparative
        word = clean(view.indicator.target)
        if view.target.kind is TargetKind.QUALITATIVE and view.target.word:
            word = view.target.word
        if word in words and not _DIGIT.search(view.name):
            example = change_example(ctx, view)
            yield self.finding(
                view.at(),
                Basis(f"{view.indicator.name} {view.indicator.target}", "targets.comparative"),
                suggestion={"target": example},
                name=view.indicator.name,
                word=view.indicator.target,
                example=example,
            )


@register
class RateWithWord(IndicatorRule):
    """A rate or satisfaction indicator given a word (及时, 满意, 良好) instead of a number."""

    id = "measure.W002"
    category = "unmeasurable_target"
    severity = Severity.WARNING
    title = Text("比率指标未量化", "rate not quantified")
    message = Text(
        "“{name}”是比率指标，指标值却是“{word}”，无法衡量",
        "“{name}” is a rate but its target is the word “{word}”",
    )
    hint = Text("请给出百分比目标值，如“{example}”", "give a percentage, e.g. “{example}”")

    def check_row(self, view: IndicatorView, ctx: FormContext) -> Iterator[Finding]:
        comparative = ctx.lexicon.comparative
        target = view.target
        if target.kind not in _WORDS:  # a figure, a range, a change, a deadline: measurable
            return
        if (target.word or "") in comparative or clean(target.raw) in comparative:
            return  # measure.W001
        if ctx.lexicon.is_rate(view.name) and view.name != clean(target.raw):
            example = percent_example(ctx, view)
            yield self.finding(
                view.at(),
                Basis(f"{view.indicator.name} {view.indicator.target}", "targets.rate_suffixes"),
                suggestion={"target": example},
                name=view.indicator.name,
                word=view.indicator.target,
                example=example,
            )
