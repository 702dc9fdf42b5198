"""relevance.W001: an indicator about a topic the project never touches (`信息化程度` for a
poverty-relief planting project).

docs/review.md, irrelevant_indicator; 88号 相关性: indicators tie to the goals. Topics and the words
that make them relevant are settings (`[relevance.topics]`).
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.i18n import Text
from jixiao.review.context import FormContext
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import Rule, register
from jixiao.review.rules.placing import placed_finding


def _named(ctx: FormContext) -> dict[str, tuple[tuple[str, list[str]], ...]]:
    """The topics each indicator name mentions, in the order of the settings (bounded memo)."""
    return ctx.memo.table(_NAMED)


_NAMED = "relevance.W001:named"  # the memo's table: indicator name -> the topic it names


@register
class UnrelatedIndicator(Rule):
    """An indicator naming a topic absent from the project name and goals."""

    id = "relevance.W001"
    category = "irrelevant_indicator"
    severity = Severity.WARNING
    title = Text("指标与项目内容无关", "indicator unrelated to the project")
    message = Text(
        "指标“{name}”涉及“{topic}”，但项目名称和目标中都没有相关内容",
        "“{name}” is about “{topic}”, which the project name and goals never mention",
    )
    hint = Text(
        "请删除该指标，或改为反映本项目内容的指标", "drop it or measure what the project does"
    )

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        topics = ctx.settings.get("relevance.topics")
        named = _named(ctx)
        about = None
        for view in ctx.indicators:
            in_name = named.get(view.name)
            if in_name is None:
                in_name = named[view.name] = tuple(
                    (topic, words) for topic, words in topics.items() if topic in view.name
                )
            if not in_name:
                continue
            if about is None:
                about = f"{ctx.form.project_name or ''}\n{ctx.goal_texts}"
            for topic, words in in_name:
                if topic not in about and not any(w in about for w in words):
                    name = view.indicator.name
                    yield placed_finding(
                        self,
                        (name, topic),
                        view.location,
                        Basis(name, f"relevance.topics.{topic}"),
                        name=name,
                        topic=topic,
                    )
                    break
