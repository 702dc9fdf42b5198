"""Canonical JSON (`jixiao/forms@1`) back into a batch: what `jixiao import --format json` wrote.

The forms keep every field as written in the JSON, including the source locations it carries;
the batch's own source is the JSON file just read.
"""

from __future__ import annotations

from jixiao.domain.form import Source
from jixiao.errors import InputError
from jixiao.i18n import Text
from jixiao.importers import register
from jixiao.interchange import SCHEMA, Batch, CanonicalError, loads


def sniff_json(data: bytes, path: str) -> bool:
    """A JSON object naming the schema; or any JSON called .json, so that the reader can say
    what is wrong with it (not the schema, nested too deep) rather than find no form in text."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if path.lower().endswith(".json") and head.startswith((b"{", b"[")):
        return True
    return head.startswith(b"{") and SCHEMA.encode() in data[:65536]


@register("json", Text("JSON（jixiao/forms@1）", "JSON (jixiao/forms@1)"), (".json",), sniff_json)
def read_json(data: bytes, source: Source) -> Batch:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            Text(
                "JSON 文件不是 UTF-8 编码（第 {pos} 字节）", "JSON is not UTF-8 (byte {pos})"
            ).format(pos=exc.start),
            path=source.path,
        ) from None
    try:
        batch = loads(text)
    except CanonicalError as exc:
        raise InputError(Text(str(exc), str(exc)), path=source.path) from None
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise InputError(
            Text("JSON 结构无效：{e}", "invalid JSON structure: {e}").format(e=exc),
            path=source.path,
        ) from None
    forms = tuple(form.with_changes(source=0) for form in batch.forms)
    return Batch((source,), forms, batch.notes)
