"""generic.W001 / generic.W002: boilerplate indicators that say nothing about the project.

DOMAIN.md: 101号 discourages generic indicators such as 工作完成率 = 100% [soft]. W001 reads the
list of `[generic] names`; W002 finds, across a batch, indicator rows (name and target) shared by
many forms. W002 groups rows in a dict, so it is linear in the number of forms.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from jixiao.i18n import Text
from jixiao.review.context import FormContext
from jixiao.review.lexicon import clean
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import Rule, register


@register
class GenericIndicator(Rule):
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

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        for view in ctx.indicators:
            if ctx.lexicon.is_generic(view.name):
                yield self.finding(
                    view.at(),
                    Basis(view.indicator.name, "generic.names"),
                    name=view.indicator.name,
                    target=view.indicator.target,
                )


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

    def check_batch(self, contexts: Sequence[FormContext]) -> Iterator[tuple[int, Finding]]:
        if not contexts:
            return
        settings = contexts[0].settings
        minimum = max(
            int(settings.get("generic.batch_min_forms")),
            float(settings.get("generic.batch_min_share")) * len(contexts),
        )
        exclude = tuple(settings.get("generic.batch_exclude_containing"))
        groups: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for ctx in contexts:
            for view in ctx.indicators:
                if (
                    view.name
                    and not ctx.lexicon.is_generic(view.name)
                    and not any(word in view.name for word in exclude)
                ):
                    key = (view.name, clean(view.indicator.target))
                    groups.setdefault(key, []).append((ctx.index, view.index))
        for (name, target), places in groups.items():
            forms = {f for f, _ in places}
            if len(forms) >= minimum:
                yield from self._report(contexts, name, target, places, forms)

    def _report(self, contexts, name, target, places, forms) -> Iterator[tuple[int, Finding]]:
        seqs = sorted(contexts[f].form.seq for f in forms)
        basis = Basis(
            f"{name} {target}：第 {'、'.join(map(str, seqs[:20]))}{' …' if len(seqs) > 20 else ''} 表",
            "generic.batch_min_forms, generic.batch_min_share",
        )
        indexes = sorted(forms)
        for form_index, indicator_index in places:
            view = contexts[form_index].indicators[indicator_index]
            related = tuple(i for i in indexes if i != form_index)[:50]
            yield (
                form_index,
                self.finding(
                    view.at(),
                    basis,
                    related=related,
                    name=view.indicator.name,
                    target=view.indicator.target,
                    count=len(forms),
                ),
            )
