"""The form (绩效目标填报表) and its parts, as immutable value objects.

Money is `Decimal` as written (`278000.00` stays `278000.00`), dates are `date`, text is kept as
written apart from the cleaning docs/domain.md describes (surrounding white space, word-processor markup),
and what was cleaned or could not be placed is said in `notes`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from types import MappingProxyType

from jixiao.domain.make import maker
from jixiao.domain.target import Target, TargetKind, parse_target
from jixiao.i18n import Text

FUNDS_FIELDS: tuple[str, ...] = (
    "project_total",
    "project_fiscal",
    "project_other",
    "annual_request",
    "annual_appropriation",
    "annual_carryover",
    "annual_other",
)
FUNDS_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "project_total": "项目资金总额",
        "project_fiscal": "财政资金",
        "project_other": "其他资金（项目）",
        "annual_request": "年度资金申请总额",
        "annual_appropriation": "当年财政拨款",
        "annual_carryover": "上年结转资金",
        "annual_other": "其他资金（年度）",
    }
)
# The header block of the paper form, in its order: from the project's name to its planned end.
HEADER_FIELDS: tuple[str, ...] = (
    "project_name",
    "project_category",
    "supervising_department",
    "implementing_unit",
    "planned_start",
    "planned_end",
)
# The fields of a form written as free text, besides its title: what units type, reviewers read.
TEXT_FIELDS: tuple[str, ...] = (
    "project_name",
    "project_category",
    "supervising_department",
    "implementing_unit",
    "overall_goal",
    "annual_goal",
)
FIELD_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "title": "表名",
        "budget_year": "预算年度",
        "project_name": "项目名称",
        "project_category": "项目类别",
        "supervising_department": "主管部门",
        "implementing_unit": "实施单位",
        "planned_start": "计划开始日期",
        "planned_end": "计划完成日期",
        "overall_goal": "项目总目标",
        "annual_goal": "年度总目标",
        "indicators": "绩效指标",
        **FUNDS_LABELS,
        # Places of a self-evaluation table's findings (docs/evaluation.md, *Findings*).
        "execution": "预算执行率",
        "total": "总分",
    }
)


@dataclass(frozen=True, slots=True)
class Funds:
    """项目资金: the project side and the annual side, each with its parts. None = not stated."""

    unit: str | None = "元"  # None: the form states no unit and its template prints none
    project_total: Decimal | None = None
    project_fiscal: Decimal | None = None
    project_other: Decimal | None = None
    annual_request: Decimal | None = None
    annual_appropriation: Decimal | None = None
    annual_carryover: Decimal | None = None
    annual_other: Decimal | None = None

    def items(self) -> tuple[tuple[str, Decimal | None], ...]:
        return tuple((name, getattr(self, name)) for name in FUNDS_FIELDS)

    def in_yuan(self, name: str) -> Decimal | None:
        """A figure converted to 元 whatever unit the form states (万元 × 10000); None when the
        unit could not be determined (docs/templates.md, *Money*)."""
        value: Decimal | None = getattr(self, name)
        if value is None or self.unit not in ("元", "万元"):
            return None  # not stated, or in a unit nobody can tell (or none of 元 and 万元)
        return value * 10000 if self.unit == "万元" else value

    @property
    def requested_yuan(self) -> Decimal | None:
        """The annual request in 元, falling back to the project total when it is not stated."""
        annual = self.in_yuan("annual_request")
        return annual if annual is not None else self.in_yuan("project_total")


# The periods of a year's rows: a form with 中期 and 年度 side by side marks its annual rows; a form
# with one period marks none (monitoring and self-evaluation take these rows).
ANNUAL_PERIODS: tuple[str | None, ...] = (None, "annual")


@dataclass(frozen=True, slots=True)
class TemplateMatch:
    """The template a form was read through (`jixiao.templates`), how well its labels fit it
    (0 to 1), and the runner-up with its fit: what `jixiao import` prints per form."""

    id: str
    confidence: Decimal
    runner_up: str | None = None
    runner_up_confidence: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Indicator:
    """One indicator row: headings as written (None when the cell is empty), name, target."""

    level1: str | None
    level2: str | None
    name: str
    target: str
    source_lines: tuple[int, ...] = ()
    period: str | None = None  # "annual" (年度) or "midterm" (中期/长期) where a form has both
    extra: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def parsed_target(self) -> Target:
        """The target read with the 指标性质 (operator) and 度量单位 (unit) columns some forms
        keep apart from the value."""
        op = self.extra.get("指标性质", "")
        unit = self.extra.get("度量单位", "")
        if not op and not unit:
            return parse_target(self.target)
        text = self.target
        if op and op not in ("定性", "定量") and not parse_target(text).op:
            text = op + text
        parsed = parse_target(text + unit) if unit else parse_target(text)
        if parsed.kind is not TargetKind.QUANTITATIVE:
            return parse_target(self.target)
        return Target(
            self.target,
            parsed.kind,
            parsed.op,
            parsed.value,
            parsed.unit,
            parsed.direction,
            parsed.word,
        )

    @property
    def line(self) -> int | None:
        return self.source_lines[0] if self.source_lines else None


# Indicator(...) with every field given, about twice as fast: importers make a hundred thousand.
make_indicator = maker(Indicator)


@dataclass(frozen=True, slots=True)
class Note:
    """Something the importer cleaned, merged or could not place: a code, a message, a line.
    `en` is the message in English where the reader wrote one (`Note.of`); it is said, not
    compared, and the canonical JSON keeps the Chinese `message` only."""

    code: str
    message: str
    line: int | None = None
    en: str = field(default="", compare=False)

    @classmethod
    def of(cls, code: str, message: Text, line: int | None) -> Note:
        """A note from a message in both languages."""
        return cls(code, message.zh, line, message.en)


@dataclass(frozen=True, slots=True)
class GoalPeriod:
    """The period a goal text covers, as written in its heading: 项目总目标（2021 年- 2021年）."""

    start_year: int | None
    end_year: int | None
    text: str


@dataclass(frozen=True, slots=True)
class Source:
    """Where forms came from: the path as given, the SHA-256 of the bytes, the format read."""

    path: str
    sha256: str
    format: str


@dataclass(frozen=True, slots=True, weakref_slot=True)
class Form:
    """One project's performance-goal declaration for one budget year."""

    seq: int
    title: str | None = None
    budget_year: int | None = None
    project_name: str | None = None
    project_category: str | None = None
    supervising_department: str | None = None
    implementing_unit: str | None = None
    planned_start: date | None = None
    planned_end: date | None = None
    funds: Funds = field(default_factory=Funds)
    overall_goal: str | None = None
    annual_goal: str | None = None
    indicators: tuple[Indicator, ...] = ()
    notes: tuple[Note, ...] = ()
    goal_period: GoalPeriod | None = None
    lines: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    source: int = 0  # index into the sources of the batch the form was read with
    template: TemplateMatch | None = None  # the region's template it was read through

    def with_changes(self, **changes: object) -> Form:
        return replace(self, **changes)  # type: ignore[arg-type]

    def line_of(self, field_name: str) -> int | None:
        """The source line a field was read from, where known."""
        return self.lines.get(field_name)
