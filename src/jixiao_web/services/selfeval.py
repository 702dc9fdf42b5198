"""Self-evaluation (绩效自评) in the web app: what the unit typed, read into the core's table and
scored by the core (docs/evaluation.md, *Self-evaluation in the app*).

The web stores only the entries (`selfeval.SelfEval`); `table_of` is the one place they become
a `jixiao.evaluation.model.SelfEvaluation`, starting from `from_form(to_core(form))`, and
`evaluation_of` scores it with `jixiao.evaluation.evaluate`. Nothing here computes a score.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jixiao.domain.bounds import check_amount
from jixiao.domain.form import ANNUAL_PERIODS
from jixiao.domain.paper import heading_spans
from jixiao.domain.target import FIGURES
from jixiao.errors import InputError
from jixiao.evaluation import (
    Achievement,
    Evaluation,
    EvaluationSettings,
    SelfEvaluation,
    evaluate,
    from_form,
)
from jixiao.evaluation import evaluation_settings as core_settings
from jixiao.evaluation.model import FUNDS_LINES, EvalRow, FundsLine
from jixiao.evaluation.schema import form_json, two
from jixiao.importers import values
from jixiao_web.bilingual import local
from jixiao_web.forms import models as m
from jixiao_web.selfeval.models import SelfEval
from jixiao_web.services.forms import to_core

# The funds entries: 全年预算数 of the total, 全年执行数 of the total and of each part, in the
# order of `FUNDS_LINES` (the total first).
BUDGET = "budget"
SPENT = ("spent", "spent_appropriation", "spent_carryover", "spent_other")
FUND_KEYS = (BUDGET, *SPENT)
ROW_FIELDS = ("actual", "achievement", "score", "reason")  # and "applicable", a checkbox
# the core's figures named as the bounds' message says them (`jixiao.domain.bounds`)
FUND_NAMES = {BUDGET: "全年预算数", **{k: "全年执行数" for k in SPENT}}
TEXT_LONGEST = 5000  # characters of one entry: a deviation reason is a paragraph, not a file


@dataclass(frozen=True)
class Entries:
    """What the unit typed, as typed: funds and row texts; `rows` keyed by the goal row's key."""

    funds: Mapping[str, str]
    actual_goal: str
    rows: Mapping[str, Mapping[str, Any]]


@dataclass(frozen=True)
class Sheet:
    """A self-evaluation read into the core's table; `keys[i]` is the goal row of `table.rows[i]`;
    `errors` the entries that could not be read (field name → message), left out of the table."""

    table: SelfEvaluation
    keys: tuple[str, ...]
    errors: dict[str, str] = field(default_factory=dict)


def goal_rows(form: m.Form) -> list[m.Indicator]:
    """The goal form's stored rows that the table has, in its order: the annual ones, as
    `jixiao.evaluation.model.from_form` keeps them (a row of no period counts as annual)."""
    rows = sorted(form.indicators.all(), key=lambda r: r.position)
    return [r for r in rows if r.period in ANNUAL_PERIODS]


def entries_of(se: SelfEval) -> Entries:
    return Entries(dict(se.funds or {}), se.actual_goal, dict(se.rows or {}))


def table_of(se: SelfEval, entries: Entries | None = None) -> Sheet:
    """The table of `se` with `entries` (default: the stored ones) filled in."""
    entries = entries_of(se) if entries is None else entries
    stored = goal_rows(se.form)
    blank = from_form(to_core(se.form, se.form.indicators.all()))
    assert len(blank.rows) == len(stored)  # the same rows, in the same order
    errors: dict[str, str] = {}
    keys = tuple(r.key for r in stored)
    rows = tuple(
        _row(row, key, entries.rows.get(key) or {}, errors)
        for row, key in zip(blank.rows, keys, strict=True)
    )
    funds = _funds(blank.funds, entries.funds, errors)
    table = replace(
        blank, funds=funds, rows=rows, actual_goal=entries.actual_goal, budget_year=se.year
    )
    return Sheet(table, keys, errors)


