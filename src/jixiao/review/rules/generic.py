"""generic.W001 / generic.W002: boilerplate indicators that say nothing about the project.

docs/domain.md: 101号 discourages generic indicators such as 工作完成率 = 100% [soft]. W001 reads the
list of `[generic] names`; W002 finds, across a batch, indicator rows (name and target) shared by
many forms. W002 groups rows in a dict as the forms go by and keeps only their places, so it is
linear in time and small in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from jixiao.i18n import Text
from jixiao.review.context import FormContext, IndicatorView
from jixiao.review.lexicon import clean
from jixiao.review.model import Basis, Finding, Location, Severity
from jixiao.review.registry import IndicatorRule, Rule, register
from jixiao.review.settings import ReviewSettings


@register
class GenericIndicator(IndicatorRule):
    """An indicator from the list of boilerplate names (工作计划完成率, 工作完成及时率 ...)."""

    id = "generic.W001"
    category = "generic_indicator"
    severity = Severity.WARNING
    title = Text("通用套话指标", "generic indicator")
    message = Text(
        "“{name} {target}”是通用指标，未反映本项目的具体产出",
        "“{name} {target}” is generic and says nothing about this project",
    )
    hint = Text(
        "请改为本项目特有的产出指标，如完成的数量、质量标准或时限",
        "replace it with a project-specific output: quantities, quality standard or deadline",
    )

    def check_row(self, view: IndicatorView, ctx: FormContext) -> Iterator[Finding]:
        if ctx.lexicon.is_generic(view.name):
            yield self.finding(
                view.at(),
                Basis(view.indicator.name, "generic.names"),
                name=view.indicator.name,
                target=view.indicator.target,
            )


_UNSEEN = object()


def _skips(ctx: FormContext, name: str, exclude: Iterable[str]) -> bool:
    """Whether rows of this name are left out of the batch comparison."""
    return not name or ctx.lexicon.is_generic(name) or any(w in name for w in exclude)


def _skipped(ctx: FormContext) -> dict[str, bool]:
    """`_skips` by name, for the settings of `ctx` (names repeat across forms; bounded)."""
    cache = ctx.settings._cache
    skipped = cache.get("generic.W002:skipped")
    if skipped is None or len(skipped) > _NAMES_LIMIT:
        skipped = cache["generic.W002:skipped"] = {}
    return skipped  # type: ignore[no-any-return]


_NAMES_LIMIT = 50_000


@register
class SharedBoilerplate(Rule):
    """The same indicator row in many forms of a batch (not from the generic list)."""

    id = "generic.W002"
    category = "generic_indicator"
    severity = Severity.WARNING
    scope = "batch"
    title = Text("多表雷同的套话指标", "boilerplate shared across forms")
    message = Text(
        "“{name} {target}”在本批 {count} 张表中完全相同，未体现本项目特点",
        "“{name} {target}” appears in {count} forms of the batch unchanged",
    )
    hint = Text("请结合本项目内容设置指标", "set an indicator that fits this project")

    def __init__(self) -> None:
        self.groups: dict[tuple[str, str], list[tuple[int, int, Location]]] = {}
        self.wording: dict[tuple[str, str], tuple[str, str]] = {}
        # (name, target as written) -> its group, or None when the name is left out: one lookup
        # per row instead of cleaning the target again (as big as `groups`, for one review)
        self.by_row: dict[tuple[str, str], list[tuple[int, int, Location]] | None] = {}
        self.forms = 0
        self.settings: ReviewSettings | None = None

    def collect(self, ctx: FormContext) -> None:
        self.forms += 1
        self.settings = ctx.settings
        exclude = ctx.settings.get("generic.batch_exclude_containing")
        skipped = _skipped(ctx)
        index, seq = ctx.index, ctx.form.seq
        by_row = self.by_row
        for view in ctx.indicators:
            row = (view.name, view.indicator.target)
            group = by_row.get(row, _UNSEEN)
            if group is _UNSEEN:
                group = by_row[row] = self._group(ctx, view, skipped, exclude)
            if group is not None:
                group.append((index, seq, view.location))  # type: ignore[union-attr]

    def _group(
        self,
        ctx: FormContext,
        view: IndicatorView,
        skipped: dict[str, bool],
        exclude: Iterable[str],
    ) -> list[tuple[int, int, Location]] | None:
        """The group of a row, or None when its name is left out of the comparison."""
        name = view.name
        skip = skipped.get(name)
        if skip is None:
            skip = skipped[name] = _skips(ctx, name, exclude)
        if skip:
            return None
        key = (name, clean(view.indicator.target))
        group = self.groups.get(key)
        if group is None:
            group = self.groups[key] = []
            self.wording[key] = (view.indicator.name, view.indicator.target)
        return group

    def emit(self) -> Iterator[tuple[int, Finding]]:
        if self.settings is None:
            return
        minimum = max(
            int(self.settings.get("generic.batch_min_forms")),
            float(self.settings.get("generic.batch_min_share")) * self.forms,
        )
        for key, places in self.groups.items():
            forms = sorted({(index, seq) for index, seq, _ in places})
            if len(forms) >= minimum:
                yield from self._report(key, places, forms)

    def _report(self, key, places, forms) -> Iterator[tuple[int, Finding]]:
        seqs = [seq for _, seq in forms[:20]]
        name, target = self.wording[key]
        basis = Basis(
            f"{name} {target}：第 {'、'.join(map(str, seqs))}{' …' if len(forms) > 20 else ''} 表",
            "generic.batch_min_forms, generic.batch_min_share",
        )
        head = tuple(index for index, _ in forms[:51])
        shared = head[:50]
        for form_index, _, location in places:
            related = (
                shared if form_index not in head else tuple(i for i in head if i != form_index)
            )
            yield (
                form_index,
                self.finding(
                    location,
                    basis,
                    related=related[:50],
                    name=name,
                    target=target,
                    count=len(forms),
                ),
            )
