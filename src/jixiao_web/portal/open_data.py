"""Open data: the published forms of a budget year as files, without login (docs/api.md, "Open
data · 开放数据").

- `forms.json`: canonical JSON `jixiao/forms@1`, written by the core's JSON exporter;
- `indicators.csv`: one row per indicator (`jixiao.exporters.indicator_table`);
- `datapackage.json`: a Frictionless Data Package (v1) describing both, with their sizes and
  SHA-256 digests and the CSV's Table Schema.

"Published" is the portal's notion (`portal.views.published`). The files are written a form at
a time as they are sent, so memory does not grow with the year. A year is known by the ids of
its published forms and of their current publications: only a publication changes what the
public sees (a revision under way does not), so their digest is the files' ETag and a mirror
polling with If-None-Match gets 304 without the files being written.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from ninja.throttling import AnonRateThrottle

from jixiao import __version__
from jixiao.domain.bounds import MAX_YEAR
from jixiao.domain.form import Form as CoreForm
from jixiao.exporters import get_exporter
from jixiao.exporters.indicator_table import INDICATOR_TABLE, table_schema
from jixiao.interchange import Batch
from jixiao.pieces import FormLayout
from jixiao_web.errors import not_found
from jixiao_web.portal.views import published
from jixiao_web.rates import SharedRateThrottle
from jixiao_web.services.forms import published_core

MAX_AGE = 300  # seconds a mirror or a proxy may keep a file without asking again
CHUNK = 200  # forms read from the database at a time
MEASURED_SECONDS = 24 * 3600  # how long the cache keeps a file's size and digest (per ETag)


@dataclass(frozen=True)
class Year:
    """The published forms of one budget year, in the portal's order, and their ETag."""

    year: int
    ids: list[int]
    digest: str  # of the forms' ids and their publications' ids

    @property
    def etag(self) -> str:
        return f'"{self.digest}"'


def year_of(year: int) -> Year | None:
    """The year's published forms; None when there are none (or the year cannot be one)."""
    if year > MAX_YEAR:
        return None
    order = ("unit__name", "seq", "id")
    rows = list(
        published()
        .filter(publication__budget_year=year)
        .order_by(*order)
        .values_list("id", "publication_id")
    )
    if not rows:
        return None
    known = ";".join(f"{pk}:{publication}" for pk, publication in rows)
    digest = hashlib.sha256(f"jixiao {__version__}|{year}|{known}".encode()).hexdigest()
    return Year(year, [pk for pk, _ in rows], digest[:40])


def core_forms(ids: list[int]) -> Iterator[CoreForm]:
    """The core forms of `ids`, in that order, read a chunk at a time; a form withdrawn since
    the ids were read is left out. The documents the forms came from are not public: each
    form's `source` is 0 of no sources."""
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        rows = published().filter(pk__in=chunk).in_bulk()
        for pk in chunk:
            if pk in rows:
                yield published_core(rows[pk].publication).with_changes(source=0)


def written(layout: FormLayout, year: Year) -> Iterator[bytes]:
    """The year's file written by `layout` (a core exporter's), a form at a time."""
    return layout.document(Batch(), lambda: (layout.piece(f, ()) for f in core_forms(year.ids)))


def forms_layout() -> FormLayout:
    layout = get_exporter("json").layout
    assert layout is not None  # the canonical JSON exporter writes form by form
    return layout


# The files of a year: name → (media type, Frictionless format, layout).
FILES: dict[str, tuple[str, str, Callable[[], FormLayout]]] = {
    "forms.json": ("application/json", "json", forms_layout),
    "indicators.csv": ("text/csv", "csv", lambda: INDICATOR_TABLE),
}


class OpenDataThrottle(SharedRateThrottle, AnonRateThrottle):
    """`JIXIAO_OPEN_DATA_RATE` per client address (ninja's `get_ident`), counted in the shared
    cache like the API's rate (`jixiao_web.rates`)."""

    scope = "open_data"
    setting = "JIXIAO_OPEN_DATA_RATE"


THROTTLE = OpenDataThrottle()  # serves every thread: it keeps nothing of a request on itself


