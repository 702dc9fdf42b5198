"""File names made from text people wrote (a project's name): safe on every operating system.

A download is named after its project (docs/exports.md, *File names*). The name keeps the text as
written except what no file system accepts: the characters Windows forbids (`/\\:*?"<>|`), control
characters, dots and spaces at the ends, the device names of Windows (`CON`, `NUL` …), and a length
past what file systems store (255 bytes; the stem is kept well below, leaving room for a suffix).
"""

from __future__ import annotations

import re
import unicodedata

MAX_STEM_BYTES = 150
_FORBIDDEN = re.compile(r'[\\/:*?"<>|]+')
_DEVICES = re.compile(r"(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\..*)?", re.IGNORECASE)


def _printable(char: str) -> str:
    """A control or format character (category C*) becomes a space, white space stays one."""
    return " " if unicodedata.category(char).startswith("C") or char.isspace() else char


def safe_stem(text: str | None, fallback: str) -> str:
    """`text` as a file name stem (without extension), or `fallback` when nothing of it is left."""
    stem = "".join(_printable(c) for c in text or "")
    stem = _FORBIDDEN.sub("_", stem)
    stem = re.sub(r" {2,}", " ", stem).strip(" .")
    while len(stem.encode("utf-8")) > MAX_STEM_BYTES:
        stem = stem[:-1].rstrip(" .")
    if _DEVICES.fullmatch(stem):
        stem = "_" + stem
    return stem or fallback


def ascii_fallback(name: str, fallback: str) -> str:
    """The name itself when it is plain ASCII, else `fallback`: the `filename=` of a download,
    for clients that do not read the full name in `filename*` (RFC 5987)."""
    return name if re.fullmatch(r"[A-Za-z0-9 ._()\[\]+-]+", name) else fallback
