"""What an actual value (实际完成值) says against its target: a figure in the target's unit, or
how far a qualitative target was achieved (docs/evaluation.md, *Actual values*)."""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.domain.target import FIGURES, Target, TargetKind, parse_target
from jixiao.evaluation.model import Achievement

_SPACE = re.compile(r"[\s\u3000]+")
# Words that say the level outright, checked before any comparison of wordings.
_LEVEL_WORDS: tuple[tuple[str, Achievement], ...] = (
    ("部分达成", Achievement.PARTLY),
    ("未达成", Achievement.NOT_MET),
    ("未完成", Achievement.NOT_MET),
    ("未达到", Achievement.NOT_MET),
    ("未实现", Achievement.NOT_MET),
    ("未按时", Achievement.NOT_MET),
    ("基本达成", Achievement.PARTLY),
    ("基本完成", Achievement.PARTLY),
    ("基本实现", Achievement.PARTLY),
    ("部分完成", Achievement.PARTLY),
    ("部分", Achievement.PARTLY),
    ("基本", Achievement.PARTLY),  # 基本健全, 基本满足: mostly, not wholly
    ("达成", Achievement.MET),
    ("已完成", Achievement.MET),
    ("完成", Achievement.MET),
    ("达到", Achievement.MET),
    ("实现", Achievement.MET),
)
_NEGATIONS = ("未", "没有", "不", "无", "否")
# What a target writes after its last figure (`万元` of `≤90万元`, `%` of `≥95%`).
_TAIL = re.compile(r"[0-9０-９.]([^0-9０-９.]*)$")


def _plain(text: str) -> str:
    return _SPACE.sub("", text).strip("=＝")


def actual_figure(target: Target, actual: str) -> Decimal | None:
    """The actual value as a figure comparable with the target, or None (not a figure, or in
    another unit: `80人` against a target in 万元)."""
    if target.kind not in FIGURES:
        return None
    read = parse_target(actual)
    if read.kind is not TargetKind.QUANTITATIVE or read.value is None:
        return None
    tail = _TAIL.search(target.raw)
    if read.unit is None and target.unit and tail and tail.group(1):
        # A bare figure is in the unit the target is written in: `90` against `≤90万元` is
        # 900,000 元, `96` against `≥95%` is 96%.
        read = parse_target(actual.strip() + tail.group(1))
        if read.value is None:
            return None
    if read.unit and target.unit and read.unit != target.unit:
        return None
    return read.value


def achievement(target: Target, actual: str) -> Achievement | None:
    """How far a target that is not a figure was achieved, read from the actual wording: the
    target's own wording (or a sentence containing it) is 达成; an outright level word is that
    level; a negation of the target is 未达成. None when the wording does not say."""
    said = _plain(actual)
    wanted = _plain(target.word or target.raw)
    if not said:
        return None
    if wanted and said == wanted:
        return Achievement.MET
    if target.kind is TargetKind.DEADLINE:
        return _by_deadline(target, actual)
    for word, level in _LEVEL_WORDS:
        if word in said:
            return level
    if wanted and any(said.startswith(n) and wanted in said for n in _NEGATIONS):
        return Achievement.NOT_MET
    if wanted and wanted in said:
        return Achievement.MET
    if target.kind is TargetKind.BOOLEAN:
        return Achievement.NOT_MET if said in ("是", "否") else None
    return None


def _by_deadline(target: Target, actual: str) -> Achievement | None:
    """A deadline against the date the work was done (`2024年11月30日`), or a level word."""
    read = parse_target(actual)
    if read.kind is TargetKind.DEADLINE and read.month is not None and target.month is not None:
        done = (read.deadline.year if read.deadline else 0, read.month, read.day or 0)
        due = (
            target.deadline.year if target.deadline and read.deadline else 0,
            target.month,
            target.day or 31,
        )
        return Achievement.MET if done <= due else Achievement.NOT_MET
    said = _plain(actual)
    for word, level in _LEVEL_WORDS:
        if word in said:
            return level
    if any(w in said for w in ("按时", "如期", "及时", "提前")):
        return Achievement.MET
    if any(w in said for w in ("延期", "逾期", "推迟")):
        return Achievement.NOT_MET
    return None
