"""fields.E001 / fields.W002: required and recommended fields of the form (docs/domain.md, the form).

财预〔2015〕88号, 完整性: all required content present. The lists are settings (`[fields]`), and so is
what the hint says to write in each field (`[fields.hints]`): only that field's advice.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.domain.form import FIELD_LABELS
from jixiao.i18n import Text
from jixiao.review.context import FormContext
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import Rule, register
from jixiao.review.rules.placing import placed_finding


def _empty(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _advice(ctx: FormContext, name: str) -> tuple[str, str]:
    """What to write in an empty field (`[fields.hints]`), in Chinese and English."""
    found = ctx.settings.get("fields.hints", {}).get(name)
    return (str(found[0]), str(found[1])) if found else ("", "")


def _missing(ctx: FormContext, rule: Rule, setting: str) -> Iterator[Finding]:
    for name in ctx.settings.get(setting):
        if name == "indicators":
            if ctx.form.indicators:
                continue
        elif not _empty(getattr(ctx.form, name, None)):
            continue
        label = FIELD_LABELS.get(name, name)
        advice, advice_en = _advice(ctx, name)
        yield placed_finding(
            rule,
            (setting, name),
            ctx.at(name),
            Basis(f"{label}：（空）", setting),
            field=label,
            advice=f"：{advice}" if advice else "",
            advice_en=f": {advice_en}" if advice_en else "",
        )


@register
class RequiredField(Rule):
    """A required field (项目名称, 实施单位, 计划日期, 年度目标 ...) is empty."""

    id = "fields.E001"
    category = "missing_field"
    severity = Severity.ERROR
    title = Text("必填内容为空", "required field is empty")
    message = Text("“{field}”未填写", "“{field}” is empty")
    hint = Text("请补填“{field}”{advice}", "fill in “{field}”{advice_en}")

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        yield from _missing(ctx, self, "fields.required")
        if not ctx.form.indicators:
            yield self.finding(
                ctx.at("indicators"),
                Basis("绩效指标：（无）"),
                field="绩效指标",
                advice="",
                advice_en="",
            )


@register
class RecommendedField(Rule):
    """A field the form should state (主管部门, 项目类别, 项目总目标) is empty."""

    id = "fields.W002"
    category = "missing_field"
    severity = Severity.WARNING
    title = Text("应填内容为空", "expected field is empty")
    message = Text("“{field}”未填写", "“{field}” is empty")
    hint = Text("请补填“{field}”{advice}", "fill in “{field}”{advice_en}")

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        yield from _missing(ctx, self, "fields.recommended")
