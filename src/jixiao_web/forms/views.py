"""Form pages: list (search, filters, sort, pages, xlsx), detail (the paper layout), actions."""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jixiao import templates
from jixiao.domain import Form as CoreForm
from jixiao.domain import Source
from jixiao.domain.form import FUNDS_FIELDS, Funds
from jixiao.domain.paper import (
    SOURCE,
    STANDARD,
    Cell,
    Table,
    form_table,
    indicator_place,
    resolve_template,
    subheading,
)
from jixiao.errors import JixiaoError
from jixiao.exporters import exporters, get_exporter
from jixiao.exporters.xlsx_export import MEDIA_TYPE as XLSX
from jixiao.interchange import Batch
from jixiao.review import grades
from jixiao.review.model import category_labels
from jixiao.review.places import by_place, unplaced
from jixiao.templates import Template
from jixiao_web.accounts import permissions as perm
from jixiao_web.bilingual import grade_name, local
from jixiao_web.comments.models import Comment, Kind
from jixiao_web.downloads import attachment
from jixiao_web.forms import batch
from jixiao_web.forms.models import Form, Status
from jixiao_web.forms.templatetags.display import amount
from jixiao_web.params import MAX_INT, int_param
from jixiao_web.reviews.models import Finding
from jixiao_web.services import comments, listing, workflow, xlsx
from jixiao_web.services.batch import MAX_FORMS
from jixiao_web.services.forms import to_core
from jixiao_web.services.todo import TODOS
from jixiao_web.units.models import BudgetYear

PAGE_SIZE = 50
LIST_COLUMNS = (
    "budget_year",
    "project_name",
    "unit__name",
    "request_yuan",
    "status",
    "score",
    "grade",
    "finding_count",
)


@login_required
def form_list(request: HttpRequest) -> HttpResponse:
    visible = perm.visible_forms(request.user)
    forms = listing.apply(visible, request.GET, request.user)
    actions = batch.actions_for(request.user)
    number = int_param(request.GET, "page", MAX_INT)
    page = listing.page_of(forms, number, PAGE_SIZE, LIST_COLUMNS)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "query": query.urlencode(),
        "params": request.GET,
        "years": [(y, y) for y in BudgetYear.objects.values_list("year", flat=True)],
        "units": listing.units_for(visible).values_list("pk", "name"),
        "grades": [(g, grade_name(g)) for g in grades()],
        "statuses": Status.choices,
        "categories": category_labels(get_language() or "zh").items(),
        "sorts": listing.SORT_LABELS,
        "todo": TODOS.get(request.GET.get("todo") or ""),
        "batch_actions": actions,
        "batch_max": MAX_FORMS,
        "batch_rounds": batch.open_rounds() if "round" in dict(actions) else [],
        "detail_base": reverse("forms:list"),  # rows link to detail_base + pk: no reverse() per row
    }
    return render(request, "forms/list.html", context)


@login_required
def form_export(request: HttpRequest) -> HttpResponse:
    forms = listing.apply(
        perm.visible_forms(request.user), request.GET, request.user
    ).select_related("unit", "unit__parent")
    data = xlsx.workbook_bytes(forms.iterator(chunk_size=2000))
    return attachment(data, XLSX, "jixiao-forms.xlsx", "jixiao-forms.xlsx")


def _findings(form: Form) -> list[Finding]:
    if not form.review_run_id:
        return []
    return list(Finding.objects.filter(run_id=form.review_run_id, form=form))


def paper_context(
    form: Form, findings: list[Finding], core: CoreForm | None = None
) -> dict[str, object]:
    """The form's grid (`jixiao.domain.paper`) and its findings by place (`review.places`);
    findings at no place of the grid are shown above it (`general`). `core`: the content to
    show, when it is not the stored form's own (a publication's)."""
    core = to_core(form) if core is None else core
    table = with_amounts(form_table(core), core.funds)
    groups = by_place(findings, lambda f: f)
    return {
        "form": form,
        "title": core.title,
        "table": table,
        "year_line": subheading(core),
        "widths": [f"{w / sum(table.widths) * 100:.2f}" for w in table.widths],
        "by_place": groups,
        "general": unplaced(groups, table.places()),
        "source_template": resolve_template(core, SOURCE),
    }


def with_amounts(table: Table, funds: Funds) -> Table:
    """The table with its funds cells as amounts for people, all alike with their unit (the
    exports keep them as written: docs/exports.md)."""

    def shown(cell: Cell) -> Cell:
        value = getattr(funds, cell.place) if cell.place in FUNDS_FIELDS else None
        return cell if value is None else replace(cell, text=amount(value, funds.unit))

    rows = [replace(row, cells=tuple(shown(c) for c in row.cells)) for row in table.rows]
    return replace(table, rows=rows)


def _load(request: HttpRequest, pk: int) -> Form:
    form = get_object_or_404(
        # the document's bytes and the import report can be megabytes: read them only when asked
        Form.objects.select_related("unit", "unit__parent", "source_file", "import_batch").defer(
            "source_file__content", "import_batch__report"
        ),
        pk=pk,
    )
    perm.require(perm.can_view(request.user, form))
    return form


def template_shown(form: Form) -> dict[str, object] | None:
    """The template the form was read through, for its page: id, name (the id where the
    template is no longer known), confidence and runner-up (docs/templates.md)."""
    match = form.template
    if not match:
        return None
    known = templates.templates()
    found = known.get(match["id"])
    return {**match, "name": found.name if found is not None else match["id"]}


