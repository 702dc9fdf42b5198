"""generic.W001 / generic.W002 / generic.W003: boilerplate indicators that say nothing about the
project.

docs/domain.md: 101号 discourages generic indicators such as 工作完成率 = 100% [soft]. W001 reads the
list of `[generic] names`; W002 finds, across a batch, indicator rows (name and target) shared by
many forms. W002 groups rows in a dict as the forms go by and keeps only their places, so it is
linear in time and small in memory.

W003 finds a form whose whole indicator set is another form's (row for row) or part of another's:
the set was copied, not derived from the project (docs/review.md, generic_indicator). Equal sets
meet in a dict keyed by the set. For subsets, each distinct set is compared only with the sets
holding both of its two rarest rows, and not at all when its rarest row is in more than
`generic.clone_max_candidates` sets: bounded work per set, linear in the forms. Sets of fewer than `generic.clone_min_rows` rows, and sets of satisfaction
rows only, say too little to call copied.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from jixiao.domain.make import maker
from jixiao.i18n import Text
from jixiao.review.context import FormContext, IndicatorView, make_location
from jixiao.review.lexicon import clean
from jixiao.review.model import Basis, Finding, Location, Severity
from jixiao.review.registry import IndicatorRule, Rule, register
from jixiao.review.rowsets import Rows, form_rows, hashes, size, unpacked
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
    return ctx.memo.table(_SKIPPED)


_SKIPPED = "generic.W002:skipped"  # the memo's table of names the rule passes over


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
        # each group's places, four numbers a row: form index, form seq, row index, line or -1
        # (a hundred thousand forms of fifteen rows: 48 MB, not the 300 MB of a tuple a row)
        self.groups: dict[tuple[str, str], array[int]] = {}
        self.wording: dict[tuple[str, str], tuple[str, str]] = {}
        # (name, target as written) -> its group, or None when the name is left out: one lookup
        # per row instead of cleaning the target again (as big as `groups`, for one review)
        self.by_row: dict[tuple[str, str], array[int] | None] = {}
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
                line = view.line
                group.extend((index, seq, view.index, -1 if line is None else line))  # type: ignore[union-attr]

    def _group(
        self,
        ctx: FormContext,
        view: IndicatorView,
        skipped: dict[str, bool],
        exclude: Iterable[str],
    ) -> array[int] | None:
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
            group = self.groups[key] = array("q")
            self.wording[key] = (view.indicator.name, view.indicator.target)
        return group

    def emit(self) -> Iterator[tuple[int, Finding]]:
        if self.settings is None:
            return
        minimum = max(
            int(self.settings.get("generic.batch_min_forms")),
            float(self.settings.get("generic.batch_min_share")) * self.forms,
        )
        for key, group in self.groups.items():
            places = [
                (group[k], group[k + 1], group[k + 2], group[k + 3])
                for k in range(0, len(group), 4)
            ]
            forms = sorted({(index, seq) for index, seq, _, _ in places})
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
        for form_index, _, row, line in places:
            location = make_location("indicators", row, None if line < 0 else line)
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


@dataclass(frozen=True, slots=True)
class _Filer:
    """A form that filed a set of rows: where to report, how to name it."""

    index: int
    seq: int
    name: str
    line: int | None


_make_filer = maker(_Filer)


@register
class ClonedIndicatorSet(Rule):
    """A form whose whole indicator set is another form's, or part of it: copied, not set."""

    id = "generic.W003"
    category = "generic_indicator"
    severity = Severity.WARNING
    scope = "batch"
    title = Text("整套指标照搬他表", "indicator set copied from another form")
    message = Text(
        "本表全部 {count} 项指标均见于第 {seqs} 表（{names}），整套照搬",
        "all {count} indicators of this form appear in form(s) {seqs} ({names}): the set is copied",
    )
    hint = Text(
        "请根据本项目的内容和目标重新设置指标，写明本项目的产出、效益和标准",
        "set indicators from this project's own work and goal: its outputs, effects and standards",
    )

    def __init__(self) -> None:
        self.sets: dict[
            Rows, list[_Filer]
        ] = {}  # each set of rows (packed: `rowsets`) and its forms
        self.settings: ReviewSettings | None = None

    def collect(self, ctx: FormContext) -> None:
        rows = form_rows(ctx)
        if size(rows) < int(ctx.settings.get("generic.clone_min_rows")):
            return
        is_satisfaction = ctx.lexicon.is_satisfaction
        if all(is_satisfaction(ind.name) for ind in ctx.form.indicators):
            return
        self.settings = ctx.settings
        form = ctx.form
        line = ctx.indicators[0].line  # where the table's rows begin
        filer = _make_filer(ctx.index, form.seq, form.project_name or "？", line)
        self.sets.setdefault(rows, []).append(filer)

    def emit(self) -> Iterator[tuple[int, Finding]]:
        if self.settings is None:
            return
        limit = int(self.settings.get("generic.clone_max_candidates"))
        sets = list(self.sets)
        counts: Counter[int] = Counter()  # row -> how many distinct sets hold it
        for rows in sets:
            counts.update(hashes(rows))
        rarest = [_rarest(rows, counts, limit) for rows in sets]
        sought = {row for pair in rarest for row in pair}
        holding: dict[int, list[int]] = {row: [] for row in sought}  # the sets holding a row
        for j, rows in enumerate(sets):
            for row in hashes(rows):
                if row in sought:
                    holding[row].append(j)
        search = _Search(sets, holding)
        for k, rows in enumerate(sets):
            filers = self.sets[rows]
            larger = [self.sets[sets[j]] for j in search.larger(k, rarest[k])] if rarest[k] else []
            if larger or len(filers) > 1:
                yield from self._report(rows, filers, [f for group in larger for f in group])

    def _report(
        self, rows: Rows, filers: list[_Filer], larger: list[_Filer]
    ) -> Iterator[tuple[int, Finding]]:
        if len(filers) < 2 and not larger:
            return
        head = filers[:51]
        for filer in filers:
            others = [f for f in head if f is not filer][:50]
            others += larger[: 50 - len(others)]
            equal = [f.seq for f in head if f is not filer][:5]
            basis = "；".join(
                part
                for part in (
                    f"与第 {'、'.join(map(str, equal))} 表逐项相同" if equal else "",
                    f"为第 {'、'.join(str(f.seq) for f in larger[:5])} 表指标的一部分"
                    if larger
                    else "",
                )
                if part
            )
            yield (
                filer.index,
                self.finding(
                    Location(field="indicators", line=filer.line),
                    Basis(f"{size(rows)} 项指标{basis}", "generic.clone_min_rows"),
                    related=tuple(f.index for f in others),
                    count=size(rows),
                    seqs="、".join(str(f.seq) for f in others[:5]),
                    names="、".join(f.name for f in others[:5]),
                ),
            )


