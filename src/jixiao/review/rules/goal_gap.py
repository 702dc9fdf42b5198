"""gap.W001 / gap.W002 / gap.W003: goal and indicators that do not meet (docs/review.md,
goal_indicator_gap).

101号: indicators are decomposed from the goal so that each level connects to the next.

- gap.W001: a quantified commitment (`展项完好率95%以上`, `4小时内修复`, `完成2件展项更新项目`,
  `协调两家服务商`) that no indicator measures. It is measured when an indicator names the same
  thing (a shared pair of characters that is not a common word; two when the key has two) or, for
  counts and amounts, states the same figure in the same unit.
- gap.W002: the items of a listed goal (`1、…2、…`, or parts between semicolons) that no indicator
  touches, one finding per form listing them. An item is touched when an indicator (not a generic
  or satisfaction row) shares a pair of characters with it that is neither a common word, nor
  holds a function character, nor recurs in most items of the goal; abbreviations (等保) count as
  the words they stand for. Items holding a commitment are gap.W001's.
- gap.W003: an output row counting something the goal never mentions: none of its words is in
  the goal or the project name, or (physical quantities) its figure differs from every figure the
  goal gives in that unit and a word of its name is not in the goal (`仿野生种植面积 =250亩`
  beside a goal of `30亩` greenhouses). Generic, satisfaction and effect rows are left out.

The words are settings (`[gap]`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from jixiao.domain.form import FIELD_LABELS
from jixiao.domain.target import TargetKind
from jixiao.i18n import Text
from jixiao.review.context import FormContext
from jixiao.review.goaltext import Commitment, commitments, fold, goal_items, quantities
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import Rule, register

EQUIVALENT_UNITS = {"人次": "人", "千克": "公斤", "日": "天"}
_HAN_RUN = re.compile("[\u4e00-\u9fa5]{2,}")


def _pairs(text: str, common: frozenset[str]) -> frozenset[str]:
    return frozenset(text[i : i + 2] for i in range(len(text) - 1)) - common


def _words(text: str, common: frozenset[str], function_chars: str) -> frozenset[str]:
    """The pairs of Chinese characters of a text that can tie it to another: not a common word,
    no function character (的, 和 …), no figure or punctuation."""
    return frozenset(
        pair
        for run in _HAN_RUN.findall(text)
        for pair in (run[i : i + 2] for i in range(len(run) - 1))
        if pair not in common and pair[0] not in function_chars and pair[1] not in function_chars
    )


def _common(ctx: FormContext) -> frozenset[str]:
    return ctx.settings.words("gap.common_pairs")


def _unit(unit: str | None) -> str | None:
    return EQUIVALENT_UNITS.get(unit or "", unit)


def measured(commitment: Commitment, ctx: FormContext, common: frozenset[str]) -> bool:
    pairs = ctx.memo.call(_pairs, commitment.key, common)
    if pairs:
        needed = min(2, len(pairs))
        for view in ctx.indicators:
            if len(pairs & ctx.memo.call(_pairs, view.name, common)) >= needed:
                return True
    if commitment.kind != "rate":  # or the same figure in the same unit
        value, unit = commitment.value, _unit(commitment.unit)
        for view in ctx.indicators:
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
        common = _common(ctx)
        for commitment in ctx.memo.call(commitments, ctx.goal_texts):
            if measured(commitment, ctx, common):
                continue
            yield self.finding(
                ctx.at(_field_of(ctx, commitment)),
                Basis(commitment.text, "gap.common_pairs"),
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


def _gap_words(ctx: FormContext, text: str) -> frozenset[str]:
    function_chars = str(ctx.settings.get("gap.function_chars"))
    return ctx.memo.call(_words, text, _common(ctx), function_chars)


def _row_words(ctx: FormContext) -> list[frozenset[str]]:
    """The words of each indicator that can measure an item of the goal: generic and
    satisfaction rows measure nothing in particular; abbreviations stand for their words."""
    lexicon = ctx.lexicon
    abbreviations = ctx.settings.get("gap.abbreviations")
    rows = []
    for view in ctx.indicators:
        if lexicon.is_generic(view.name) or lexicon.is_satisfaction(view.name):
            continue
        text = view.name + view.indicator.target
        for short, full in abbreviations.items():
            if short in text:
                text += "，" + full
        rows.append(_gap_words(ctx, text))
    return rows


def _refrain(items: list[frozenset[str]], share: float, least: int) -> set[str]:
    """Pairs found in at least `least` items and in more than `share` of them: the goal's refrain."""
    counts: dict[str, int] = {}
    for words in items:
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    return {word for word, n in counts.items() if n >= least and n > share * len(items)}


def _measured_items(items: list[frozenset[str]], rows: list[frozenset[str]]) -> set[int]:
    """The items some row measures: each row measures the items it shares most words with."""
    measured: set[int] = set()
    for row in rows:
        shared = [len(row & item) for item in items]
        best = max(shared, default=0)
        if best:
            measured.update(i for i, n in enumerate(shared) if n == best)
    return measured


