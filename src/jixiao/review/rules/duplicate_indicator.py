"""indicator.W001 / indicator.W002: indicators filed more than once (docs/review.md,
duplicate_indicator).

The importer merges rows filed twice, word for word, and notes each merge (`[notes]
repeated_rows`): the structure is kept once, but what the unit filed is judged, so indicator.W002
reports the repetition, once per form, naming the repeated rows and their lines. indicator.W001
finds what remains: the same name with another target or under another heading.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.i18n import Text
from jixiao.review.context import FormContext, IndicatorView
from jixiao.review.model import Basis, Finding, Location, Severity
from jixiao.review.registry import Rule, make_finding, register


@register
class DuplicateIndicator(Rule):
    """An indicator name repeated within a form (with the same or another target)."""

    id = "indicator.W001"
    category = "duplicate_indicator"
    severity = Severity.WARNING
    title = Text("指标重复", "duplicate indicator")
    message = Text(
        "指标“{name}”重复出现（另见第 {first} 个指标）",
        "indicator “{name}” appears again (see indicator {first})",
    )
    hint = Text(
        "请删除重复的指标，或改为衡量不同内容的指标", "remove the repeat or measure something else"
    )

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        views = ctx.indicators
        if len({view.name for view in views}) == len(views):
            return  # no name twice, so no (period, name) twice
        first: dict[tuple[str | None, str], IndicatorView] = {}
        for view in views:
            if not view.name:
                continue
            key = (view.indicator.period, view.name)
            if key in first:
                earlier = first[key]
                yield self.finding(
                    view.at(),
                    Basis(
                        f"{earlier.indicator.name} {earlier.indicator.target}；"
                        f"{view.indicator.name} {view.indicator.target}"
                    ),
                    name=view.indicator.name,
                    first=earlier.index + 1,
                )
            else:
                first[key] = view


@register
class RepeatedRows(Rule):
    """Indicator rows the document lists twice, word for word (merged by the importer)."""

    id = "indicator.W002"
    category = "duplicate_indicator"
    severity = Severity.WARNING
    title = Text("指标行重复填写", "indicator rows filed twice")
    message = Text(
        "{count} 个指标行在表中重复填写：{rows}",
        "{count} indicator rows are filed twice: {rows}",
    )
    hint = Text(
        "请在原表中删除重复的行，每个指标只填一次（导入时已合并为一行）",
        "delete the repeated rows in the document: each indicator once (the import merged them)",
    )

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        notes = ctx.form.notes
        if not notes:
            return
        code = ctx.settings.get("notes.repeated_rows")
        repeats = {n.line for n in notes if n.code == code and n.line is not None}
        if not repeats:
            return
        # Only a row read from more than one line can be a repeated one (the importer keeps the
        # lines it merged): the others are passed over without a set operation.
        rows = [
            v
            for v in ctx.indicators
            if len(v.indicator.source_lines) > 1
            and not repeats.isdisjoint(v.indicator.source_lines[1:])
        ]
        if not rows:
            return  # the repeated rows were edited away since
        named = [f"“{v.indicator.name}”（第 {_lines(v)} 行）" for v in rows]
        shown = "、".join(named[:3]) + (f" 等 {len(named)} 行" if len(named) > 3 else "")
        first = min(line for v in rows for line in v.indicator.source_lines if line in repeats)
        # The message names the form's own rows: made here, not kept in the rules' shared texts
        # (`Rule.finding` keeps texts that repeat across forms; these seldom do).
        yield make_finding(
            self.id,
            self.category,
            self.severity,
            self.message.format(count=len(rows), rows=shown),
            self.hint,
            Location(field="indicators", line=first),
            Basis("；".join(named), "notes.repeated_rows"),
            None,
            (),
        )


def _lines(view: IndicatorView) -> str:
    return "、".join(str(line) for line in view.indicator.source_lines)
