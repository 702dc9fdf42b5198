"""project.W001: the same project name in more than one form of a batch (docs/review.md,
duplicate_project): the same work may be funded twice. Grouped in a dict as the forms go by:
linear in the forms.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.i18n import Text
from jixiao.review.context import FormContext
from jixiao.review.lexicon import clean
from jixiao.review.model import Basis, Finding, Location, Severity
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

    def __init__(self) -> None:
        self.groups: dict[tuple[int | None, str], list[tuple[int, int, Location, str, str]]] = {}

    def collect(self, ctx: FormContext) -> None:
        form = ctx.form
        name = clean(form.project_name)
        if name:
            place = (
                ctx.index,
                form.seq,
                ctx.at("project_name"),
                form.project_name or "",
                form.implementing_unit or "？",
            )
            self.groups.setdefault((form.budget_year, name), []).append(place)

    def emit(self) -> Iterator[tuple[int, Finding]]:
        for group in self.groups.values():
            if len(group) < 2:
                continue
            units = "；".join(f"第{seq}表 {unit}" for _, seq, _, _, unit in group[:5])
            for index, _seq, location, name, _ in group:
                others = [(i, s) for i, s, *_ in group[:51] if i != index][:50]
                shown = "、".join(str(s) for _, s in others[:20])
                yield (
                    index,
                    self.finding(
                        location,
                        Basis(f"{name}：{units}"),
                        related=tuple(i for i, _ in others),
                        name=name,
                        others=shown,
                    ),
                )
