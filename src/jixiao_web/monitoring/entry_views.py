"""A form's monitoring entry page: the unit's staff fill it in and hand it in; reviewers and
finance read it; finance returns a handed-in entry with a comment. The lights shown are those
of what is on the page (as saved, or as typed when a save was refused)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jixiao.evaluation.lights import LIKELIHOODS, REASONS
from jixiao.evaluation.monitoring import FormLights
from jixiao_web.accounts import permissions as perm
from jixiao_web.bilingual import local
from jixiao_web.forms.models import Form
from jixiao_web.monitoring import entries, sheets
from jixiao_web.monitoring.models import Entry, Round
from jixiao_web.monitoring.rounds import Refused, covered, return_entry
from jixiao_web.monitoring.templatetags.monitoring_tags import light_name
from jixiao_web.params import MAX_ID, int_param


def _found(request: HttpRequest, pk: int, form_pk: int) -> tuple[Round, Form]:
    """The round and one of its forms the user sees; anything else is not found."""
    perm.require(perm.sees_monitoring(request.user))
    round_ = get_object_or_404(Round, pk=pk)
    seen = perm.monitoring_forms(request.user).filter(pk__in=covered(round_).values("pk"))
    return round_, get_object_or_404(seen.select_related("unit"), pk=form_pk)


@login_required
def entry(request: HttpRequest, pk: int, form_pk: int) -> HttpResponse:
    round_, form = _found(request, pk, form_pk)
    if request.method == "POST":
        return _post(request, round_, form)
    stored = entries.entry_of(round_, form)
    return _render(request, round_, form, entries.typed_of(stored))


def _post(request: HttpRequest, round_: Round, form: Form) -> HttpResponse:
    sheet = sheets.base(form, round_.month)
    typed = sheets.from_post(request.POST, sheet)
    version = int_param(request.POST, "version", MAX_ID) or 0
    hand_in = "hand_in" in request.POST
    try:
        entries.save(request.user, round_, form, typed, version, hand_in)
    except entries.Invalid as bad:
        return _render(request, round_, form, typed, errors=bad.errors, version=version)
    except entries.Incomplete:
        text = _("未提交：红灯、黄灯指标须选择偏差原因并填写改进措施（见各行）。")
        return _render(request, round_, form, typed, error=text, version=version)
    except entries.Stale:
        text = _("未保存：他人已先保存了此监控表。您填写的内容仍在下方，请核对后再次保存。")
        current = entries.entry_of(round_, form)
        version = current.version if current else 0
        return _render(request, round_, form, typed, error=text, version=version, status=409)
    except entries.Frozen:
        messages.error(request, _("监控表已提交或批次已结束，不能再修改。"))
        return redirect("monitoring:entry", pk=round_.pk, form_pk=form.pk)
    messages.success(request, _("监控表已提交。") if hand_in else _("已保存（草稿）。"))
    return redirect("monitoring:entry", pk=round_.pk, form_pk=form.pk)


def _rows(lit: FormLights, errors: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {
            "i": i,
            "lit": r,
            "problems": [local(p) for p in r.problems],
            "errors": [v for k, v in errors.items() if k.startswith(f"row-{i}-")],
        }
        for i, r in enumerate(lit.rows)
    ]


def _render(
    request: HttpRequest,
    round_: Round,
    form: Form,
    typed: sheets.Typed,
    errors: dict[str, str] | None = None,
    error: str = "",
    version: int | None = None,
    status: int | None = None,
) -> HttpResponse:
    stored = entries.entry_of(round_, form)
    lit = sheets.lights(sheets.base(form, round_.month), typed)
    errors = errors or {}
    editable = _editable(request.user, round_, form, stored)
    context = {
        "round": round_,
        "form": form,
        "entry": stored,
        "typed": typed,
        "lit": lit,
        "rows": _rows(lit, errors),
        "errors": errors,
        "error": error,
        "version": (stored.version if stored else 0) if version is None else version,
        "editable": editable,
        "may_return": _may_return(request.user, round_, stored),
        "likelihoods": LIKELIHOODS,
        "reasons": REASONS,
    }
    refused = bool(errors or error)
    return render(
        request, "monitoring/entry.html", context, status=status or (422 if refused else 200)
    )


def _editable(user: Any, round_: Round, form: Form, stored: Entry | None) -> bool:
    draft = stored is None or stored.state == Entry.State.DRAFT
    return round_.state == Round.State.OPEN and draft and perm.enters_monitoring(user, form)


def _may_return(user: Any, round_: Round, stored: Entry | None) -> bool:
    handed_in = stored is not None and stored.state == Entry.State.HANDED_IN
    return handed_in and round_.state == Round.State.OPEN and perm.may_administer(user)


@require_POST
@login_required
def entry_return(request: HttpRequest, pk: int, form_pk: int) -> HttpResponse:
    round_, form = _found(request, pk, form_pk)
    perm.require(perm.may_administer(request.user))
    stored = get_object_or_404(
        Entry.objects.select_related("round", "form"), round=round_, form=form
    )
    try:
        return_entry(request.user, stored, request.POST.get("comment", ""))
    except Refused as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, _("已退回单位修改。"))
    return redirect("monitoring:entry", pk=round_.pk, form_pk=form.pk)


@require_POST
@login_required
def entry_lights(request: HttpRequest, pk: int, form_pk: int) -> JsonResponse:
    """The lights of what is typed on the page, by the core, for the page's script (nothing is
    stored)."""
    round_, form = _found(request, pk, form_pk)
    sheet = sheets.base(form, round_.month)
    lit = sheets.lights(sheet, sheets.from_post(request.POST, sheet))
    rows = [
        {
            "light": r.lit.light.value if r.lit else "",
            "word": light_name(r.lit.light if r.lit else ""),
            "problems": [local(p) for p in r.problems],
        }
        for r in lit.rows
    ]
    budget = lit.budget.light.value if lit.budget else ""
    return JsonResponse(
        {"light": lit.light.value if lit.light else "", "budget": budget, "rows": rows}
    )
