"""What the forms API reads and answers, so that its OpenAPI document is exact (docs/api.md).

A form is `jixiao/forms@1`, the canonical JSON of the core (`jixiao.interchange`): these schemas
describe it; the core reads and writes it. Amounts are strings (`"278000.00"`), never numbers, so
they stay `Decimal` from the caller to the database and back.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, Field

from jixiao_web.accounts.permissions import ACTIONS
from jixiao_web.api.errors import Error
from jixiao_web.comments.models import Comment, Kind
from jixiao_web.forms import models as m
from jixiao_web.params import MAX_ID, MAX_INT, MAX_YEAR
from jixiao_web.services.comments import FIELDS, MAX_TEXT


class Schema(BaseModel):
    """A plain pydantic model: ninja's `Schema` reads fields off any object, so that a list
    where an object belongs would pass as an object of defaults; here it is refused (422)."""


def storable(text: str) -> str:
    """Text as written, but what no database stores is the request's fault (422), not a 500:
    NUL (PostgreSQL refuses it in text and jsonb) and lone surrogates (not UTF-8)."""
    if "\x00" in text:
        raise ValueError("不能含空字符 NUL（\\u0000）")
    if any("\ud800" <= c <= "\udfff" for c in text):
        raise ValueError("不能含孤立的代理码位（\\ud800–\\udfff）")
    return text


# the pattern tells the OpenAPI document (and its test clients) what the validator checks
Plain = Annotated[str, Field(pattern=r"^[^\x00]*$"), AfterValidator(storable)]


def number(value: Any) -> Any:
    """A whole JSON number, as JSON Schema's `integer` has it: `3` or `3.0`, not `true` or `"3"`
    (which pydantic would otherwise take for 1 and 3)."""
    if isinstance(value, bool | str):
        raise ValueError("应为整数")
    return value


Count = Annotated[int, Field(ge=0, le=MAX_INT), BeforeValidator(number)]
# a date as canonical JSON writes it; the core reads it (2021-02-30 is 422 naming the field)
Day = Annotated[
    str, Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", json_schema_extra={"format": "date"})
]
# A mapping whose keys are `Plain`: pydantic describes them with `patternProperties`, which lets
# any other key through unless the object is closed.
CLOSED = {"additionalProperties": False}
# An amount as canonical JSON writes it: digits, and at most 6 after the point, within the bounds
# of `jixiao.domain.bounds` (16 before it), so that a schema-valid amount is one the core takes.
Amount = Annotated[str, Field(pattern=r"^[0-9]{1,16}(\.[0-9]{1,6})?$")]
Action = Literal[ACTIONS]  # type: ignore[valid-type]


def _longest(model: type, name: str) -> int:
    """What a column of the database holds: longer text would fail there (a 500 on PostgreSQL)."""
    return int(model._meta.get_field(name).max_length)


class Funds(Schema):
    unit: Annotated[Plain, Field(max_length=_longest(m.Form, "funds_unit"))] = "元"
    project_total: Amount | None = None
    project_fiscal: Amount | None = None
    project_other: Amount | None = None
    annual_request: Amount | None = None
    annual_appropriation: Amount | None = None
    annual_carryover: Amount | None = None
    annual_other: Amount | None = None


class FundsOut(Funds):
    """The funds as stored: each figure exactly as it was written; `unit` null where the form
    states no unit and its template prints none (docs/templates.md, *Money*)."""

    unit: str | None = "元"

    project_total: str | None = None
    project_fiscal: str | None = None
    project_other: str | None = None
    annual_request: str | None = None
    annual_appropriation: str | None = None
    annual_carryover: str | None = None
    annual_other: str | None = None


class GoalPeriod(Schema):
    start_year: Count | None = None
    end_year: Count | None = None
    text: Plain = ""


class IndicatorDoc(Schema):
    level1: Plain | None = None
    level2: Plain | None = None
    name: Plain = ""
    target: Plain = ""
    parsed_target: dict[str, Any] | None = Field(None, description="写出时给出；读入时忽略")
    source_lines: list[Count] = []
    period: Annotated[Plain, Field(max_length=_longest(m.Indicator, "period"))] | None = None
    extra: dict[Plain, Plain] = Field({}, json_schema_extra=CLOSED)


class NoteDoc(Schema):
    code: Plain
    message: Plain
    line: Count | None = None


class TemplateDoc(Schema):
    """The region's template the form was read through (docs/templates.md): its id, how well
    the form's labels fit it (0 to 1, as written: `0.82`) and the runner-up with its fit."""

    id: Annotated[Plain, Field(max_length=100)]
    confidence: Annotated[str, Field(pattern=r"^[01](\.[0-9]{1,2})?$")]
    runner_up: Annotated[Plain, Field(max_length=100)] | None = None
    runner_up_confidence: Annotated[str, Field(pattern=r"^[01](\.[0-9]{1,2})?$")] | None = None