def _funds(
    lines: Sequence[FundsLine], typed: Mapping[str, str], errors: dict[str, str]
) -> tuple[FundsLine, ...]:
    """The funds block: the total's 全年预算数 as typed (else the approved request), and each
    line's 全年执行数."""
    out = []
    for line, spent_key in zip(lines, SPENT, strict=True):
        budget = line.budget
        if line.label == FUNDS_LINES[0] and str(typed.get(BUDGET) or "").strip():
            budget = amount(BUDGET, typed.get(BUDGET), errors)
        out.append(
            replace(line, budget=budget, spent=amount(spent_key, typed.get(spent_key), errors))
        )
    return tuple(out)


def _row(row: EvalRow, key: str, typed: Mapping[str, Any], errors: dict[str, str]) -> EvalRow:
    level = str(typed.get("achievement") or "")
    return replace(
        row,
        actual=str(typed.get("actual") or ""),
        reason=str(typed.get("reason") or ""),
        applicable=typed.get("applicable", True) is not False,
        achievement=Achievement(level) if level in LEVEL_NAMES else None,
        stated_score=amount(f"row-{key}-score", typed.get("score"), errors, money=False),
    )


def amount(name: str, raw: Any, errors: dict[str, str], money: bool = True) -> Decimal | None:
    """A typed figure read as the importers read a cell (full-width digits and all); a money
    figure in 元 within the bounds every reader applies. Unreadable: None, and said."""
    text = str(raw or "").strip()
    if not text:
        return None
    value, unit = values.money(text)
    if value is None or (unit not in (None, "元") if money else unit is not None):
        errors[name] = _("不是数字：%(text)s") % {"text": text}
        return None
    if not money:
        return value
    try:
        return check_amount(value, field=FUND_NAMES.get(name, name), written=text)
    except InputError as exc:
        errors[name] = local(exc.text)
        return None


def settings_for(year: int) -> EvaluationSettings:
    """The scoring settings of `year` (the `[evaluation]` table of the review settings)."""
    return core_settings(None, budget_year=year)


def evaluation_of(sheet: Sheet, settings: EvaluationSettings | None = None) -> Evaluation:
    """The table scored by the core; `settings` when the caller scores many of one year (read
    once), else the table's year's."""
    if settings is None:
        year = sheet.table.budget_year
        settings = settings_for(year) if year else core_settings()
    return evaluate(sheet.table, settings)


def parse_post(post: Any, keys: Sequence[str]) -> tuple[Entries, dict[str, str]]:
    """The entries of a posted page (`selfeval/page.html`), for the goal rows `keys` only (a key
    the page did not show is ignored); texts too long to keep are refused, named."""
    errors: dict[str, str] = {}
    funds = {k: _text(post, f"funds-{k}", errors) for k in FUND_KEYS}
    rows = {key: _posted_row(post, key, errors) for key in keys}
    return Entries(funds, _text(post, "actual_goal", errors), rows), errors


def _posted_row(post: Any, key: str, errors: dict[str, str]) -> dict[str, Any]:
    row: dict[str, Any] = {f: _text(post, f"row-{key}-{f}", errors) for f in ROW_FIELDS}
    row["applicable"] = not post.get(f"row-{key}-na")
    return row


def _text(post: Any, name: str, errors: dict[str, str]) -> str:
    text = str(post.get(name, ""))
    if len(text) > TEXT_LONGEST:
        limits = {"most": TEXT_LONGEST, "n": len(text)}
        errors[name] = _("超过 %(most)s 字（%(n)s 字），未保存，请删减") % limits
    return text