def throttled(request: HttpRequest) -> HttpResponse | None:
    """The 429 page when the address has used up JIXIAO_OPEN_DATA_RATE, else None."""
    if THROTTLE.allow_request(request):
        return None
    wait = math.ceil(THROTTLE.wait() or 1)
    message = _("请求过于频繁：开放数据每个地址每段时间可请求的次数有限，请 %(s)s 秒后再试。")
    response = render(request, "error.html", {"message": message % {"s": wait}}, status=429)
    response["Retry-After"] = str(wait)
    return response


def open_file(view: Callable[[HttpRequest, Year], HttpResponse]) -> Callable[..., HttpResponse]:
    """A view of one file of a year: throttled per address, 404 (the site's page) for a year
    with nothing published, 304 when the caller has the current version, and the headers that
    let anyone's browser script and mirror read and cache it."""

    @require_safe  # GET and HEAD: the files are read, never sent to
    def wrapped(request: HttpRequest, year: int) -> HttpResponse:
        response = throttled(request) or _answer(request, year, view)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _answer(request: HttpRequest, year: int, view: Callable[..., HttpResponse]) -> HttpResponse:
    found = year_of(year)
    if found is None:
        return not_found(request)
    response = get_conditional_response(request, etag=found.etag) or view(request, found)
    response["ETag"] = found.etag
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response


def _stream(name: str, year: Year) -> StreamingHttpResponse:
    media_type, _format, layout = FILES[name]
    content_type = f"{media_type}; charset=utf-8"
    return StreamingHttpResponse(written(layout(), year), content_type=content_type)


@open_file
def forms_json(request: HttpRequest, year: Year) -> HttpResponse:
    return _stream("forms.json", year)


@open_file
def indicators_csv(request: HttpRequest, year: Year) -> HttpResponse:
    return _stream("indicators.csv", year)


@open_file
def datapackage(request: HttpRequest, year: Year) -> HttpResponse:
    return JsonResponse(package(year), json_dumps_params={"ensure_ascii": False, "indent": 2})


def measured(pieces: Iterable[bytes]) -> tuple[int, str]:
    """The size and SHA-256 digest of a file written in pieces, without holding it."""
    digest, size = hashlib.sha256(), 0
    for piece in pieces:
        digest.update(piece)
        size += len(piece)
    return size, digest.hexdigest()


def resource(name: str, year: Year) -> dict[str, Any]:
    """A Data Resource: where the file is (beside the package), what it is, its size and hash."""
    media_type, format_, layout = FILES[name]
    # Writing a large year's files takes seconds: their size and digest are kept in the cache
    # under the ETag, which names the year's content (a new version is a new key).
    key = f"jixiao-open-data:{year.year}:{name}:{year.digest}"
    size, digest = cache.get_or_set(
        key, lambda: measured(written(layout(), year)), MEASURED_SECONDS
    )
    return {
        "name": name.split(".")[0],
        "path": name,
        "format": format_,
        "mediatype": media_type,
        "encoding": "utf-8",
        "bytes": size,
        "hash": f"sha256:{digest}",
    }


def package(year: Year) -> dict[str, Any]:
    """The Data Package (Frictionless Data v1) of a year's files."""
    forms = resource("forms.json", year)
    forms.update(
        profile="data-resource",
        title="绩效目标表（jixiao/forms@1） · Goal forms",
        description="公开的项目支出绩效目标表，jixiao 的规范 JSON 格式（docs/imports.md）。",
    )
    table = resource("indicators.csv", year)
    table.update(
        profile="tabular-data-resource",
        title="绩效指标（每指标一行） · Indicators, one row each",
        description="公开表单的全部绩效指标，含原文指标值及解析出的比较符、数值、单位。",
        schema=table_schema(),
    )
    return {
        "profile": "data-package",
        "name": f"jixiao-published-goals-{year.year}",
        "title": f"{year.year} 年度公开的项目支出绩效目标 · Published performance goals {year.year}",
        "licenses": [{"name": settings.JIXIAO_OPEN_DATA_LICENSE}],
        "resources": [forms, table],
    }
