"""fields.W004: a column of the indicator table that the form's template asks to fill is empty
on a row: a Hunan 绩效标准 (docs/templates.md, "The review follows the template").

The columns are data (`[columns] filled`, set by a template's rule set: the base asks none), and
so is what the hint says to write in each (`[columns.hints]`). The column's value is the row's
`extra` as read through the template. A row without a name is `fields.E003`'s.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.i18n import Text
from jixiao.review.context import FormContext
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import Rule, register

SETTING = "columns.filled"


@register
class ColumnLeftEmpty(Rule):
    """A row leaves empty a column its template requires (绩效标准)."""

    id = "fields.W004"
    category = "missing_field"
    severity = Severity.WARNING
    title = Text("指标表的必填栏为空", "a required column of the table is empty")
    message = Text(
        "指标“{name}”的“{column}”未填写", "the “{column}” of indicator “{name}” is empty"
    )
    hint = Text("请填写“{column}”{advice}", "fill in the “{column}”{advice_en}")

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        columns = ctx.settings.get(SETTING, ())
        if not columns:
            return
        hints = ctx.settings.get("columns.hints", {})
        for view in ctx.indicators:
            if not view.name:
                continue
            for column in columns:
                if (view.indicator.extra.get(column) or "").strip():
                    continue
                advice = hints.get(column)
                yield self.finding(
                    view.at(),
                    Basis(f"{view.indicator.name}：{column}（空）", SETTING),
                    name=view.indicator.name,
                    column=column,
                    advice=f"，如{advice[0]}" if advice else "",
                    advice_en=f", such as {advice[1]}" if advice else "",
                )
