"""The form as the rules see it: headings made canonical, targets parsed, meanings read — once.

Rules share one `FormContext` per form, so what several rules need is computed a single time.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from jixiao.domain.form import Form, Indicator
from jixiao.domain.make import maker
from jixiao.domain.target import Target, parse_target
from jixiao.domain.taxonomy import (
    CLASSIC,
    SCHEMES,
    Scheme,
    canonical_level1,
    canonical_level2,
)
from jixiao.review.lexicon import Lexicon, Meaning, clean
from jixiao.review.memo import ReviewMemo
from jixiao.review.model import Location
from jixiao.review.settings import ReviewSettings


@dataclass(frozen=True, slots=True)
class IndicatorView:
    """One indicator with what the rules read from it."""

    index: int
    indicator: Indicator
    name: str  # white space removed
    target: Target
    level1: str | None  # canonical
    level2: str | None  # canonical
    meaning: Meaning | None
    location: Location

    @property
    def line(self) -> int | None:
        return self.location.line

    def at(self) -> Location:
        return self.location

    @property
    def misplaced(self) -> bool:
        """Under a heading where what it measures plainly does not belong."""
        return bool(self.meaning and self.level2 in self.meaning.wrong_under)

    @property
    def effective_level2(self) -> str | None:
        """The heading it belongs under: its own, or the one its meaning calls for."""
        return self.meaning.belongs if self.misplaced and self.meaning else self.level2


# IndicatorView(...) and Location(...) with every field given, about twice as fast.
_make_view = maker(IndicatorView)
make_location = maker(Location)


def row_key(ind: Indicator) -> tuple[object, ...]:
    """A row as a key of what is worked out once per distinct row: its headings, name, target
    and further columns (指标性质 and 度量单位 are its target's; 95 with % is another row than 95)."""
    extra = ind.extra
    return (ind.level1, ind.level2, ind.name, ind.target, tuple(extra.items()) if extra else ())


_VIEW_PARTS = "context:view_parts"  # the memo's table: row as written -> what the rules read


def _parent(scheme: str, level2: str) -> str | None:
    return SCHEMES[scheme].parent_of(level2) or CLASSIC.parent_of(level2)


class FormContext:
    """A form, its settings and the derived data the rules share.

    `memo` is the review's (`ReviewMemo`): what rules derive from what forms repeat, kept for
    the whole review. A context made on its own reviews one form, with a memo of its own.
    `shared` is the form's: what several rules derive from this form, once."""

    def __init__(
        self, form: Form, settings: ReviewSettings, index: int = 0, memo: ReviewMemo | None = None
    ) -> None:
        self.form = form
        self.settings = settings
        self.index = index
        self.memo = memo if memo is not None else ReviewMemo(settings)
        self.lexicon: Lexicon = self.memo.lexicon
        self.shared: dict[str, object] = {}

    @cached_property
    def scheme(self) -> Scheme:
        return SCHEMES.get(str(self.settings.get("scheme", "classic")), CLASSIC)

    @cached_property
    def indicators(self) -> tuple[IndicatorView, ...]:
        views = []
        parts = self.memo.table(_VIEW_PARTS)
        for i, ind in enumerate(self.form.indicators):
            extra = ind.extra
            # a sign and a unit in columns of their own (指标性质 ≥ | 指标值 95 | 度量单位 %) are
            # the target's (`Indicator.parsed_target`)
            apart = (extra.get("指标性质"), extra.get("度量单位")) if extra else None
            key = (ind.name, ind.target, ind.level1, ind.level2, apart)
            found = parts.get(key)
            if found is None:  # rows repeat across forms: read each once
                target = ind.parsed_target if apart else parse_target(ind.target)
                found = parts[key] = (
                    clean(ind.name),
                    target,
                    self.memo.call(canonical_level1, ind.level1),
                    self.memo.call(canonical_level2, ind.level2),
                    self.lexicon.meaning(ind.name, target),
                )
            name, target, level1, level2, meaning = found
            location = make_location("indicators", i, ind.line)
            views.append(_make_view(i, ind, name, target, level1, level2, meaning, location))
        return tuple(views)

    @cached_property
    def goal_field(self) -> str:
        """The goal text the rules read: the annual goal, else the overall goal."""
        return "annual_goal" if (self.form.annual_goal or "").strip() else "overall_goal"

    @cached_property
    def goal(self) -> str:
        return (getattr(self.form, self.goal_field) or "").strip()

    @cached_property
    def goal_texts(self) -> str:
        """Both goal texts, each once: what the project says it will do."""
        texts = dict.fromkeys(t for t in (self.form.overall_goal, self.form.annual_goal) if t)
        return "\n".join(texts)

    @cached_property
    def requested_yuan(self) -> Decimal | None:
        return self.form.funds.requested_yuan

    def parent_of(self, level2: str | None) -> str | None:
        if level2 is None:
            return None
        return self.memo.call(_parent, self.scheme.code, level2)

    @cached_property
    def _present(self) -> frozenset[str] | None:
        found = self.settings.get("fields.present", None)
        return None if found is None else frozenset(found)

    def has(self, field_name: str) -> bool:
        """Whether the form's template has the field at all (`[fields] present`, set from the
        template: docs/templates.md); a form of no template has every field. A field the
        template does not have is empty on every form of it and says nothing."""
        present = self._present
        return present is None or field_name in present

    def line_of(self, field_name: str) -> int | None:
        return self.form.line_of(field_name)

    def at(self, field_name: str) -> Location:
        """The location of a field of the form."""
        return Location(field=field_name, line=self.form.line_of(field_name))
