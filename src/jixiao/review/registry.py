"""Review rules and their registry.

A rule is one small class in its own module under `jixiao.review.rules`, registered with
`@register`. It declares a stable `id` (never reused; the letter says its usual severity:
`funds.E001`, `goal.W002`, `coverage.I002`), a `category` from the table of docs/review.md, a
`severity`, a `title`, a `message` and a `hint` (`Text` templates, Chinese and English), and
a docstring naming the guideline it comes from.

A form rule implements `check(ctx)`; a batch rule (`scope = "batch"`) implements `collect(ctx)`,
called once per form as the forms go by, and `emit()`, called after the last one, which yields
`(form index, finding)` pairs. A new instance serves each review. Batch rules must be linear in
the number of forms and keep little per form: group with dicts, never compare all pairs. Rules yield findings and never
raise; the engine turns an exception into an `engine.E001` finding all the same.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import Any, ClassVar

from jixiao.domain.make import maker
from jixiao.i18n import Text
from jixiao.plugins import Registry
from jixiao.review.context import FormContext, IndicatorView
from jixiao.review.memo import POOLED, FindingPool, ReviewMemo, bounded
from jixiao.review.model import CATEGORIES, Basis, Finding, Location, Severity

# Every rule, from every module of `jixiao.review.rules` (adding a rule is adding a module).
RULES: Registry[type[Rule]] = Registry("review rule", package="jixiao.review.rules")


class Rule:
    """Base of every review rule."""

    id: ClassVar[str]
    category: ClassVar[str]
    severity: ClassVar[Severity]
    title: ClassVar[Text]
    message: ClassVar[Text]
    hint: ClassVar[Text]
    scope: ClassVar[str] = "form"
    # The fields a finding of this rule reads besides the one it is placed at (the dates, the
    # funds): blanking any of them may take the finding away, so the score charges them too
    # (docs/review.md, "The score").
    reads: ClassVar[tuple[str, ...]] = ()

    def use(self, memo: ReviewMemo) -> Rule:
        """This rule in the review of `memo` (the engine's call): its findings share the texts
        that review's other findings say (`ReviewMemo.findings`)."""
        self.pool = memo.findings
        return self

    @cached_property
    def pool(self) -> FindingPool:
        """The pool of a rule made on its own, outside a review: its own."""
        return FindingPool()

    def check(self, ctx: FormContext) -> Iterator[Finding]:
        """Findings about one form."""
        return iter(())

    def collect(self, ctx: FormContext) -> None:
        """A batch rule notes what it needs of one form (keep it small: the form is dropped)."""

    def emit(self) -> Iterator[tuple[int, Finding]]:
        """After the last form: findings, each with the index of the form it belongs to."""
        return iter(())

    def finding(
        self,
        location: Location,
        basis: Basis,
        *,
        suggestion: Mapping[str, str] | None = None,
        severity: Severity | None = None,
        related: tuple[int, ...] = (),
        **values: Any,
    ) -> Finding:
        """A finding of this rule, its message and hint filled with `values`."""
        pool = self.pool
        message, hint = self._texts(pool, values)
        return make_finding(
            self.id,
            self.category,
            severity or self.severity,
            message,
            hint,
            location,
            pool.basis(basis),
            pool.suggestion(suggestion) if suggestion else None,
            related,
        )

    def _texts(self, pool: FindingPool, values: dict[str, Any]) -> tuple[Text, Text]:
        """Message and hint, shared by every finding that says the same (batches repeat a lot)."""
        key = (self.id, *values.items())  # a call site always passes its values in one order
        texts = pool.texts.get(key)
        if texts is None:
            message = pool.text(self.message.format(**values))
            texts = bounded(pool.texts, POOLED)[key] = (
                message,
                pool.text(self.hint.format(**values)),
            )
        return texts


class IndicatorRule(Rule):
    """A rule that reads one indicator row at a time and nothing else of the form.

    It implements `check_row(view, ctx)`, which may use the settings (through `ctx`) but no other
    part of the form. Rows repeat a great deal across a batch (the same generic row in thousands
    of forms), so each distinct row is checked once per review and its findings are reused at
    each place the row appears.
    """

    def check_row(self, view: IndicatorView, ctx: FormContext) -> Iterator[Finding]:
        return iter(())


# Finding(...) with every field given, about twice as fast: a big review makes millions.
make_finding = maker(Finding)


def placed(f: Finding, location: Location) -> Finding:
    """The finding of a repeated indicator row, at another place the row appears."""
    return make_finding(
        f.rule,
        f.category,
        f.severity,
        f.message,
        f.hint,
        location,
        f.basis,
        f.suggestion,
        f.related_forms,
    )


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator adding a rule to `RULES`; a duplicate id fails at import."""
    if cls.category not in CATEGORIES:
        raise RuntimeError(f"review rule {cls.id}: unknown category {cls.category}")
    if cls.scope not in ("form", "batch"):
        raise RuntimeError(f"review rule {cls.id}: unknown scope {cls.scope}")
    return RULES.register(cls.id)(cls)


def load_rules() -> dict[str, type[Rule]]:
    """Every rule by id."""
    return RULES.all()