def shown(ev: Evaluation, keys: Sequence[str]) -> dict[str, Any]:
    """The scored table as the pages show it and a publication freezes it: the core's JSON
    (`jixiao.evaluation.schema.form_json`, every figure a two-decimal string) with the goals,
    the funds block, each row's goal key and its findings at the row, the others apart."""
    data = form_json(ev)
    placed: dict[int, list[dict[str, Any]]] = {}
    general = []
    for finding in data["findings"]:
        at = finding["location"].get("indicator")
        (placed.setdefault(at, []) if at is not None else general).append(finding)
    # headings repeated down the rows merge as on paper, by the writers' one rule
    spans1, spans2 = heading_spans(
        [r["level1"] or None for r in data["rows"]], [r["level2"] or None for r in data["rows"]]
    )
    for i, row in enumerate(data["rows"]):
        row.update(key=keys[i], index=i, findings=placed.get(i, []))
        row.update(span1=spans1[i], span2=spans2[i])
        row["figure"] = ev.rows[i].target.kind in FIGURES
        row["ratio"] = two(ev.rows[i].ratio)
    data.update(
        expected_goal=ev.table.expected_goal,
        actual_goal=ev.table.actual_goal,
        funds=[_line(f, k) for f, k in zip(ev.table.funds, SPENT, strict=True)],
        general_findings=general,
    )
    return data


def _line(line: FundsLine, key: str) -> dict[str, Any]:
    """A line of the funds block; `key` names its 全年执行数 entry."""
    return {
        "key": key,
        "label": line.label,
        "initial": two(line.initial),
        "budget": two(line.budget),
        "spent": two(line.spent),
    }


# the levels of a qualitative row as the page names them (the core's words are the values)
LEVEL_NAMES = {
    Achievement.MET.value: gettext_lazy("达成"),
    Achievement.PARTLY.value: gettext_lazy("部分达成"),
    Achievement.NOT_MET.value: gettext_lazy("未达成"),
}

ROW_LABELS = {
    "actual": gettext_lazy("实际完成值"),
    "achievement": gettext_lazy("完成程度"),
    "score": gettext_lazy("自评得分"),
    "reason": gettext_lazy("偏差原因分析及改进措施"),
    "applicable": gettext_lazy("不适用"),
}


def place(sheet: Sheet, name: str) -> str:
    """Where an entry is, in the page's words: a funds cell by its column and line, a row's
    entry by its indicator's name and column (`parse_post`'s and `table_of`'s names)."""
    lines = dict(zip(SPENT, sheet.table.funds, strict=True))
    if name == BUDGET:
        return f"{_('全年预算数')}（{sheet.table.funds[0].label}）"
    if name in lines:
        return f"{_('全年执行数')}（{lines[name].label}）"
    for row, key in zip(sheet.table.rows, sheet.keys, strict=True):
        field_name = name.removeprefix(f"row-{key}-")
        if field_name != name and field_name in ROW_LABELS:
            return f"“{row.name}”{ROW_LABELS[field_name]}"
    return {"actual_goal": _("实际完成情况")}.get(name, name)


def differences(sheet: Sheet, mine: Entries, theirs: Entries) -> list[tuple[str, str, str]]:
    """The entries someone else saved otherwise than `mine` (a refused save, to compare before
    saving again): (where, theirs, mine), where in the page's words (`place`)."""
    pairs = [("actual_goal", theirs.actual_goal, mine.actual_goal)]
    pairs += [(k, *_both(theirs.funds, mine.funds, k)) for k in FUND_KEYS]
    for key in sheet.keys:
        other, own = theirs.rows.get(key) or {}, mine.rows.get(key) or {}
        pairs += [(f"row-{key}-{name}", *_both(other, own, name)) for name in ROW_LABELS]
    return [(place(sheet, name), a, b) for name, a, b in pairs if a != b]


def _both(theirs: Mapping[str, Any], mine: Mapping[str, Any], name: str) -> tuple[str, str]:
    """An entry of both sides as shown; "applicable" as the box reads (不适用 ticked or not)."""
    if name == "applicable":
        return _ticked(theirs), _ticked(mine)
    return str(theirs.get(name) or ""), str(mine.get(name) or "")


def _ticked(row: Mapping[str, Any]) -> str:
    return "✓" if row.get("applicable", True) is False else ""
