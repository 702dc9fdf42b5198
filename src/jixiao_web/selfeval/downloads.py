"""Self-evaluations as files (docs/evaluation.md, *Exports*): a table drawn by the core's writer
(`jixiao.evaluation.writers.render_selfeval`), the year summary by the core's workbook
(`jixiao.evaluation.summary.year_summary_xlsx`), both sent through `downloads.attachment`."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from jixiao.errors import JixiaoError
from jixiao.evaluation.settings import EvaluationSettings
from jixiao.evaluation.summary import SummaryRow, year_summary_xlsx
from jixiao.evaluation.writers import render_selfeval
from jixiao_web.accounts import permissions as perm
from jixiao_web.bilingual import local
from jixiao_web.downloads import attachment
from jixiao_web.monitoring.summary import red_lights
from jixiao_web.params import MAX_YEAR, int_param
from jixiao_web.selfeval.models import SelfEval
from jixiao_web.services import selfeval as entry
from jixiao_web.services import selfeval_flow as flow

# what the page offers: (format, label); the writer knows html too, the page shows the table
FORMATS = (("docx", "Word"), ("xlsx", "Excel"), ("pdf", "PDF"))


@login_required
def selfeval_download(request: HttpRequest, pk: int, identifier: str) -> HttpResponse:
    """The table as it stands now, scored by the core, in the format `identifier`."""
    fmt = identifier
    se = get_object_or_404(SelfEval.objects.select_related("form", "form__unit"), pk=pk)
    perm.require(flow.can_view(request.user, se))
    if fmt not in dict(FORMATS):
        raise Http404
    evaluation = entry.evaluation_of(entry.table_of(se))
    try:
        name, media_type, data = render_selfeval([evaluation], fmt)
    except JixiaoError as exc:
        return render(request, "error.html", {"message": local(exc.text)}, status=422)
    return attachment(data, media_type, name, f"selfeval-{se.pk}.{fmt}")


@login_required
def summary_download(request: HttpRequest) -> HttpResponse:
    """The year's self-evaluations the user sees (finance: all) as the core's summary workbook:
    a sheet of projects and a sheet of units, each table scored as it stands now, with the red
    lights of the year's latest monitoring round."""
    year = int_param(request.GET, "year", MAX_YEAR)
    shown = flow.visible(request.user).filter(year=year) if year is not None else None
    if shown is None or not shown.exists():
        message = _("没有该年度的绩效自评可以汇总。")
        return render(request, "error.html", {"message": message}, status=404)
    listed = list(_prefetched(shown))
    red = red_lights(year, [se.form_id for se in listed])
    settings = entry.settings_for(year)  # read once, not once per form
    rows = [_row(se, red.get(se.form_id, 0), settings) for se in listed]
    name, media_type, data = year_summary_xlsx(year, rows, settings)
    return attachment(data, media_type, name, f"selfeval-summary-{year}.xlsx")


def _prefetched(shown: QuerySet[SelfEval]) -> QuerySet[SelfEval]:
    """In the summary's order (unit, then the form's place), each form's rows fetched along."""
    ordered = shown.order_by("form__unit__name", "form__seq", "id")
    return ordered.prefetch_related("form__indicators")


def _row(se: SelfEval, red: int, settings: EvaluationSettings) -> SummaryRow:
    evaluation = entry.evaluation_of(entry.table_of(se), settings)
    return SummaryRow.of(evaluation, unit=se.form.unit.name, red_lights=red)
