"""Laying out text for a terminal where Chinese characters take two columns."""

from __future__ import annotations

from collections.abc import Sequence

from jixiao.domain.paper import text_width as width


def pad(text: str, size: int) -> str:
    return text + " " * max(0, size - width(text))


def clip(text: str, size: int) -> str:
    """The text cut to `size` columns, with … where it was cut."""
    if width(text) <= size:
        return text
    out, used = [], 0
    for ch in text:
        w = width(ch)
        if used + w > size - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def wrap(text: str, size: int) -> list[str]:
    """Lines of at most `size` columns; the text's own line breaks are kept."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        current, used = [], 0
        for ch in paragraph:
            w = width(ch)
            if used + w > size:
                lines.append("".join(current))
                current, used = [], 0
            current.append(ch)
            used += w
        lines.append("".join(current))
    return lines


def clipped(row: list[str], limits: Sequence[int] | None) -> list[str]:
    return [clip(c, limits[i]) for i, c in enumerate(row)] if limits else row


def table_head(head: list[str], sizes: list[int]) -> list[str]:
    """The head line and the rule under it, for columns `sizes` wide."""
    return [table_row(head, sizes), "  ".join("-" * s for s in sizes)]


def table_row(cells: list[str], sizes: list[int]) -> str:
    return "  ".join(pad(c, s) for c, s in zip(cells, sizes, strict=True)).rstrip()
