"""project.W001: the same project name in more than one form of a batch (DESIGN.md,
duplicate_project): the same work may be funded twice. Grouped in a dict: linear in the forms.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from jixiao.i18n import Text
from jixiao.review.context import FormContext
from jixiao.review.lexicon import clean
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import Rule, register


@register
class DuplicateProject(Rule):
    """Two or more forms of a batch with the same project name."""

    id = "project.W001"
    category = "duplicate_project"
    severity = Severity.WARNING
    scope = "batch"
    title = Text("项目重复申报", "project declared twice")
    message = Text(
        "项目名称“{name}”与第 {others} 表相同，可能重复申报",
        "project “{name}” has the same name as form(s) {others}: possibly declared twice",
    )
    hint = Text(
        "请核实是否为同一项目；如不同，请在名称中区分内容或实施单位",
        "check whether it is the same project; if not, make the names tell them apart",
    )

    def check_batch(self, contexts: Sequence[FormContext]) -> Iterator[tuple[int, Finding]]:
        groups: dict[tuple[int | None, str], list[FormContext]] = {}
        for ctx in contexts:
            name = clean(ctx.form.project_name)
            if name:
                groups.setdefault((ctx.form.budget_year, name), []).append(ctx)
        for group in groups.values():
            if len(group) < 2:
                continue
            for ctx in group:
                others = tuple(c.index for c in group if c is not ctx)
                shown = "、".join(str(c.form.seq) for c in group if c is not ctx)
                units = "；".join(
                    f"第{c.form.seq}表 {c.form.implementing_unit or '？'}" for c in group[:5]
                )
                yield (
                    ctx.index,
                    self.finding(
                        ctx.at("project_name"),
                        Basis(f"{ctx.form.project_name}：{units}"),
                        related=others[:50],
                        name=ctx.form.project_name,
                        others=shown,
                    ),
                )
