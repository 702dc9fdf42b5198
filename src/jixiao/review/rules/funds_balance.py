"""balance.E001 / balance.W002: large funds whose indicators are too few or too generic.

docs/review.md, funds_indicator_imbalance; 88号 适当性. A specific indicator is one that is not generic,
not a satisfaction rate and can be checked (a figure, a range, a change, a deadline, a named
standard, 是/否, or a fitting word that is not vague: 良好, 公开, 健全 … never count, see
`vague_targets`); the minimum grows with the funds (`[thresholds] funds_tiers`). None at all for
large funds is an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.domain.amounts import yuan_text
from jixiao.domain.target import MEASURABLE, TargetKind
from jixiao.i18n import Text
from jixiao.review.context import FormContext, IndicatorView
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import Rule, register
from jixiao.review.rules.vague_targets import vague_word
from jixiao.review.settings import ReviewSettings


def is_specific(ctx: FormContext, view: IndicatorView) -> bool:
    """Whether the row is a specific indicator (the module docstring says which are).

    Both this rule and the score (`profile.profile_of`) ask it of every row of every form, and
    rows repeat across forms by the thousand, so the answer is kept per distinct row for the
    settings (bounded). It reads the cleaned name, the target (parsed from the text as written)
    and the canonical level 2, with the settings' word lists: that is the key."""
    cache = ctx.memo.table(_SPECIFIC)
    key = (view.name, view.indicator.target, view.level2)
    found = cache.get(key)
    if found is None:
        found = cache[key] = _specific(ctx, view)
    return found  # type: ignore[no-any-return]


def funds_tiers(settings: ReviewSettings) -> list[tuple[Decimal, int]]:
    """`[thresholds] funds_tiers`: (funds from, specific indicators they call for), in order."""
    tiers = settings.get("thresholds.funds_tiers")
    return sorted((Decimal(str(f)), int(n)) for f, n in tiers)


_SPECIFIC = "funds_balance:specific"  # the memo's table: row -> whether it is specific


def _specific(ctx: FormContext, view: IndicatorView) -> bool:
    lex = ctx.lexicon
    name = view.name  # white space removed already: lex.is_generic(name) is a set lookup
    if name in lex.generic or lex.is_satisfaction(name):
        return False
    target = view.target
    kind = target.kind
    if kind in MEASURABLE:
        return True
    if kind is not TargetKind.QUALITATIVE or (target.word or "") in lex.comparative:
        return False
    return vague_word(ctx, view) is None and lex.word_fits(
        view.name, target.word or "", view.level2
    )


def specific_rows(ctx: FormContext) -> tuple[int, ...]:
    """The indexes of the form's specific rows, once per form: this rule counts them, the score
    (`profile.profile_of`) weighs each by its quality."""
    found = ctx.shared.get("specific_rows")
    if found is None:
        found = ctx.shared["specific_rows"] = tuple(
            v.index for v in ctx.indicators if is_specific(ctx, v)
        )
    return found  # type: ignore[return-value]


def required_specific(ctx: FormContext) -> tuple[int, Decimal] | None:
    """(minimum specific indicators, the tier's funds) for the form's request, or None."""
    requested = ctx.requested_yuan
    if requested is None:
        return None
    tiers = ctx.memo.once(funds_tiers, lambda: funds_tiers(ctx.settings))
    fitting = [(n, f) for f, n in tiers if requested >= f]
    return fitting[-1] if fitting else None


def _check(rule: Rule, ctx: FormContext, as_error: bool) -> Iterator[Finding]:
    need = required_specific(ctx)
    if need is None or not ctx.indicators:
        return
    minimum, tier = need
    specific = len(specific_rows(ctx))
    error_below = int(ctx.settings.get("thresholds.funds_error_below"))
    error_from = ctx.settings.decimal("thresholds.funds_error_from")
    is_error = specific < error_below and (ctx.requested_yuan or 0) >= error_from
    if specific >= minimum or is_error != as_error:
        return
    yield rule.finding(
        ctx.at("annual_request"),
        Basis(
            f"申请 {yuan_text(ctx.requested_yuan)} 元；具体指标 {specific} 个（共 {len(ctx.indicators)} 个）",
            f"thresholds.funds_tiers: ≥{tier:,} 元 需 {minimum} 个",
        ),
        funds=f"{yuan_text(ctx.requested_yuan)}",
        specific=specific,
        minimum=minimum,
    )


_HINT = Text(
    "请按资金用途设置具体的数量、质量、时效、成本和效益指标",
    "set specific quantity, quality, time, cost and benefit indicators for what the money buys",
)


@register
class NoSpecificIndicator(Rule):
    """Large funds and not one specific indicator."""

    id = "balance.E001"
    category = "funds_indicator_imbalance"
    severity = Severity.ERROR
    title = Text("大额资金没有具体指标", "large funds without a specific indicator")
    message = Text(
        "申请 {funds} 元，却没有一个反映本项目的具体指标（至少需 {minimum} 个）",
        "{funds} 元 requested with no project-specific indicator ({minimum} needed)",
    )
    hint = _HINT

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        yield from _check(self, ctx, as_error=True)


@register
class FewSpecificIndicators(Rule):
    """Large funds and fewer specific indicators than their size calls for."""

    id = "balance.W002"
    category = "funds_indicator_imbalance"
    severity = Severity.WARNING
    title = Text("资金规模与指标不匹配", "indicators too thin for the funds")
    message = Text(
        "申请 {funds} 元，具体指标只有 {specific} 个（此规模至少需 {minimum} 个）",
        "{funds} 元 requested with {specific} specific indicators ({minimum} needed)",
    )
    hint = _HINT

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        yield from _check(self, ctx, as_error=False)
