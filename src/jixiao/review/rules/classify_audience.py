"""classify.W003 / classify.W004 / satisfaction.I001: satisfaction asked of the right people.

docs/domain.md, indicators: 服务对象满意度 measures the people a project serves. The unit's own
staff (管理人员, 机关工作人员) are not those people (W003), unless the project serves the
administration itself; the general public (公众满意度) is the wrong people for such an in-house
service, legal advice to the commission or IT for government users (W004). More satisfaction rows
than a form needs ask overlapping people: one note for the form (I001). The words and the
threshold are settings (`[satisfaction]`).
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.domain.taxonomy import SERVICE_SATISFACTION
from jixiao.i18n import Text
from jixiao.review.context import FormContext, IndicatorView
from jixiao.review.model import Basis, Finding, Location, Severity
from jixiao.review.registry import Rule, register
from jixiao.review.rules.placing import placed_finding


def _who(name: str) -> str:
    """The people a satisfaction row asks: its name up to 满意 (机关工作人员满意度: 机关工作人员)."""
    return name[: name.index("满意")] if "满意" in name else name


def _asking(ctx: FormContext, words: str) -> list[tuple[IndicatorView, str]]:
    """The satisfaction rows whose name holds one of the words of setting `words`, each with the
    word found."""
    stems = ctx.settings.get(words)
    rows = []
    for view in ctx.indicators:
        if ctx.lexicon.is_satisfaction(view.name):
            found = next((w for w in stems if w in view.name), None)
            if found:
                rows.append((view, found))
    return rows


def in_house_signal(ctx: FormContext) -> tuple[str | None, bool]:
    """(the first word saying the project serves the administration itself, whether other words
    say it serves people outside too), read from the project name and goals once per form."""
    if "in_house" not in ctx.shared:
        text = f"{ctx.form.project_name or ''}\n{ctx.goal_texts}"
        settings = ctx.settings
        signal = next((w for w in settings.get("satisfaction.in_house") if w in text), None)
        public = signal is not None and any(
            w in text for w in settings.get("satisfaction.serves_public")
        )
        ctx.shared["in_house"] = (signal, public)
    return ctx.shared["in_house"]  # type: ignore[return-value]


@register
class StaffAsServed(Rule):
    """The unit's own staff asked under 服务对象满意度 (管理人员满意度, 机关工作人员满意度)."""

    id = "classify.W003"
    category = "misclassified_indicator"
    severity = Severity.WARNING
    title = Text("满意度调查对象不是服务对象", "satisfaction of staff, not of those served")
    message = Text(
        "“{name}”调查的是{who}，即本单位内部人员，不是项目的服务对象，不应归入“服务对象满意度指标”",
        "“{name}” asks {who}, the unit's own staff, not the people the project serves; it does "
        "not belong under “服务对象满意度指标”",
    )
    hint = Text(
        "请改为项目实际服务对象的满意度，如“{served}”（写明调查对象），或删除该指标",
        "ask the people the project serves instead, e.g. “{served}” (say who), or drop it",
    )

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        rows = [
            (view, word)
            for view, word in _asking(ctx, "satisfaction.internal")
            if view.level2 == SERVICE_SATISFACTION
        ]
        if not rows or in_house_signal(ctx)[0]:
            return  # for an in-house service, its staff are the people served
        served = ctx.settings.get("satisfaction.served_name")
        for view, word in rows:
            name = view.indicator.name
            yield placed_finding(
                self,
                (name, word, served),
                view.location,
                Basis(f"{name}：{word}", "satisfaction.internal"),
                suggestion={"name": served},
                name=name,
                who=_who(name),
                served=served,
            )


@register
class PublicForInHouse(Rule):
    """公众满意度 for a service the administration gives itself (legal advice, government IT)."""

    id = "classify.W004"
    category = "misclassified_indicator"
    severity = Severity.WARNING
    title = Text("满意度问错了对象", "satisfaction asked of the wrong people")
    message = Text(
        "本项目为机关内部提供服务（项目名称或目标写有“{signal}”），“{name}”调查的却是{who}，"
        "问错了对象",
        "the project serves the administration itself (its name or goals say “{signal}”), yet "
        "“{name}” asks {who}",
    )
    hint = Text(
        "请改为实际接受服务的部门或人员的满意度，如“{served}”（写明调查对象）",
        "ask the departments or people actually served, e.g. “{served}” (say who)",
    )

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        rows = _asking(ctx, "satisfaction.public")
        if not rows:
            return
        signal, serves_public = in_house_signal(ctx)
        if signal is None or serves_public:
            return
        served = ctx.settings.get("satisfaction.served_name")
        for view, _ in rows:
            name = view.indicator.name
            yield placed_finding(
                self,
                (name, signal, served),
                view.location,
                Basis(f"{name}；项目：{signal}", "satisfaction.in_house, satisfaction.public"),
                suggestion={"name": served},
                signal=signal,
                name=name,
                who=_who(name),
                served=served,
            )


@register
class OverlappingSatisfaction(Rule):
    """More satisfaction rows than a form needs: one note for the form, not one per row."""

    id = "satisfaction.I001"
    category = "duplicate_indicator"
    severity = Severity.INFO
    title = Text("满意度指标重叠", "overlapping satisfaction indicators")
    message = Text(
        "本表有 {count} 个满意度指标（{names}），调查对象相互重叠",
        "{count} satisfaction indicators ({names}) ask overlapping people",
    )
    hint = Text(
        "满意度指标保留一至两个即可，调查项目实际服务的对象，并写明调查对象",
        "keep one or two, asking the people the project actually serves",
    )

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        rows = [v for v in ctx.indicators if ctx.lexicon.is_satisfaction(v.name)]
        most = int(ctx.settings.get("satisfaction.overlap_max_rows"))
        if len(rows) <= most:
            return
        names = "、".join(f"“{v.indicator.name}”" for v in rows)
        yield self.finding(
            Location(field="indicators", line=rows[0].line),
            Basis(names, f"satisfaction.overlap_max_rows={most}"),
            count=len(rows),
            names=names,
        )
