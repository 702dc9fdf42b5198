"""An expert's score sheet (评分表): one score and one comment per criterion of the review of
goals (`jixiao.review.criteria`), each score between 0 and the criterion's weight (the rules
file's `[criteria] weights`), the total their sum, graded by the review's own bands."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from jixiao.errors import InputError
from jixiao.i18n import Text
from jixiao.review.criteria import CRITERIA, Criterion
from jixiao.review.scoring import grade_of
from jixiao.review.settings import ReviewSettings

CENTS = Decimal("0.01")
MAX_SCORE_CHARS = 20  # a score is a short number; longer input is refused, not parsed
MAX_COMMENT_CHARS = 2000


@dataclass(frozen=True)
class Line:
    """A line of the sheet: the criterion and the points it carries."""

    criterion: Criterion
    weight: Decimal


@dataclass(frozen=True)
class Sheet:
    """A read sheet: scores (None: not yet given) and comments by criterion code."""

    scores: Mapping[str, Decimal | None]
    comments: Mapping[str, str]

    @property
    def complete(self) -> bool:
        return all(v is not None for v in self.scores.values())

    @property
    def total(self) -> Decimal:
        """The sum of the scores given (two places)."""
        return sum((v for v in self.scores.values() if v is not None), Decimal(0)).quantize(CENTS)


def lines(settings: ReviewSettings) -> list[Line]:
    """The sheet's lines in the criteria's order, with the weights of `settings`."""
    weights = settings.criteria_weights
    return [Line(c, weights[c.name]) for c in CRITERIA]


def read_score(text: str, line: Line) -> Decimal | None:
    """A score as typed (None when blank): a number from 0 to the line's weight, kept to two
    places (half up). Anything else is an `InputError` naming the criterion."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        value = Decimal(text) if len(text) <= MAX_SCORE_CHARS else Decimal("NaN")
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise _bad(line, Text("“{v}”不是数字", "“{v}” is not a number").format(v=text[:40]))
    if not 0 <= value <= line.weight:
        raise _bad(line, Text("应在 0 到 {w} 之间", "must be from 0 to {w}").format(w=line.weight))
    return value.quantize(CENTS, ROUND_HALF_UP)


def _bad(line: Line, why: Text) -> InputError:
    where = Text("{zh}的评分", "the score of {en}").format(
        zh=line.criterion.name, en=line.criterion.english
    )
    return InputError(where + Text("：", ": ") + why, field=line.criterion.code)


def read_sheet(
    scores: Mapping[str, str], comments: Mapping[str, str], settings: ReviewSettings
) -> Sheet:
    """A sheet from what was typed, by criterion code; the first bad score is raised."""
    read = lines(settings)
    return Sheet(
        scores={
            ln.criterion.code: read_score(scores.get(ln.criterion.code, ""), ln) for ln in read
        },
        comments={
            ln.criterion.code: (comments.get(ln.criterion.code) or "")[:MAX_COMMENT_CHARS]
            for ln in read
        },
    )


def grade(total: Decimal, settings: ReviewSettings) -> str:
    """The grade of a sheet's total, by the review's bands (`[grades]`)."""
    return grade_of(total, False, settings)