@register
class UnmeasuredItems(Rule):
    """Items of a listed goal that no indicator measures."""

    id = "gap.W002"
    category = "goal_indicator_gap"
    severity = Severity.WARNING
    title = Text("目标所列内容未设指标", "goal items without an indicator")
    message = Text(
        "{label}所列 {total} 项内容中，有 {count} 项没有指标衡量：{items}",
        "{count} of the {total} items of the {label} have no indicator: {items}",
    )
    hint = Text(
        "请为每项内容设置可考核的指标（做多少、做到什么标准、何时完成），或从目标中删去不做的内容",
        "give each item an indicator that can be checked (how much, how well, by when), "
        "or take out of the goal what will not be done",
    )

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        items = ctx.memo.call(goal_items, ctx.goal)
        if not items:
            return
        share = float(ctx.settings.get("gap.item_common_share"))
        least = int(ctx.settings.get("gap.item_refrain_min"))
        words = [_gap_words(ctx, item) for item in items]
        refrain = _refrain(words, share, least)
        own = [item_words - refrain for item_words in words]
        measured = _measured_items(own, _row_words(ctx))
        unmeasured = [
            item
            for i, item in enumerate(items)
            if own[i] and i not in measured and not ctx.memo.call(commitments, item)
        ]
        if not unmeasured:
            return
        yield self.finding(
            ctx.at(ctx.goal_field),
            Basis("；".join(unmeasured), "gap.item_common_share, gap.item_refrain_min"),
            label=FIELD_LABELS[ctx.goal_field],
            total=len(items),
            count=len(unmeasured),
            items="；".join(f"“{_short(item)}”" for item in unmeasured),
        )


def _short(text: str, limit: int = 40) -> str:
    """An item as written, cut at `limit` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


@register
class UnannouncedIndicator(Rule):
    """An output row counting something the goal never mentions."""

    id = "gap.W003"
    category = "goal_indicator_gap"
    severity = Severity.WARNING
    title = Text("指标内容未见于目标", "indicator measures what the goal never mentions")
    message = Text(
        "指标“{name} {target}”中的“{words}”在项目名称和绩效目标中均未提及",
        "“{words}” of the indicator “{name} {target}” appears in neither the project name "
        "nor the goal",
    )
    hint = Text(
        "请核实该指标是否属于本项目：如是，请在绩效目标中写明这项工作及其数量；"
        "如否，请改为衡量目标所列内容的指标",
        "check that the indicator belongs to this project: if so, state the work and its "
        "amount in the goal; if not, measure what the goal lists instead",
    )

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        goal = ctx.goal_texts
        if not goal:
            return
        settings = ctx.settings
        units = settings.words("gap.units")
        said = f"{goal}\n{ctx.form.project_name or ''}"
        figures: dict[str, set[Decimal]] | None = None
        for view in ctx.indicators:
            target = view.target
            if target.kind is not TargetKind.QUANTITATIVE or target.unit not in units:
                continue
            if view.level1 != "产出指标":
                continue
            words = self._subject(ctx, view.name)
            if not words:
                continue
            basis = f"{view.indicator.name} {view.indicator.target}"
            setting = "gap.common_pairs, gap.measure_words"
            if any(word in said for word in words):  # some of it is in the goal: only a figure
                # the goal never gives
                if target.unit not in settings.words("gap.measure_units"):
                    continue
                if figures is None:
                    figures = _figures(ctx.memo.call(quantities, goal))
                given = figures.get(_unit(target.unit) or "", set())
                if not given or target.value in given:
                    continue
                basis += f"；目标中以“{target.unit}”计：" + "、".join(
                    f"{_fmt(v)}{target.unit}" for v in sorted(given)
                )
                setting = "gap.measure_units, gap.measure_words"
            absent = self._absent(ctx, view.name, said)
            if absent:
                yield self.finding(
                    view.at(),
                    Basis(basis, setting),
                    name=view.indicator.name,
                    target=view.indicator.target,
                    words="”“".join(absent),
                )

    @staticmethod
    def _subject(ctx: FormContext, name: str) -> frozenset[str]:
        """The words of a row's name, none for generic, satisfaction and effect rows (memoised
        by name: names repeat)."""
        cache = ctx.memo.table(_SUBJECT)
        words = cache.get(name)
        if words is None:
            lexicon = ctx.lexicon
            left_out = (
                lexicon.is_generic(name)
                or lexicon.is_satisfaction(name)
                or any(word in name for word in ctx.settings.get("gap.effect_words"))
            )
            words = cache[name] = frozenset() if left_out else _gap_words(ctx, name)
        return words  # type: ignore[no-any-return]

    @staticmethod
    def _absent(ctx: FormContext, name: str, said: str) -> list[str]:
        """The words of a name the goal never uses: runs of characters no pair of the goal
        covers, words of measure (面积, 数量) taken out, two characters at least."""
        covered = [False] * len(name)
        for i in range(len(name) - 1):
            if name[i : i + 2] in said:
                covered[i] = covered[i + 1] = True
        runs = "".join(
            " " if done or not "\u4e00" <= ch <= "\u9fa5" else ch
            for ch, done in zip(name, covered, strict=True)
        )
        for word in ctx.settings.get("gap.measure_words"):
            if word in runs:
                runs = runs.replace(word, " ")
        return [run for run in runs.split() if len(run) >= 2]


_SUBJECT = "gap.W003:subject"  # the memo's table: indicator name -> its words


def _figures(quantities: tuple[tuple[Decimal, str], ...]) -> dict[str, set[Decimal]]:
    """The figures a goal gives (its quantities), by unit (人次 counted as 人, 千克 as 公斤)."""
    found: dict[str, set[Decimal]] = {}
    for value, unit in quantities:
        found.setdefault(_unit(unit) or "", set()).add(value)
    return found


def _fmt(value: Decimal) -> str:
    return format(value, "f")