def _rarest(rows: Rows, counts: Counter[int], limit: int) -> tuple[int, ...]:
    """The two rows of a set the fewest sets hold; () when no other set holds the rarest or more
    than `limit` do (boilerplate rows only: not sought, so that the work per set is bounded).
    Of rows held equally often either may come first: every set of which this one is a part
    holds both, so the sets found are the same."""
    pair = tuple(sorted(hashes(rows), key=counts.__getitem__)[:2])
    return pair if 1 < counts[pair[0]] <= limit else ()


class _Search:
    """The sets of which a set is a proper part, found among those holding its two rarest rows."""

    def __init__(self, sets: list[Rows], holding: dict[int, list[int]]) -> None:
        self.sets = sets
        self.sizes = [size(rows) for rows in sets]
        self.holding = holding  # row -> the sets holding it, in order
        # holding[row] as a set, made the first time the row is a set's second rarest: the
        # rarest row's sets (at most `clone_max_candidates`) are looked up in it, so the work
        # per set stays bounded however many sets hold the second row
        self.together: dict[int, frozenset[int]] = {}

    def larger(self, k: int, rarest: tuple[int, ...]) -> list[int]:
        """The sets of which set k is a proper part, in order (only these few are unpacked)."""
        candidates = self.holding[rarest[0]]
        if len(rarest) > 1:
            second = self.together.get(rarest[1])
            if second is None:
                second = self.together[rarest[1]] = frozenset(self.holding[rarest[1]])
            candidates = sorted(second.intersection(candidates))
        sizes, size_k = self.sizes, self.sizes[k]
        candidates = [j for j in candidates if sizes[j] > size_k]
        if not candidates:
            return []
        rows = unpacked(self.sets[k])
        return [j for j in candidates if rows < unpacked(self.sets[j])]
