"""Periods as forms write them in one cell: 项目起止时间 `2023.07-2024.01`, `2021年1月至2021年12月`,
`202001-202012`, a target `服务周期 2023.07-2024.01`. One reading for the importer (a form's
planned start and end) and the target parser (a period given as a target), docs/domain.md."""

from __future__ import annotations

import re
from datetime import date, timedelta

# One end of a period as forms write it: 2023.07, 2023年7月, 2023-07-01, 202307, 2023年.
_END = r"((?:19|20)\d{2})(?:\s*[年./\-]?\s*(\d{1,2})(?:\s*[月./\-]?\s*(\d{1,2})\s*日?)?\s*月?)?\s*(?:年度|年)?"
_SPAN = re.compile(rf"^\s*{_END}\s*(?:[-—－~～至到]+)\s*{_END}\s*$")
# A period ending a text, its end's year left out or not (a target `2021年1月-12月`, `2023.07-2024.01`).
PERIOD_END = re.compile(rf"(?<!\d){_END}\s*[-—－~～至到]+\s*(?:{_END}|\d{{1,2}}\s*月)\s*$")


def span(text: str) -> tuple[date, date, bool] | None:
    """A period written in one cell (ASCII digits): its first and last day, and whether both
    were written to the day (else a month's first or last day, a year's first or last, were
    taken). None when it is not one."""
    found = _read(text)
    return None if found is None else found[:3]


def months(text: str) -> tuple[date, date] | None:
    """A period whose two ends each name their month (`2023.07-2024.01`, `2023年7月至2024年1月`,
    `2023.07.01-2024.01.31`): its first and last day. Two years alone (`2000-2050`) are no such
    period: as a target they are as likely a range of numbers."""
    found = _read(text)
    return None if found is None or not found[3] else (found[0], found[1])


def _read(text: str) -> tuple[date, date, bool, bool] | None:
    match = _SPAN.match(text)
    if not match:
        return None
    y1, m1, d1, y2, m2, d2 = (None if g is None else int(g) for g in match.groups())
    try:
        start = date(y1, m1 or 1, d1 or 1)  # type: ignore[arg-type]
        if d2 is not None:
            end = date(y2, m2 or 12, d2)  # type: ignore[arg-type]
        elif m2 is not None:
            end = date(y2 + m2 // 12, m2 % 12 + 1, 1) - timedelta(days=1)  # type: ignore[operator]
        else:
            end = date(y2, 12, 31)  # type: ignore[arg-type]
    except (ValueError, OverflowError):
        return None
    if m2 is not None and not 1 <= m2 <= 12:
        return None
    if end < start:
        return None
    return start, end, d1 is not None and d2 is not None, m1 is not None and m2 is not None
