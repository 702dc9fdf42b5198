"""What a scored self-evaluation table says to its reader: each stated figure that disagrees with
the recomputation (with both figures and the formula), deviations left unexplained, rows the
formula cannot score. Rule ids `evaluation.*`, categories in docs/review.md."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from jixiao.domain.target import Direction
from jixiao.evaluation.model import SelfEvaluation
from jixiao.evaluation.scoring import direction_of, show
from jixiao.i18n import Text
from jixiao.review.model import Basis, Finding, Location, Severity

if TYPE_CHECKING:
    from jixiao.evaluation.evaluate import Execution, ScoredRow
    from jixiao.evaluation.settings import EvaluationSettings

MISMATCH = "evaluation_mismatch"
UNEXPLAINED = "deviation_unexplained"
UNSCORED = "evaluation_unscored"
# The categories of the evaluation's findings, apart from the review's own (docs/evaluation.md).
CATEGORY_LABELS = {
    MISMATCH: Text("自评数字与计算不符", "Stated figure differs from the formula"),
    UNEXPLAINED: Text("偏差未说明原因", "Deviation not explained"),
    UNSCORED: Text("无法按公式计分", "Not scored by the formula"),
}


def findings_of(
    table: SelfEvaluation,
    execution: Execution,
    rows: Sequence[ScoredRow],
    total: Decimal,
    missing: Sequence[str],
    settings: EvaluationSettings,
) -> tuple[Finding, ...]:
    found: list[Finding | None] = []
    line = table.total_line
    if line is not None:
        at = Location(field="execution")
        found.append(
            _compare(
                "执行率",
                "execution rate",
                line.stated_rate,
                execution.rate,
                "%",
                execution.basis,
                at,
                settings,
            )
        )
        found.append(
            _compare(
                "预算执行得分",
                "execution score",
                line.stated_score,
                execution.score,
                "",
                execution.basis,
                at,
                settings,
            )
        )
    for r in rows:
        found.extend(_row(r, settings))
    found.append(
        _compare(
            "总分",
            "total score",
            table.stated_total,
            total,
            "",
            "各项得分之和",
            Location(field="total"),
            settings,
        )
    )
    found.extend(_weights(table, execution, rows))
    found.extend(_missing(g, settings) for g in missing)
    return tuple(sorted((f for f in found if f is not None), key=Finding.sort_key))


def _finding(
    rule: str,
    category: str,
    severity: Severity,
    message: Text,
    hint: Text,
    at: Location,
    basis: str,
    setting: str | None = None,
) -> Finding:
    return Finding(rule, category, severity, message, hint, at, Basis(basis, setting))


def _compare(
    label: str,
    label_en: str,
    stated: Decimal | None,
    computed: Decimal | None,
    unit: str,
    basis: str,
    at: Location,
    settings: EvaluationSettings,
) -> Finding | None:
    """A stated figure against the recomputed one: within the tolerance a note, else a warning."""
    if stated is None or computed is None or stated == computed:
        return None
    values = {
        "what": label,
        "what_en": label_en,
        "s": f"{show(stated)}{unit}",
        "c": f"{computed}{unit}",
    }
    if abs(stated - computed) <= settings.tolerance:
        return _finding(
            "evaluation.I001",
            MISMATCH,
            Severity.INFO,
            Text(
                "{what}填报 {s}，按公式为 {c}，差异在舍入范围内",
                "{what_en} stated {s}, the formula gives {c}: a rounding difference",
            ).format(**values),
            Text("按公式结果填写即可", "write the figure the formula gives"),
            at,
            basis,
            "evaluation.tolerance",
        )
    above = stated > computed
    message = (
        Text(
            "{what}填报 {s}，高于按公式计算的 {c}",
            "{what_en} stated {s}, above the {c} the formula gives",
        )
        if above
        else Text(
            "{what}填报 {s}，与按公式计算的 {c} 不符", "{what_en} stated {s}, the formula gives {c}"
        )
    )
    return _finding(
        "evaluation.W001",
        MISMATCH,
        Severity.WARNING,
        message.format(**values),
        Text("请按公式重新核算，或说明依据", "recompute with the formula, or state the basis"),
        at,
        basis,
    )


def _row(r: ScoredRow, settings: EvaluationSettings) -> list[Finding | None]:
    at = Location(indicator=r.index, line=r.row.line)
    name = r.row.name
    if r.weight is None:
        return []
    out: list[Finding | None] = []
    if r.computed:
        out.append(
            _compare(
                f"“{name}”得分",
                f"score of “{name}”",
                r.row.stated_score,
                r.score,
                "",
                r.basis,
                at,
                settings,
            )
        )
    else:
        out.append(
            _finding(
                "evaluation.W003",
                UNSCORED,
                Severity.WARNING,
                Text(
                    "“{n}”的实际完成值“{a}”无法与指标值“{t}”比较，未能按公式计分",
                    "“{n}”: the actual value “{a}” cannot be compared with the target “{t}”; not scored by the formula",
                ).format(n=name, a=r.row.actual, t=r.row.target),
                Text(
                    "请填写与指标值同单位的实际数值，定性指标请注明达成、部分达成或未达成",
                    "give the actual figure in the target's unit, or for a qualitative target say 达成, 部分达成 or 未达成",
                ),
                at,
                r.basis,
            )
        )
    reason = r.row.reason.strip()
    if r.ratio is not None and r.ratio >= settings.far_over and not reason and _upward(r):
        out.append(
            _finding(
                "evaluation.W002",
                UNEXPLAINED,
                Severity.WARNING,
                Text(
                    "“{n}”完成值为指标值的 {p}%，超过 {f}%，须说明偏差原因",
                    "“{n}” reached {p}% of its target, at or above {f}%: a deviation reason is required",
                ).format(n=name, p=r.ratio, f=show(settings.far_over)),
                Text(
                    "在“偏差原因分析及改进措施”中说明超额原因，并考虑调整来年指标值",
                    "explain the excess under 偏差原因分析及改进措施 and consider next year's target",
                ),
                at,
                r.basis,
                "evaluation.far_over",
            )
        )
    elif r.computed and r.score is not None and r.score < r.weight and not reason:
        out.append(
            _finding(
                "evaluation.I003",
                UNEXPLAINED,
                Severity.INFO,
                Text(
                    "“{n}”未满分（{s}/{w}），未说明偏差原因",
                    "“{n}” scored {s} of {w} without a deviation reason",
                ).format(n=name, s=r.score, w=show(r.weight)),
                Text("说明未完成的原因和改进措施", "give the reason and the corrective measure"),
                at,
                r.basis,
            )
        )
    return out


def _upward(r: ScoredRow) -> bool:
    return direction_of(r.target) is not Direction.NEGATIVE


def _weights(
    table: SelfEvaluation, execution: Execution, rows: Sequence[ScoredRow]
) -> list[Finding]:
    live = [r for r in rows if r.weight is not None]
    if not live or any(r.row.weight is None for r in live):
        unplaced = [r for r in live if r.row.weight is None and r.weight == 0]
        return [_unplaced(r) for r in unplaced]
    total = execution.weight + sum((r.weight or Decimal(0) for r in live), Decimal(0))
    if total == 100:
        return []
    return [
        _finding(
            "evaluation.W004",
            MISMATCH,
            Severity.WARNING,
            Text("分值合计为 {t}，不是 100", "the weights add up to {t}, not 100").format(
                t=show(total)
            ),
            Text("请核对各项分值", "check the weights"),
            Location(field="total"),
            f"执行率 {show(execution.weight)} + 指标分值",
        )
    ]


def _unplaced(r: ScoredRow) -> Finding:
    return _finding(
        "evaluation.W005",
        UNSCORED,
        Severity.WARNING,
        Text(
            "“{n}”不属于产出、效益或满意度指标，未分得分值",
            "“{n}” is under no scored heading and got no weight",
        ).format(n=r.row.name),
        Text("请填写其一级、二级指标", "give its level-1 and level-2 headings"),
        Location(indicator=r.index, line=r.row.line),
        "evaluation.weights",
    )


def _missing(group: str, settings: EvaluationSettings) -> Finding:
    return _finding(
        "evaluation.I002",
        UNSCORED,
        Severity.INFO,
        Text(
            "没有{g}，其 {w} 分按比例分给其他指标",
            "no {g}: its {w} points go to the other indicators in proportion",
        ).format(g=group, w=show(settings.weights[group])),
        Text("如属遗漏，请补充该类指标", "add such indicators if they were left out"),
        Location(field="indicators"),
        "evaluation.weights",
        "evaluation.weights",
    )