class FormDoc(Schema):
    """One form of `jixiao/forms@1` (docs/imports.md)."""

    seq: Count = 0
    source: Count = 0
    title: Plain | None = None
    budget_year: Annotated[int, Field(ge=0, le=MAX_YEAR), BeforeValidator(number)] | None = None
    project_name: Plain | None = None
    project_category: Plain | None = None
    supervising_department: Plain | None = None
    implementing_unit: Plain | None = None
    planned_start: Day | None = None
    planned_end: Day | None = None
    funds: Funds = Funds()
    overall_goal: Plain | None = None
    annual_goal: Plain | None = None
    goal_period: GoalPeriod | None = None
    indicators: list[IndicatorDoc] = []
    notes: list[NoteDoc] = []
    lines: dict[Plain, Count] = Field({}, json_schema_extra=CLOSED)
    template: TemplateDoc | None = None


class FormIn(FormDoc):
    """A form to save; `version` (or the `If-Match` header) is the version it was edited from.
    `indicator_keys`, as read, keeps each row's identity for merges (docs/editing.md)."""

    version: Count | None = None
    indicator_keys: list[Plain] | None = None


class CommentOut(Schema):
    """A comment (审核意见) as read: a thread's first (`parent` null) or a reply; its place is
    `field`, `indicator_key` (the row's key; `indicator` its index today, null when the row was
    deleted: `row_deleted`) or neither (the whole form); `resolved` is its thread's."""

    id: int
    parent: int | None
    kind: Literal[tuple(Kind.values)]  # type: ignore[valid-type]
    text: str
    field: str | None
    indicator_key: str | None
    indicator: int | None
    row_deleted: bool
    user: str
    role: str | None
    at: datetime
    version: int | None
    revision: int
    resolved: bool


class CommentIn(Schema):
    """A comment to write: on the whole form, a `field` or a row (`indicator_key`, as read in
    `indicator_keys`), or a reply to `parent` (a reply is at its thread's place)."""

    text: Annotated[Plain, Field(min_length=1, max_length=MAX_TEXT)]
    field: Literal[FIELDS] | None = None  # type: ignore[valid-type]
    indicator_key: Annotated[Plain, Field(max_length=_longest(Comment, "indicator_key"))] | None = (
        None
    )
    parent: Annotated[int, Field(ge=1, le=MAX_ID), BeforeValidator(number)] | None = None


class FormOut(FormDoc):
    funds: FundsOut
    id: int
    status: str = Field(
        description="阶段：draft、submitted、dept_approved、expert_review、approved、published"
    )
    version: int
    revision: int = Field(description="调整次数：0 为年初申报")
    returned: bool = Field(description="退回后尚未再次提交的草稿")
    published_versions: int = Field(description="已公开的版本数；公众看到最新的一版")
    indicator_keys: list[str]
    comments: list[CommentOut]


class FormItem(Schema):
    id: int
    project_name: str | None
    implementing_unit: str | None
    unit: int
    unit_name: str
    budget_year: int | None
    status: str
    version: int
    score: str | None
    grade: str
    finding_count: int
    request_yuan: str | None
    updated_at: datetime


class FormList(Schema):
    count: int
    items: list[FormItem]


class Difference(Schema):
    field: str = Field(
        description="字段（funds.annual_request）、指标行的键、__order__ 或 __table__"
    )
    label: str
    kind: str
    base: Any = None
    theirs: Any = None
    yours: Any = None
    merged: Any = None
    clash: bool


class ConflictOut(Error):  # the error body, and what a conflict adds to it
    version: int = Field(description="现在的版本：核对后以此版本再次保存")
    differences: list[Difference]


class Event(Schema):
    user: str
    at: datetime
    action: str
    comment: str
    version: int | None


class TransitionIn(Schema):
    action: Action
    comment: Annotated[Plain, Field(max_length=2000)] = ""


class BlockedOut(Error):
    """A refused action: its stage does not allow it (`wrong_state`), or a rule of passage holds
    it back (`has_errors`, `needs_explanation`, `comment_required`, `needs_expert_review`,
    `round_under_way`); `findings` the review's messages behind it."""

    findings: list[str] = []


class TransitionOut(Schema):
    status: str
    version: int


class Place(Schema):
    field: str | None = None
    indicator: int | None = None
    line: int | None = None


class Basis(Schema):
    text: str
    setting: str | None = None


class FindingDoc(Schema):
    rule: str
    category: str
    severity: str
    message: str
    hint: str
    location: Place
    basis: Basis
    en: dict[str, str]
    suggestion: dict[str, Any] | None = None
    related_forms: list[int] | None = None


class ImportNote(Schema):
    code: str
    message: str
    line: int | None = None


class FormReviewDoc(Schema):
    seq: int
    source: int
    project_name: str | None
    score: float
    grade: str
    criteria_scores: dict[str, float]
    requested_yuan: str | None
    findings: list[FindingDoc]
    import_notes: list[ImportNote]


class ReviewDoc(Schema):
    """`jixiao/review@1` (docs/review.md) of one form."""

    schema_: str = Field(alias="schema")
    settings: str
    sources: list[str]
    forms: list[FormReviewDoc]
    summary: dict[str, Any]
