"""Laying out text for a terminal where Chinese characters take two columns."""

from __future__ import annotations

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


def table(header: list[str], rows: list[list[str]], limits: list[int] | None = None) -> str:
    """A plain table: columns padded to their widest cell (or clipped to `limits`)."""
    cells = [[clip(c, limits[i]) if limits else c for i, c in enumerate(r)] for r in rows]
    head = [clip(h, limits[i]) if limits else h for i, h in enumerate(header)]
    sizes = [max(width(r[i]) for r in [head, *cells]) for i in range(len(head))]
    rule = "  ".join("-" * s for s in sizes)
    lines = ["  ".join(pad(c, s) for c, s in zip(head, sizes, strict=True)).rstrip(), rule]
    lines += ["  ".join(pad(c, s) for c, s in zip(r, sizes, strict=True)).rstrip() for r in cells]
    return "\n".join(lines)
