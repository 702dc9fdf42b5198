"""measure.W003: a vague qualitative target (良好, 有效, 健全, 公开, 正常, 满意; 及时 outside timeliness).

docs/review.md, unmeasurable_target. Such a word describes a wish, not a level one can check at
year end: `网络运行情况 良好` says nothing of how often the network may fail. The words are a
setting (`[targets.vague] words`). Where a word does say what is expected it is accepted: 及时 on a
timeliness indicator means within the planned dates. Where it names a checkable state without
saying how much (健全 on 长效管理制度健全情况) the finding is a note. Either way such a row never
counts as a specific indicator (`funds_balance.is_specific`). A rate given a word is measure.W002's,
a word that does not fit the name target.W004's: one finding per defect.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.domain.target import TargetKind
from jixiao.i18n import Text
from jixiao.review.context import FormContext, IndicatorView
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import IndicatorRule, register


def vague_word(ctx: FormContext, view: IndicatorView) -> str | None:
    """The vague word the row's target is, unless the row is one where the word is accepted."""
    target = view.target
    if target.kind is TargetKind.QUALITATIVE:
        word = target.word
    elif target.kind is TargetKind.FREE_TEXT:
        word = target.raw.strip()  # a word the parser does not know as one (合理, 到位)
    else:
        return None
    if not word:
        return None
    if word not in ctx.settings.words("targets.vague.words"):
        return None
    headings = ctx.settings.get("targets.vague.accepted_headings").get(word, ())
    names = ctx.settings.get("targets.vague.accepted_names").get(word, ())
    if view.level2 in headings or any(stem in view.name for stem in names):
        return None
    return word


def lenient(ctx: FormContext, view: IndicatorView, word: str) -> bool:
    """The word names a state one can check on this row (健全 on a name about rules)."""
    stems = ctx.settings.get("targets.vague.lenient_names").get(word, ())
    return any(stem in view.name for stem in stems)


@register
class VagueTarget(IndicatorRule):
    """A target that is only a vague word: nothing to check at year end."""

    id = "measure.W003"
    category = "unmeasurable_target"
    severity = Severity.WARNING
    title = Text("指标值笼统，无法考核", "vague target")
    message = Text(
        "“{name}”的指标值“{word}”{why}",
        "the target “{word}” of “{name}” {why_en}",
    )
    hint = Text(
        "请不要只写“{word}”，改写可核实的数值、标准或时限（比率、次数、达到的等级或完成日期）",
        "replace “{word}” with a figure, a standard or a date that can be checked",
    )

    def check_row(self, view: IndicatorView, ctx: FormContext) -> Iterator[Finding]:
        word = vague_word(ctx, view)
        lex = ctx.lexicon
        if word is None or lex.is_rate(view.name):  # a rate given a word: measure.W002
            return
        if not lex.word_fits(view.name, word, view.level2):  # target.W004
            return
        mild = lenient(ctx, view, word)
        yield self.finding(
            view.at(),
            Basis(
                f"{view.indicator.name} {view.indicator.target}",
                "targets.vague.lenient_names" if mild else "targets.vague.words",
            ),
            severity=Severity(ctx.settings.get("targets.vague.lenient_severity")) if mild else None,
            name=view.indicator.name,
            word=view.indicator.target,
            why="可以核实有无，但没有说明具体内容或程度，不能算作具体指标"
            if mild
            else "只是笼统的定性描述，年底无法据以考核",
            why_en="can be checked as present or not but says neither what nor how much"
            if mild
            else "is a vague description that cannot be checked at year end",
        )
