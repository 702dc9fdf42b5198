"""Importers: bytes in, domain objects out. Pure: no Django, no database, no network.

Each format registers a reader with `@register`; `read_bytes` picks one by the name the caller
asks for, else by sniffing the content and the file name. Every reader returns a `Batch` with
one `Source` and the forms found, or a `FormStream` giving them one by one as they are read (so
that a command can write each before the next is read, docs/benchmarks.md), or raises
`InputError` saying what is wrong and where. `stream_bytes` gives any document as a stream,
`read_bytes` as a batch.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from jixiao.domain.form import Form, Note, Source
from jixiao.errors import InputError
from jixiao.i18n import Text
from jixiao.importers.labels import forget
from jixiao.interchange import Batch
from jixiao.plugins import Registry


@dataclass
class FormStream:
    """The forms of one document as they are read, each once. `notes` (on the whole document)
    is complete once `forms` is exhausted."""

    source: Source
    forms: Iterator[Form]
    notes: list[Note] = field(default_factory=list)

    def batch(self) -> Batch:
        forms = tuple(self.forms)  # first: reading them completes the notes
        return Batch(sources=(self.source,), forms=forms, notes=tuple(self.notes))


Reader = Callable[[bytes, Source], "Batch | FormStream"]
Sniffer = Callable[[bytes, str], bool]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def max_bytes() -> int:
    """The largest file accepted, in bytes (`JIXIAO_MAX_IMPORT_MB` changes it)."""
    value = os.environ.get("JIXIAO_MAX_IMPORT_MB")
    if not value:
        return DEFAULT_MAX_BYTES
    try:
        return int(float(value) * 1024 * 1024)
    except ValueError:
        raise InputError(
            Text(
                "环境变量 JIXIAO_MAX_IMPORT_MB 不是数字：{v}",
                "JIXIAO_MAX_IMPORT_MB is not a number: {v}",
            ).format(v=value)
        ) from None


@dataclass(frozen=True)
class Format:
    """A registered input format: its name, a label for people, the reader and its sniffer."""

    name: str
    label: Text  # what people call it (the import page, the report), never the code `name`
    extensions: tuple[str, ...]
    reader: Reader
    sniff: Sniffer


# The formats, sniffed in this order: the text reader last, as the fallback for any text.
FORMATS: Registry[Format] = Registry(
    "import format",
    modules=(
        "jixiao.importers.json_reader",
        "jixiao.importers.docx_reader",
        "jixiao.importers.xlsx_reader",
        "jixiao.importers.html_reader",
        "jixiao.importers.pdf_reader",
        "jixiao.importers.text_reader",
    ),
)


def register(
    name: str, label: Text, extensions: Iterable[str], sniff: Sniffer
) -> Callable[[Reader], Reader]:
    """Register a reader under `name` (`FORMATS`). A name registered twice is a programming error."""

    def decorate(reader: Reader) -> Reader:
        FORMATS.add(name, Format(name, label, tuple(extensions), reader, sniff), reader.__module__)
        return reader

    return decorate


def formats() -> dict[str, Format]:
    """Every format, in the order sniffers are tried."""
    return FORMATS.all()


def format_label(name: str) -> Text:
    """The human name of the format called `name`; an unknown (older) name as it is."""
    known = formats().get(name)
    return known.label if known else Text(name, name)


def detect_format(data: bytes, path: str) -> Format:
    known = formats()
    for fmt in known.values():
        if fmt.sniff(data, path):
            return fmt
    raise InputError(Text("无法识别的文件格式", "unrecognised file format"), path=path)


def check_size(size: int, path: str) -> None:
    """Refuse a file over the limit before anything reads it."""
    if size > max_bytes():
        raise InputError(
            Text(
                "文件过大（{size} MB，上限 {limit} MB；可设 JIXIAO_MAX_IMPORT_MB 调整）",
                "file too large ({size} MB, limit {limit} MB; set JIXIAO_MAX_IMPORT_MB to change)",
            ).format(size=round(size / 1048576, 1), limit=round(max_bytes() / 1048576, 1)),
            path=path,
        )


def read_bytes(data: bytes, path: str, format: str | None = None) -> Batch:
    """Read one document. `format` names a registered format; None means detect it."""
    return stream_bytes(data, path, format).batch()


def stream_bytes(
    data: bytes, path: str, format: str | None = None, sha256: str | None = None
) -> FormStream:
    """One document's forms as they are read (`read_bytes`, a form at a time). The size and
    the format are checked at once; what is wrong inside the document, as its form is read.
    `sha256`: the bytes' hash when the caller has it already. The stream holds `data` only
    until its reader has taken it (the text reader decodes it and lets it go)."""
    check_size(len(data), path)
    fmt = detect_format(data, path) if format is None else _named(format, path)
    sha256 = sha256 or hashlib.sha256(data).hexdigest()
    source = Source(path=path, sha256=sha256, format=fmt.name)
    stream = FormStream(source, iter(()))
    stream.forms = _guarded(fmt.reader, data, stream)
    return stream


def _named(format: str, path: str) -> Format:
    unknown = Text("未知格式：{f}（可用：{all}）", "unknown format: {f} (known: {all})")
    return FORMATS.require(format, unknown, path)


def _guarded(reader: Reader, data: bytes, stream: FormStream) -> Iterator[Form]:
    """The reader's forms, its errors naming the document, its label memos emptied at the end."""
    path = stream.source.path
    try:
        read = reader(data, stream.source)
        del data  # the reader has what it needs: a large document's bytes are not kept
        if isinstance(read, Batch):
            stream.notes.extend(read.notes)
            yield from read.forms
        else:
            yield from read.forms
            stream.notes.extend(read.notes)
    except InputError as exc:
        if exc.path:
            raise
        # raised by code every reader shares (a funds cell's bounds): name the document
        raise exc.within(path) from None
    finally:
        forget()


def read_limited(handle: BinaryIO, name: str) -> bytes:
    """The whole of `handle`, refused past the size limit. Devices and pipes (`/dev/zero`,
    `/dev/stdin`) have no size to check first: read one byte more than the limit and look."""
    limit = max_bytes()
    data = handle.read(max(limit, 0) + 1)
    if len(data) > limit:
        raise InputError(
            Text(
                "文件过大（超过上限 {limit} MB；可设 JIXIAO_MAX_IMPORT_MB 调整）",
                "file too large (over the limit of {limit} MB; set JIXIAO_MAX_IMPORT_MB to change)",
            ).format(limit=round(limit / 1048576, 1)),
            path=name,
        )
    return data


def read_path(path: str | Path, format: str | None = None) -> Batch:
    return read_bytes(read_file(path), str(path), format)


def read_file(path: str | Path) -> bytes:
    """The bytes of a file, device or pipe, within the size limit; InputError if unreadable."""
    name = str(path)
    try:
        check_size(os.path.getsize(name), name)  # a regular file: refused before any read
        with open(name, "rb") as handle:
            data = read_limited(handle, name)
    except FileNotFoundError:
        raise InputError(Text("文件不存在", "no such file"), path=name) from None
    except IsADirectoryError:
        raise InputError(
            Text("这是一个目录，不是文件", "is a directory, not a file"), path=name
        ) from None
    except PermissionError:
        raise InputError(Text("没有读取权限", "permission denied"), path=name) from None
    except OSError as exc:
        raise InputError(
            Text("无法读取：{e}", "cannot read: {e}").format(e=exc.strerror), path=name
        ) from None
    return data


def read_paths(paths: Iterable[str | Path], format: str | None = None) -> Batch:
    batch = Batch()
    for path in paths:
        batch = batch.merged_with(read_path(path, format))
    return batch
