"""What a review produces: findings with their location and basis, per-form reviews, the report.

All values are immutable; money is `Decimal`. Messages are `jixiao.i18n.Text` (Chinese first,
English available); `str(finding.message)` gives the language in force.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

from jixiao.domain.form import Note
from jixiao.i18n import Text


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANKS[self]


_RANKS = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1}

# The category table of docs/review.md: the stable contract of every finding.
CATEGORIES: tuple[str, ...] = (
    "missing_field",
    "text_artifact",
    "garbled_text",
    "funds_inconsistent",
    "date_inconsistent",
    "duplicate_indicator",
    "misclassified_indicator",
    "missing_indicator_category",
    "target_format",
    "unmeasurable_target",
    "unrealistic_target",
    "generic_indicator",
    "vague_goal",
    "goal_indicator_gap",
    "cost_mismatch",
    "funds_indicator_imbalance",
    "irrelevant_indicator",
    "duplicate_project",
)

CATEGORY_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "missing_field": "必填内容缺失",
        "text_artifact": "文字瑕疵",
        "garbled_text": "名称错乱或错字",
        "funds_inconsistent": "资金不平衡",
        "date_inconsistent": "日期不一致",
        "duplicate_indicator": "指标重复",
        "misclassified_indicator": "指标归类错误",
        "missing_indicator_category": "缺少指标类别",
        "target_format": "指标值格式",
        "unmeasurable_target": "指标值不可衡量",
        "unrealistic_target": "指标值不切实际",
        "generic_indicator": "通用套话指标",
        "vague_goal": "目标笼统",
        "goal_indicator_gap": "目标未被指标覆盖",
        "cost_mismatch": "成本测算不符",
        "funds_indicator_imbalance": "资金与指标不匹配",
        "irrelevant_indicator": "指标与项目无关",
        "duplicate_project": "项目重复",
    }
)
CATEGORY_LABELS_EN: Mapping[str, str] = MappingProxyType(
    {
        "missing_field": "Required content missing",
        "text_artifact": "Text artifact",
        "garbled_text": "Garbled or misspelt name",
        "funds_inconsistent": "Funds do not add up",
        "date_inconsistent": "Dates inconsistent",
        "duplicate_indicator": "Duplicate indicator",
        "misclassified_indicator": "Misclassified indicator",
        "missing_indicator_category": "Missing indicator category",
        "target_format": "Target format",
        "unmeasurable_target": "Unmeasurable target",
        "unrealistic_target": "Unrealistic target",
        "generic_indicator": "Generic indicator",
        "vague_goal": "Vague goal",
        "goal_indicator_gap": "Goal not measured by an indicator",
        "cost_mismatch": "Costs do not match",
        "funds_indicator_imbalance": "Funds and indicators out of proportion",
        "irrelevant_indicator": "Indicator unrelated to the project",
        "duplicate_project": "Duplicate project",
    }
)


def category_labels(language: str = "zh") -> Mapping[str, str]:
    """The names of the finding categories for people, in Chinese or (language "en") English."""
    return CATEGORY_LABELS_EN if language.startswith("en") else CATEGORY_LABELS


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding is: a field name or an indicator index (0-based), and the source line."""

    field: str | None = None
    indicator: int | None = None
    line: int | None = None

    def to_json(self) -> dict[str, object]:
        return {"field": self.field, "indicator": self.indicator, "line": self.line}


@dataclass(frozen=True, slots=True)
class Basis:
    """What a finding rests on: the text the rule read and the setting it applied."""

    text: str = ""
    setting: str | None = None

    def to_json(self) -> dict[str, object]:
        return {"text": self.text, "setting": self.setting}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found by review (审核意见)."""

    rule: str
    category: str
    severity: Severity
    message: Text
    hint: Text
    location: Location = field(default_factory=Location)
    basis: Basis = field(default_factory=Basis)
    suggestion: Mapping[str, str] | None = None
    related_forms: tuple[int, ...] = ()  # batch indexes (0-based) of the other forms concerned

    def with_severity(self, severity: Severity) -> Finding:
        return replace(self, severity=severity)

    def sort_key(self) -> tuple[int, int, int]:
        where = self.location.line or 0
        return (-_RANKS[self.severity], where, self.location.indicator or -1)


@dataclass(frozen=True)
class FormReview:
    """The review of one form: findings, a 0–100 score split by criterion, and a grade."""

    seq: int
    project_name: str | None
    form_index: int  # position of the form in the batch, 0-based
    score: Decimal
    grade: str
    criteria_scores: Mapping[str, Decimal]
    findings: tuple[Finding, ...]
    requested_yuan: Decimal | None = None
    source: int = 0
    # What the importer cleaned in this form (`[notes] shown`): said, never scored.
    import_notes: tuple[Note, ...] = ()

    def count(self, severity: Severity) -> int:
        return sum(1 for f in self.findings if f.severity is severity)


@dataclass(frozen=True)
class Summary:
    """The batch at a glance: counts, the worst forms and the funds of forms graded 中 or 差."""

    forms: int
    grades: Mapping[str, int]
    by_category: Mapping[str, int]
    by_severity: Mapping[str, int]
    worst_forms: tuple[int, ...]  # form indexes, lowest score first
    funds_at_risk_yuan: Decimal
    average_score: Decimal


@dataclass(frozen=True)
class ReviewReport:
    """The review of a batch, in the order of its forms."""

    forms: tuple[FormReview, ...]
    summary: Summary
    settings_name: str = "default"
    sources: tuple[str, ...] = ()
