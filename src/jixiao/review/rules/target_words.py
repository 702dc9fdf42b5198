"""target.W004 / target.W005: a qualitative word that does not fit the indicator (`信息化程度 公开`),
and a target that repeats the name (`全年正常开放 全年正常开放`).

docs/review.md, target_format. Which names a word fits is a setting (`[targets] word_fits`).
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.i18n import Text
from jixiao.review.context import FormContext, IndicatorView
from jixiao.review.lexicon import clean
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import IndicatorRule, register


@register
class WordDoesNotFit(IndicatorRule):
    """A qualitative target word that says nothing about what the name measures."""

    id = "target.W004"
    category = "target_format"
    severity = Severity.WARNING
    title = Text("定性指标值与指标不符", "qualitative target does not fit")
    message = Text(
        "“{name}”的指标值“{word}”与指标内容不符",
        "the target “{word}” does not fit “{name}”",
    )
    hint = Text(
        "请写出能说明“{name}”达到何种程度的指标值（最好量化）",
        "state what level of “{name}” is expected (preferably a number)",
    )

    def check_row(self, view: IndicatorView, ctx: FormContext) -> Iterator[Finding]:
        word = clean(view.target.word or view.indicator.target)
        if not ctx.lexicon.word_fits(view.name, word, view.level2):
            yield self.finding(
                view.at(),
                Basis(
                    f"{view.indicator.name} {view.indicator.target}",
                    f"targets.word_fits.{word}",
                ),
                name=view.indicator.name,
                word=view.indicator.target,
            )


@register
class TargetRepeatsName(IndicatorRule):
    """The target value is the name again: nothing is set to measure against."""

    id = "target.W005"
    category = "target_format"
    severity = Severity.WARNING
    title = Text("指标值重复指标名称", "target repeats the name")
    message = Text(
        "“{name}”的指标值就是名称本身，没有给出目标", "the target of “{name}” is its name"
    )
    hint = Text(
        "请另写可考核的指标值（如“开放天数 ≥ 300 天”）",
        "give a measurable value (e.g. “days open >= 300”)",
    )

    def check_row(self, view: IndicatorView, ctx: FormContext) -> Iterator[Finding]:
        if view.name and view.name == clean(view.indicator.target):
            yield self.finding(
                view.at(),
                Basis(f"{view.indicator.name} {view.indicator.target}"),
                name=view.indicator.name,
            )
