"""Score sheets (评分表) of expert rounds and the round's results (docs/workflow.md, "Expert
rounds"). The sheet's criteria, bounds, total and grade are the core's (`jixiao.experts.sheet`);
the statistics per form too (`jixiao.experts.stats`). Here they are stored, frozen when handed
in, and written to an xlsx workbook through the formula guard (`no_formulas`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from jixiao.experts import sheet as core
from jixiao.experts.stats import FormStats, form_stats
from jixiao.exporters.no_formulas import append_row
from jixiao.review.criteria import Criterion
from jixiao.review.engine import default_settings
from jixiao_web.bilingual import english
from jixiao_web.experts.models import Assignment, Round
from jixiao_web.forms.models import Form
from jixiao_web.services import notices


class Frozen(Exception):
    """The sheet was handed in (or its round closed): it is read-only."""


class Incomplete(Exception):
    """A sheet handed in with scores missing."""


def criterion_name(criterion: Criterion) -> str:
    """The criterion's name in the language of the page (its English in English mode)."""
    return criterion.english if english() else criterion.name


def lines() -> list[core.Line]:
    """The sheet's criteria with their weights, from the review's settings."""
    return core.lines(default_settings())


def save(assignment: Assignment, data: Mapping[str, Any], hand_in: bool) -> core.Sheet:
    """Store what was typed (`score_<code>`, `comment_<code>`); hand it in when asked and every
    score is given. A bad score raises the core's `InputError` and nothing is stored."""
    scores = {ln.criterion.code: data.get(f"score_{ln.criterion.code}", "") for ln in lines()}
    comments = {ln.criterion.code: data.get(f"comment_{ln.criterion.code}", "") for ln in lines()}
    read = core.read_sheet(scores, comments, default_settings())
    if hand_in and not read.complete:
        raise Incomplete(_("提交前请为每项准则评分。"))
    with transaction.atomic():
        rows = Assignment.objects.filter(
            pk=assignment.pk, submitted_at__isnull=True, round__state=Round.State.OPEN
        )
        changed = rows.update(
            scores={k: None if v is None else str(v) for k, v in read.scores.items()},
            comments=dict(read.comments),
            total=read.total if read.complete else None,
            submitted_at=timezone.now() if hand_in else None,
        )
        if not changed:
            raise Frozen
        if hand_in:
            _tell_done(assignment)
    return read


def _tell_done(assignment: Assignment) -> None:
    """When the last sheet of a form is in, its round's creator hears that finance may approve."""
    left = Assignment.objects.filter(
        round_id=assignment.round_id, form_id=assignment.form_id, submitted_at__isnull=True
    )
    if left.exists() or assignment.round.created_by is None:
        return
    form = assignment.form
    text = _("“%(name)s”的专家评分已全部提交，可以批复。") % {
        "name": form.project_name or f"#{form.pk}"
    }
    link = reverse("forms:detail", args=[form.pk])
    notices.notify([assignment.round.created_by], "round_done", text, form, link)


def stored(assignment: Assignment) -> dict[str, Decimal | None]:
    """The stored scores as Decimals, by criterion code."""
    return {
        code: None if value in (None, "") else Decimal(value)
        for code, value in (assignment.scores or {}).items()
    }


@dataclass
class FormResult:
    """One form's results in a round: its sheets and the statistics of those handed in."""

    form: Form
    sheets: list[Assignment] = field(default_factory=list)
    stats: FormStats[int] | None = None

    def disagrees(self, sheet: Assignment) -> bool:
        return self.stats is not None and sheet.pk in self.stats.disagreeing


def results(round_: Round) -> list[FormResult]:
    """Per form of the round (in order of id): its sheets and their statistics by sheet id."""
    found: dict[int, FormResult] = {
        f.pk: FormResult(f)
        for f in Form.objects.filter(round_entries__round=round_)
        .select_related("unit")
        .order_by("pk")
    }
    sheets = (
        Assignment.objects.filter(round=round_)
        .select_related("expert")
        .order_by("expert__username")
    )
    codes = [ln.criterion.code for ln in lines()]
    for a in sheets:
        a.score_list = [stored(a).get(code) for code in codes]  # in the criteria's order
        if a.form_id in found:
            found[a.form_id].sheets.append(a)
    for result in found.values():
        totals = {a.pk: a.total for a in result.sheets if a.submitted_at and a.total is not None}
        result.stats = form_stats(totals, round_.margin)
    return list(found.values())


def workbook(round_: Round) -> bytes:
    """The results as xlsx: one row per form and expert, with each criterion's score and comment."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("评审结果"))
    append_row(sheet, _header())
    settings = default_settings()
    for result in results(round_):
        for a in result.sheets:
            append_row(sheet, _row(result, a, settings))
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def _header() -> list[str]:
    head = [_("项目名称"), _("实施单位"), _("审核得分"), _("审核等级"), _("专家"), _("状态")]
    for ln in lines():
        name = criterion_name(ln.criterion)
        head += [f"{name}（{ln.weight}）", f"{name} · {_('意见')}"]
    return [*head, _("总分"), _("等级"), _("平均分"), _("极差"), _("标准差"), _("分歧")]


def _row(result: FormResult, a: Assignment, settings: Any) -> list[Any]:
    form = result.form
    scores = stored(a)
    row: list[Any] = [form.project_name, form.unit.name, form.score, form.grade]
    row += [a.expert.get_username(), _("已提交") if a.submitted_at else _("未提交")]
    for ln in lines():
        row += [scores.get(ln.criterion.code), (a.comments or {}).get(ln.criterion.code, "")]
    stats = result.stats
    row += [a.total, core.grade(a.total, settings) if a.total is not None else ""]
    row += [stats.mean, stats.spread, stats.deviation] if stats else [None, None, None]
    return [*row, _("是") if result.disagrees(a) else ""]
