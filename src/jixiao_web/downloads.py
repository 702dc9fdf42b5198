"""Downloads: every file the app sends is an attachment named the same way (docs/exports.md,
*File names*): the full name in `filename*` (RFC 5987, UTF-8), and an ASCII `filename` beside it
for clients that read only that one."""

from __future__ import annotations

from urllib.parse import quote

from django.http import HttpResponse

from jixiao.filenames import ascii_fallback


def attachment(data: bytes, media_type: str, name: str, fallback: str) -> HttpResponse:
    """`data` as a download named `name`; `fallback` (ASCII) names it for old clients."""
    response = HttpResponse(data, content_type=media_type)
    response["Content-Disposition"] = disposition(name, fallback)
    return response


def disposition(name: str, fallback: str) -> str:
    """The `Content-Disposition` of a download named `name`."""
    plain = ascii_fallback(name, fallback)
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}"
