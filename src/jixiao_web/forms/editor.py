"""The form editor: every field, indicator rows, live target parsing, safe concurrent saves."""

from __future__ import annotations

import json
from collections.abc import Collection, Sequence
from itertools import chain
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from jixiao.domain import Form as CoreForm
from jixiao.domain import parse_target
from jixiao.domain.form import FUNDS_FIELDS, FUNDS_LABELS
from jixiao.domain.paper import editable_columns
from jixiao.domain.taxonomy import CLASSIC, MOF2021
from jixiao_web import errors
from jixiao_web.accounts import permissions as perm
from jixiao_web.forms.models import Form, Status
from jixiao_web.params import MAX_INT, int_param
from jixiao_web.reviews.models import Finding
from jixiao_web.services import editing, units
from jixiao_web.services.differences import differences
from jixiao_web.services.forms import to_core

# The periods a row may be of, as the editor's choice says them (a row of no period: blank).
PERIOD_NAMES = {"midterm": gettext_lazy("中期"), "annual": gettext_lazy("本年度")}


def taxonomy() -> dict[str, list[str]]:
    """Level-1 headings and their level-2 headings, both schemes merged, in paper order."""
    merged: dict[str, list[str]] = {}
    for scheme in (CLASSIC, MOF2021):
        for level1, children in scheme.headings.items():
            merged.setdefault(level1, [])
            merged[level1] += [c for c in children if c not in merged[level1]]
    return merged


def _rows(
    form: Any,
    keys: Sequence[str],
    clashes: Collection[str] = frozenset(),
    extras: Sequence[str] = (),
) -> list[dict[str, Any]]:
    """The editor's rows; each carries its key in its hidden meta, so it keeps it when saved;
    its period and the further columns `extras` are shown to edit (`paper.editable_columns`)."""
    return [
        {
            "level1": i.level1 or "",
            "level2": i.level2 or "",
            "name": i.name,
            "target": i.target,
            "period": i.period or "",
            "extras": [(name, i.extra.get(name, "")) for name in extras],
            "parsed": parse_target(i.target),
            "meta": json.dumps(
                {
                    "key": key,
                    "source_lines": list(i.source_lines),
                    "period": i.period,
                    "extra": dict(i.extra),
                },
                ensure_ascii=False,
            ),
            "clash": key in clashes,
        }
        for i, key in zip(form.indicators, keys, strict=True)
    ]


def _values(form: Any) -> dict[str, Any]:
    values = {n: getattr(form, n) or "" for n in editing.TEXT_INPUTS}
    values.update({n: "" if v is None else v for n, v in form.funds.items()})
    values.update(
        budget_year=form.budget_year or "",
        planned_start=form.planned_start.isoformat() if form.planned_start else "",
        planned_end=form.planned_end.isoformat() if form.planned_end else "",
        funds_unit=form.funds.unit,
    )
    return values


def _post_values(post: Any) -> dict[str, Any]:
    keys = (
        *editing.TEXT_INPUTS,
        *FUNDS_FIELDS,
        "budget_year",
        "planned_start",
        "planned_end",
        "funds_unit",
    )
    return {k: post.get(k, "") for k in keys}


def _post_rows(post: Any, extras: Sequence[str]) -> list[dict[str, Any]]:
    cols = [post.getlist(f"ind-{c}") for c in ("level1", "level2", "name", "target", "meta")]
    periods = post.getlist("ind-period")
    further = [post.getlist(f"ind-extra-{j}") for j in range(len(extras))]
    return [
        {
            "level1": a,
            "level2": b,
            "name": c,
            "target": d,
            "parsed": parse_target(d),
            "meta": e,
            "period": periods[n] if n < len(periods) else "",
            "extras": [
                (name, column[n] if n < len(column) else "")
                for name, column in zip(extras, further, strict=True)
            ],
        }
        for n, (a, b, c, d, e) in enumerate(zip(*cols, strict=False))
    ]


def _render(
    request: HttpRequest,
    obj: Form,
    status: int | None = None,
    columns: tuple[tuple[str, ...], list[str]] = ((), []),
    **context: Any,
) -> HttpResponse:
    context.setdefault("version", obj.version)
    periods, extras = columns
    context.update(
        periods=[(p, PERIOD_NAMES[p]) for p in periods],
        extra_names=extras,
    )
    context["findings"] = (
        Finding.objects.filter(run_id=obj.review_run_id, form=obj) if obj.review_run_id else []
    )
    headings = taxonomy()
    context.update(
        obj=obj,
        taxonomy=headings,
        heading_names={h: _(h) for h in {*headings, *chain(*headings.values())}},
        blank_row={
            "level1": "",
            "level2": "",
            "name": "",
            "target": "",
            "meta": "",
            "period": "",
            "extras": [(name, "") for name in extras],
        },
        funds_labels=[(n, FUNDS_LABELS[n]) for n in FUNDS_FIELDS],
    )
    if status is None:
        status = 409 if "conflict" in context else 422 if context.get("errors") else 200
    return render(request, "forms/edit.html", context, status=status)


