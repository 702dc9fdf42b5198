"""The standard table laid out like the paper form: indicator rows with merged headings.

Merged cells of the paper form become rowspans: consecutive rows with the same level-1 heading
share one cell, and within it consecutive rows with the same level-2 heading share one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from jixiao.domain.form import FUNDS_LABELS, HEADER_FIELDS


@dataclass
class PaperRow:
    index: int
    indicator: Any
    level1_span: int = 0  # 0: the cell is merged into the row above
    level2_span: int = 0
    findings: list[Any] = field(default_factory=list)


def _spans(values: Sequence[Any]) -> list[int]:
    spans = [0] * len(values)
    start = 0
    for i in range(1, len(values) + 1):
        if i == len(values) or values[i] != values[start]:
            spans[start] = i - start
            start = i
    return spans


def indicator_rows(indicators: Sequence[Any], findings: dict[int, list[Any]]) -> list[PaperRow]:
    l1 = [i.level1 or "" for i in indicators]
    l2 = [(i.level1 or "", i.level2 or "") for i in indicators]
    s1, s2 = _spans(l1), _spans(l2)
    rows = [PaperRow(n, ind, s1[n], s2[n], findings.get(n, [])) for n, ind in enumerate(indicators)]
    return rows


def group_findings(findings: Iterable[Any]) -> tuple[dict[str, list], dict[int, list], list]:
    """Findings by field name, by indicator index, and those with no place in the table."""
    by_field: dict[str, list] = defaultdict(list)
    by_indicator: dict[int, list] = defaultdict(list)
    general: list = []
    for finding in findings:
        if finding.indicator is not None:
            by_indicator[int(finding.indicator)].append(finding)
        elif finding.field:
            by_field[str(finding.field)].append(finding)
        else:
            general.append(finding)
    return dict(by_field), dict(by_indicator), general


FUNDS_ROWS: tuple[tuple[str, str, str | None, str | None], ...] = (
    # (project-side label, field, annual-side label, field)
    ("项目资金总额", "project_total", "年度资金申请总额", "annual_request"),
    ("其中：财政资金", "project_fiscal", "其中：当年财政拨款", "annual_appropriation"),
    ("", "", "上年结转资金", "annual_carryover"),
    ("其他资金", "project_other", "其他资金", "annual_other"),
)
# Fields whose findings the paper table shows in their cell; others go above the table.
PLACED_FIELDS = frozenset(
    {
        *HEADER_FIELDS,
        "funds",
        "overall_goal",
        "annual_goal",
        "indicators",
        *FUNDS_LABELS,
    }
)
assert {f for row in FUNDS_ROWS for f in (row[1], row[3]) if f} == set(FUNDS_LABELS)