@login_required
def form_detail(request: HttpRequest, pk: int) -> HttpResponse:
    form = _load(request, pk)
    context = paper_context(form, _findings(form))
    context.update(
        can_edit=perm.can_edit(request.user, form),
        actions=perm.allowed_actions(request.user, form),
        blocked=request.session.pop("blocked", None),
        waiting=workflow.waiting(request.user, form),
        returned_by=_return_comment(form),
        history=comments.history(form, last=HISTORY_SHOWN)[::-1],
        exports=_exporters(context["source_template"]),
        template=template_shown(form),
        **_threads(request, form, context["table"].places()),
    )
    return render(request, "forms/detail.html", context)


HISTORY_SHOWN = 20  # the latest events and comments on the page; the API's /history has all


def _threads(request: HttpRequest, form: Form, shown: frozenset[str]) -> dict[str, object]:
    """The comments (审核意见) at their places on the paper table, those at no place of it
    (the whole form's, a deleted row's) apart, and where a new one is posted."""
    keys = comments.row_keys(form)
    groups = comments.placed(comments.threads(form, request.user, keys))
    return {
        "threads_by_place": groups,
        "general_threads": unplaced(groups, shown),
        "row_keys": {indicator_place(n): key for n, key in enumerate(keys)},
        "comment_url": reverse("forms:comment", args=[form.pk]),
    }


def _return_comment(form: Form) -> Comment | None:
    """The comment a returned draft came back with (its latest return)."""
    if not form.returned:
        return None
    return Comment.objects.filter(form=form, kind=Kind.RETURN).order_by("-id").first()


@login_required
def form_source(request: HttpRequest, pk: int) -> HttpResponse:
    form = _load(request, pk)
    source = form.source_file
    if source is None:
        return render(request, "error.html", {"message": _("此表单没有来源文档。")}, status=404)
    name = source.path.rsplit("/", 1)[-1]
    fallback = f"form-{form.pk}-source{PurePath(name).suffix}"
    return attachment(bytes(source.content), "application/octet-stream", name, fallback)


@require_POST
@login_required
def form_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    form = _load(request, pk)
    if action not in perm.ACTIONS:
        raise Http404
    # a role that may never take the action is refused; a stage that changed since the page
    # was loaded is said on the page (below)
    perm.require(perm.refusal(request.user, form, action) != "role")
    try:
        workflow.act(request.user, form, action, request.POST.get("comment", "")[:COMMENT_MAX])
    except workflow.WrongState:
        messages.error(request, _("状态已被他人更改，请刷新后再操作。"))
    except workflow.Blocked as held:
        # the reason and the findings behind it, on the page the user acted from
        request.session["blocked"] = {"message": held.message, "findings": held.findings[:50]}
        messages.error(request, held.message)
    else:
        messages.success(request, ACTION_DONE.get(action, _("状态已更新。")))
    return redirect("forms:detail", pk=form.pk)


COMMENT_MAX = 2000  # characters kept of an action's comment, as the API allows
ACTION_DONE = {
    "submit": gettext_lazy("已提交，等待主管部门审核。"),
    "withdraw": gettext_lazy("已撤回为草稿，可以继续修改。"),
    "return": gettext_lazy("已退回，填报单位会收到退回意见。"),
    "approve": gettext_lazy("已审核通过。"),
    "publish": gettext_lazy("已公开。"),
    "revise": gettext_lazy("已开始调整：修改后重新提交；在新版本公开前，公众仍看到原公开版本。"),
}


def _exporters(source: Template | None = None) -> list[dict[str, str]]:
    """Downloads offered by the core exporters (`jixiao.exporters`), in their menu order; where
    the form came in another template than the standard layout's, each paper layout once more
    in that template (原表样: docs/templates.md, *Writing forms back in their template*)."""
    offered = []
    for ident, cls in exporters().items():
        offered.append({"id": ident, "label": local(cls.label), "query": ""})
        if cls.paper and source is not None and source.id != templates.DEFAULT:
            label = _("%(format)s · 原表样（%(template)s）") % {
                "format": local(cls.label),
                "template": source.name,
            }
            offered.append({"id": ident, "label": label, "query": f"?template={SOURCE}"})
    return offered


@login_required
def form_download(request: HttpRequest, pk: int, identifier: str) -> HttpResponse:
    """One form in a format of the core exporters; the public PDF is rendered the same way."""
    form = _load(request, pk)
    layout = request.GET.get("template", STANDARD)
    if identifier not in exporters() or layout not in (STANDARD, SOURCE):
        raise Http404
    source = form.source_file
    sources = (Source(source.path, source.sha256, source.format),) if source else ()
    batch = Batch(sources, (to_core(form).with_changes(source=0),))
    try:
        name, media_type, data = get_exporter(identifier, layout).render(batch)
    except JixiaoError as exc:
        return render(request, "error.html", {"message": str(exc)}, status=422)
    extension = name.rpartition(".")[2]
    if layout == SOURCE:  # told apart from the standard layout's file of the same format
        name = f"{name.rpartition('.')[0]}-{SOURCE}.{extension}"
    plain = f"form-{form.pk}-{identifier}{'-' + SOURCE if layout == SOURCE else ''}.{extension}"
    return attachment(data, media_type, name, plain)
