"""The four criteria of the review of goals (财预〔2015〕88号, docs/domain.md): their names in
both languages and what a reviewer checks under each. The review's score weighs them by
`[criteria] weights` of the rules file; an expert's score sheet gives each as many points
(docs/workflow.md, "Expert rounds"). The weights are checked when the settings are read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from jixiao.errors import InputError
from jixiao.i18n import Text

WEIGHTS_TOTAL = Decimal(100)


@dataclass(frozen=True)
class Criterion:
    """One criterion: `code` for programs (stable, English), `name` the key of the settings."""

    code: str
    name: str
    english: str
    checks: Text


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "completeness",
        "完整性",
        "Completeness",
        Text(
            "要素完整：必填内容齐全，绩效目标明确清晰。",
            "All required content is present and the goals are explicit.",
        ),
    ),
    Criterion(
        "relevance",
        "相关性",
        "Relevance",
        Text(
            "目标与单位职能相符；指标与目标密切相关，细化、量化。",
            "The goals fit the unit's functions; the indicators tie to the goals, refined and "
            "quantified.",
        ),
    ),
    Criterion(
        "appropriateness",
        "适当性",
        "Appropriateness",
        Text(
            "资金规模与绩效目标相匹配。",
            "The funds and the goals match in size.",
        ),
    ),
    Criterion(
        "feasibility",
        "可行性",
        "Feasibility",
        Text(
            "目标经过充分论证和合理测算；措施切实可行，能按期实现；投入产出合理。",
            "The goals are argued and estimated; the measures are practicable in time and "
            "worth the money.",
        ),
    ),
)
BY_CODE: Mapping[str, Criterion] = {c.code: c for c in CRITERIA}


def check_weights(weights: Mapping[str, Decimal], path: str) -> None:
    """`[criteria] weights` names the four criteria, none negative, adding up to 100."""
    names = [c.name for c in CRITERIA]
    if set(weights) != set(names):
        raise InputError(
            Text(
                "审核设置 [criteria] weights 应恰好列出四项准则（{want}），实际为：{got}",
                "review settings: [criteria] weights must name the four criteria ({want}), "
                "not: {got}",
            ).format(want="、".join(names), got="、".join(weights) or "-"),
            path=path,
            field="criteria.weights",
        )
    negative = [k for k, v in weights.items() if v < 0]
    total = sum(weights.values(), Decimal(0))
    if negative or total != WEIGHTS_TOTAL:
        raise InputError(
            Text(
                "审核设置 [criteria] weights 各项不得为负，合计应为 100，实际合计 {total}",
                "review settings: [criteria] weights must not be negative and must add up to "
                "100, not {total}",
            ).format(total=total),
            path=path,
            field="criteria.weights",
        )
