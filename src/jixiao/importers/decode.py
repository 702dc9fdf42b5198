"""Decoding bytes to text and cleaning cell text, shared by the text-based importers.

Encodings seen in this field: UTF-8 with or without BOM, UTF-16 (Word's "Unicode text"), and
GB18030/GBK from older Chinese systems. Detection is deterministic: BOMs first, then UTF-16 by its
NUL pattern, then strict UTF-8, then strict GB18030. Anything else is refused as binary.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

from jixiao.errors import InputError
from jixiao.i18n import Text

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters that never occur in a text document (TAB, LF, CR, FF and VT excepted).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > half * 0.3 and even_nuls < half * 0.05:
        return "utf-16-le"
    if even_nuls > half * 0.3 and odd_nuls < half * 0.05:
        return "utf-16-be"
    return None


def decode(data: bytes, path: str) -> tuple[str, str]:
    """The text of a document and the encoding it was read in; InputError when it is not text."""
    if not data or data.isspace():  # `not data.strip()` without a copy of a large file
        raise InputError(Text("文件为空", "the file is empty"), path=path, line=1)
    encodings = [enc for bom, enc in _BOMS if data.startswith(bom)][:1]
    utf16 = _utf16_without_bom(data)
    encodings += [utf16] if utf16 else []
    encodings += ["utf-8", "gb18030"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, UnicodeError):
            continue
        refuse_binary(text, path)
        return text, encoding
    line = data[: _first_bad_utf8(data)].count(b"\n") + 1
    raise InputError(
        Text(
            "不是文本文件，或编码无法识别（支持 UTF-8、UTF-16、GB18030/GBK）",
            "not a text file, or an unknown encoding (UTF-8, UTF-16 and GB18030/GBK are read)",
        ),
        path=path,
        line=line,
    )


def _first_bad_utf8(data: bytes) -> int:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return len(data)


def refuse_binary(text: str, path: str) -> None:
    sample = text[:65536]
    controls = _CONTROL.findall(sample)
    if len(controls) > max(8, len(sample) // 200):
        first = _CONTROL.search(sample)
        line = sample[: first.start()].count("\n") + 1 if first else 1
        raise InputError(
            Text("这是二进制文件，不是文本文档", "a binary file, not a text document"),
            path=path,
            line=line,
        )


def split_lines(text: str) -> list[str]:
    """Lines without their ends; CRLF, CR and LF all end a line. A BOM left inside is dropped."""
    return _one_end(text).split("\n")


def iter_lines(text: str, block: int = 1 << 20) -> Iterator[str]:
    """`split_lines(text)` one line at a time: a block of about `block` characters is split at
    once (at C speed), so that the lines of a large document are not all held together (a line
    costs some 50 bytes besides its text: 4 million lines of 43 MB of text took 220 MB)."""
    text = _one_end(text)
    start = 0
    while (end := text.find("\n", start + block)) != -1:
        yield from text[start:end].split("\n")
        start = end + 1
    yield from text[start:].split("\n")


def _one_end(text: str) -> str:
    return text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")


# Cleaning ------------------------------------------------------------------------------------

MARKUP = re.compile(
    r"\[(?:bookmark|comment|image|footnote|endnote|hyperlink|field)\s*:[^\]\n]{0,200}\]",
    re.IGNORECASE,
)
# White space a word processor leaves: ideographic space, no-break space, zero-width characters.
ODD_SPACE = "\u3000\u00a0\u200b\u200c\u200d\u2060\ufeff\u2002\u2003\u2009"
TRIM = " \t\r\n\f\v" + ODD_SPACE


def clean(text: str) -> tuple[str, list[str], bool]:
    """Text trimmed of surrounding white space and stripped of markup.

    Returns the clean text, the pieces of markup removed, and whether odd white space (U+3000,
    no-break or zero-width space) was trimmed: both go into the form's notes.
    """
    if "[" not in text:
        stripped = text.strip(TRIM)
        if stripped == text:
            return text, [], False
        removed = []
    else:
        removed = MARKUP.findall(text)
    if removed:
        text = MARKUP.sub("", text)
    stripped = text.strip(TRIM)
    outer = text[: len(text) - len(text.lstrip(TRIM))] + text[len(text.rstrip(TRIM)) :]
    odd = any(ch in ODD_SPACE for ch in outer) and bool(stripped)
    return stripped, removed, odd