def _show_conflict(request: HttpRequest, obj: Form, conflict: editing.Conflict) -> HttpResponse:
    """The merge, not saved: the differences above, the merged form in the editor below."""
    diffs = differences(conflict.merged)
    columns = editable_columns(conflict.form)
    return _render(
        request,
        obj,
        columns=columns,
        conflict=diffs,
        version=conflict.current_version,
        values=_values(conflict.form),
        rows=_rows(conflict.form, conflict.merged.keys, diffs.clash_keys, columns[1]),
    )


@login_required
def form_edit(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(Form.objects.select_related("unit"), pk=pk)
    if obj.status != Status.DRAFT and perm.edits_drafts(request.user, obj):
        messages.error(request, not_draft_message(obj))
        return redirect("forms:detail", pk=obj.pk)
    perm.require(perm.can_edit(request.user, obj))
    stored = sorted(obj.indicators.all(), key=lambda row: row.position)
    original = to_core(obj, stored)
    columns = editable_columns(original)
    if request.method != "POST":
        rows = _rows(original, [row.key for row in stored], extras=columns[1])
        return _render(request, obj, columns=columns, values=_values(original), rows=rows)
    parsed = editing.parse_post(request.POST, original)
    again = {
        "columns": columns,
        "values": _post_values(request.POST),
        "rows": _post_rows(request.POST, columns[1]),
    }
    if parsed.form is None:
        return _render(request, obj, errors=parsed.errors, **again)
    try:
        # no version: merged against nothing, so every change the other side made clashes
        version = int_param(request.POST, "version", MAX_INT) or 0
        saved = editing.save(obj, parsed.form, parsed.keys, version, request.user)
    except units.UnitRefused as exc:  # refused before anything was written
        return _render(request, obj, 403, errors={"implementing_unit": str(exc)}, **again)
    except OperationalError as exc:  # the database stayed busy: keep what the user typed
        if not errors.is_busy(exc):
            raise
        busy = _("数据库正忙（其他人正在导入大量数据），您的修改尚未保存。请稍后再点击“保存”。")
        return _render(request, obj, 503, errors={"database": busy}, **again)
    except editing.Conflict as conflict:
        return _show_conflict(request, obj, conflict)
    except editing.Frozen:  # submitted meanwhile: keep what the user typed, say why
        obj.refresh_from_db(fields=["status"])
        return _render(request, obj, 409, errors={"status": not_draft_message(obj)}, **again)
    if saved.merged:
        messages.success(request, _("已与他人同时所做的修改合并并保存，并已重新审核。"))
    else:
        messages.success(request, _("已保存，并已重新审核。"))
    return redirect("forms:detail", pk=obj.pk)


def not_draft_message(obj: Form) -> str:
    """Why a form that is no draft is not edited, and what to do (docs/workflow.md)."""
    status = obj.get_status_display()
    if obj.status == Status.SUBMITTED:
        hint = _("如需修改，请先撤回。")
    elif obj.status == Status.PUBLISHED:
        hint = _("如需修改，请点击“调整（新版本）”。")
    else:
        hint = _("如需修改，请联系审核人退回。")
    return _("表单当前状态为“%(status)s”，只有草稿可以编辑。") % {"status": status} + hint


@login_required
def target_preview(request: HttpRequest) -> HttpResponse:
    """The target as parsed while it is typed (htmx): operator, value, unit, kind."""
    raw = request.GET.get("ind-target", "")
    return render(request, "forms/_target.html", {"parsed": parse_target(raw)})


@require_POST
@login_required
def form_new(request: HttpRequest) -> HttpResponse:
    """A new, empty draft of the user's unit (or of no unit yet, for the administrator)."""
    perm.require(perm.can_create(request.user))
    own = perm.own_unit(request.user)
    blank = CoreForm(
        seq=1,
        title="财政项目支出绩效目标填报表",
        budget_year=timezone.localdate().year,
        implementing_unit=own.name if own else None,
        supervising_department=own.parent.name if own and own.parent_id else None,
    )
    obj = editing.create(blank, request.user)  # filed under the user's unit, which it names
    return redirect("forms:edit", pk=obj.pk)
