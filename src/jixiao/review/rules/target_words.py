"""target.W004 / target.W005 / target.W006: a qualitative word that does not fit the indicator
(`信息化程度 公开`), a target that repeats the name (`全年正常开放 全年正常开放`), and a name that
asks yes/no and a rate at once (`有无投诉率`).

docs/review.md, target_format. Which names a word fits is a setting (`[targets] word_fits`), and so
are the yes/no openings (`yes_no_prefixes`). target.W005 proposes a target of the row's kind
(`jixiao.review.examples`).
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.i18n import Text
from jixiao.review.context import FormContext, IndicatorView
from jixiao.review.examples import level_example
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
        "请另写可考核的指标值（X 填实际数值），如“{example}”",
        "give a measurable value (X your figure), e.g. “{example}”",
    )

    def check_row(self, view: IndicatorView, ctx: FormContext) -> Iterator[Finding]:
        if view.name and view.name == clean(view.indicator.target):
            example = level_example(ctx, view)
            yield self.finding(
                view.at(),
                Basis(f"{view.indicator.name} {view.indicator.target}"),
                suggestion={"target": example},
                name=view.indicator.name,
                example=example,
            )


@register
class YesNoRate(IndicatorRule):
    """A name that asks yes or no and how much at once (`有无投诉率`): no target can answer both."""

    id = "target.W006"
    category = "target_format"
    severity = Severity.WARNING
    title = Text("指标名称自相矛盾", "indicator name contradicts itself")
    message = Text(
        "“{name}”自相矛盾：“{prefix}”问有没有，“…率”问比率是多少，指标值“{target}”无法判断衡量的是哪一个",
        "“{name}” asks both yes/no (“{prefix}”) and a rate (…率): “{target}” cannot say which",
    )
    hint = Text(
        "请改为“{fixed_name} {fixed_target}”，或改为是否类指标（如“有无{subject} 无”）",
        "write “{fixed_name} {fixed_target}”, or make it a yes/no indicator (“有无{subject} 无”)",
    )

    def check_row(self, view: IndicatorView, ctx: FormContext) -> Iterator[Finding]:
        name = view.name
        prefix = next(
            (p for p in ctx.settings.get("targets.yes_no_prefixes") if name.startswith(p)), None
        )
        if prefix is None or not ctx.lexicon.is_rate(name) or len(name) <= len(prefix) + 1:
            return
        fixed_name = name[len(prefix) :]
        target = view.target
        if target.is_figure and target.value is not None:
            fixed_target = target.render() + ("" if target.unit else "%")
        else:
            fixed_target = clean(view.indicator.target)
        suggestion = {"name": fixed_name}
        if fixed_target != clean(view.indicator.target):
            suggestion["target"] = fixed_target
        yield self.finding(
            view.at(),
            Basis(f"{view.indicator.name} {view.indicator.target}", "targets.yes_no_prefixes"),
            suggestion=suggestion,
            name=view.indicator.name,
            prefix=prefix,
            target=view.indicator.target,
            fixed_name=fixed_name,
            fixed_target=fixed_target,
            subject=fixed_name.rstrip("率"),
        )
