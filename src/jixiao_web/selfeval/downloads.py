"""Self-evaluation tables as files (docs/evaluation.md, *Exports*): drawn by the core's writer
(`jixiao.evaluation.writers.render_selfeval`), sent through `downloads.attachment`."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from jixiao.errors import JixiaoError
from jixiao.evaluation.writers import render_selfeval
from jixiao_web.accounts import permissions as perm
from jixiao_web.bilingual import local
from jixiao_web.downloads import attachment
from jixiao_web.selfeval.models import SelfEval
from jixiao_web.services import selfeval as entry
from jixiao_web.services import selfeval_flow as flow

# what the page offers: (format, label); the writer knows html too, the page shows the table
FORMATS = (("docx", "Word"), ("xlsx", "Excel"), ("pdf", "PDF"))


@login_required
def selfeval_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The table as it stands now, scored by the core, in `fmt`."""
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
