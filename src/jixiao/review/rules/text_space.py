"""text.I004: white space inside a one-line name (`终止、强行终止、 撤销项目数`).

docs/review.md, text_artifact: odd white space. Names are compared and published as written, so a
stray space makes the same indicator two different ones.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.domain.form import FIELD_LABELS
from jixiao.i18n import Text
from jixiao.review.context import FormContext
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import Rule, register
from jixiao.review.textscan import inner_space

NAME_FIELDS = ("project_name", "supervising_department", "implementing_unit")


@register
class InnerSpace(Rule):
    """A space, full-width space or tab inside a name."""

    id = "text.I004"
    category = "text_artifact"
    severity = Severity.INFO
    title = Text("名称中有多余空白", "stray white space in a name")
    message = Text("{label}中有多余空白：“{text}”", "stray white space in {label}: “{text}”")
    hint = Text("请删除名称中的空格", "remove the space from the name")

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        for name in NAME_FIELDS:
            found = inner_space(getattr(ctx.form, name) or "")  # the form's own: no memo
            if found:
                label = FIELD_LABELS[name]
                yield self.finding(ctx.at(name), Basis(found), label=label, text=found)
        for view in ctx.indicators:
            if view.name == view.indicator.name:
                continue  # nothing was removed from the name: no white space in it
            found = ctx.memo.call(inner_space, view.indicator.name)
            if found:
                label = f"指标“{view.indicator.name}”"
                yield self.finding(view.at(), Basis(found), label=label, text=found)
