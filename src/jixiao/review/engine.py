"""The review engine: runs the registered rules on forms and batches, scores and grades.

A rule that raises does not stop the review: its exception becomes an `engine.E001` finding on
the form it was checking (category `engine_error`, outside the table of docs/review.md, never scored).
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal

from jixiao.domain.form import Form, Note
from jixiao.i18n import Text
from jixiao.interchange import Batch
from jixiao.review.context import FormContext, IndicatorView, make_location, row_key
from jixiao.review.memo import ReviewMemo
from jixiao.review.model import Basis, Finding, FormReview, Location, ReviewReport, Severity
from jixiao.review.overlap import merge_overlaps
from jixiao.review.profile import profile_of
from jixiao.review.registry import IndicatorRule, Rule, load_rules, placed
from jixiao.review.scoring import criteria_scores, grade_of, total_score
from jixiao.review.settings import ReviewSettings, load_settings
from jixiao.review.spill import Reviewed, ReviewedAs, Spill
from jixiao.review.summary import summarise

ENGINE_RULE = "engine.E001"
ENGINE_CATEGORY = "engine_error"


def engine_finding(rule_id: str, exc: BaseException) -> Finding:
    text = f"{type(exc).__name__}: {exc}"
    return Finding(
        rule=ENGINE_RULE,
        category=ENGINE_CATEGORY,
        severity=Severity.WARNING,
        message=Text(
            "审核规则 {r} 运行出错，本表未完成该项检查",
            "review rule {r} failed; this check was not done",
        ).format(r=rule_id),
        hint=Text("请将此问题报告给系统管理员", "report this to the administrator"),
        location=Location(),
        basis=Basis(text=text, setting=f"rule {rule_id}"),
    )


def active_rules(memo: ReviewMemo, scope: str) -> list[Rule]:
    """New instances of the rules of `scope` the settings enable, for the review of `memo`."""
    settings = memo.settings
    rules = []
    for rule_id, cls in sorted(load_rules().items()):
        if cls.scope == scope and settings.rule_option(rule_id, "enabled", True):
            rules.append(cls().use(memo))
    return rules


def _adjusted(findings: Iterable[Finding], severity: str | None) -> list[Finding]:
    """A rule's findings, all of them or (when one raises) none, at the severity the settings
    give the rule if they give one (`ReviewSettings.severity_overrides`)."""
    found = list(findings)
    return [f.with_severity(Severity(severity)) for f in found] if severity else found


def run_form_rules(ctx: FormContext, rules: Sequence[Rule]) -> list[Finding]:
    findings: list[Finding] = []
    overrides = ctx.settings.severity_overrides()
    for rule in rules:
        try:
            findings.extend(_adjusted(rule.check(ctx), overrides.get(rule.id)))
        except Exception as exc:  # a broken rule is a finding, not a crash
            findings.append(engine_finding(rule.id, exc))
    return findings


class FormRules:
    """The per-form rules of one review. Indicator rows repeat across forms, so every
    `IndicatorRule` runs once per distinct row and its findings are placed at each occurrence.

    A form's row findings are kept packed until its review is built (`run_packed`, `unpack`):
    three numbers a row instead of a finding and a location each, for every form a review holds
    until its batch rules have spoken."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.row_rules = [r for r in rules if isinstance(r, IndicatorRule)]
        self.other_rules = [r for r in rules if not isinstance(r, IndicatorRule)]
        # distinct row -> the number of its findings in `found`, -1 when it has none
        self.rows: dict[tuple[object, ...], int] = {}
        self.found: list[tuple[Finding, ...]] = []

    def run(self, ctx: FormContext) -> list[Finding]:
        """The findings of the per-form rules on the form of `ctx`."""
        return self.unpack(*self.run_packed(ctx))

    def run_packed(self, ctx: FormContext) -> tuple[list[Finding], array[int]]:
        """The findings of the rules that read the whole form, and per indicator row with
        findings (number in `found`, row index, line or -1) (`unpack` places them)."""
        own = run_form_rules(ctx, self.other_rules)
        packed = array("i")
        for view in ctx.indicators:
            key = row_key(view.indicator)
            number = self.rows.get(key)
            if number is None:
                if len(self.rows) > ROW_CACHE:
                    self.rows.clear()  # `found` stays: what is packed still points into it
                number = self.rows[key] = self._number(tuple(self._check_row(view, ctx)))
            if number >= 0:
                packed.extend((number, view.index, -1 if view.line is None else view.line))
        return own, packed

    def _number(self, found: tuple[Finding, ...]) -> int:
        if not found:
            return -1
        self.found.append(found)
        return len(self.found) - 1

    def unpack(self, own: Sequence[Finding], packed: array[int]) -> list[Finding]:
        """A form's findings as `run` gives them: its own, then each row's, placed at the row."""
        findings = list(own)
        found = self.found
        for k in range(0, len(packed), 3):
            line = packed[k + 2]
            location = make_location("indicators", packed[k + 1], None if line < 0 else line)
            findings.extend(placed(f, location) for f in found[packed[k]])
        return findings

    def _check_row(self, view: IndicatorView, ctx: FormContext) -> list[Finding]:
        found: list[Finding] = []
        overrides = ctx.settings.severity_overrides()
        for rule in self.row_rules:
            try:
                found.extend(_adjusted(rule.check_row(view, ctx), overrides.get(rule.id)))
            except Exception as exc:  # a broken rule is a finding, not a crash
                found.append(engine_finding(rule.id, exc))
        return found


ROW_CACHE = 50_000


def collect(ctx: FormContext, rules: Sequence[Rule], found: list[Finding]) -> None:
    for rule in rules:
        try:
            rule.collect(ctx)
        except Exception as exc:
            found.append(engine_finding(rule.id, exc))


def emit(rules: Sequence[Rule], settings: ReviewSettings, forms: int) -> dict[int, list[Finding]]:
    """The findings of the batch rules after the last form, by form index."""
    into: dict[int, list[Finding]] = {}
    for rule in rules:
        try:
            pairs = list(rule.emit())
        except Exception as exc:
            for index in range(forms):
                into.setdefault(index, []).append(engine_finding(rule.id, exc))
            continue
        severity = settings.severity_overrides().get(rule.id)
        for index, finding in pairs:
            into.setdefault(index, []).extend(_adjusted((finding,), severity))
    return into


def build_review(form: Reviewed, findings: list[Finding], memo: ReviewMemo) -> FormReview:
    settings = memo.settings
    criteria = criteria_scores(findings, form.profile, memo)  # every problem counts
    findings = merge_overlaps(findings, memo)  # ... and is said once (docs/review.md)
    findings.sort(key=Finding.sort_key)
    score = total_score(criteria, memo, form.profile)
    has_error = any(f.severity is Severity.ERROR for f in findings)
    return FormReview(
        seq=form.seq,
        project_name=form.project_name,
        form_index=form.index,
        score=score,
        grade=grade_of(score, has_error, settings),
        criteria_scores=criteria,
        findings=tuple(findings),
        requested_yuan=form.requested_yuan,
        source=form.source,
        import_notes=form.import_notes,
    )


def _reviewed(ctx: FormContext) -> Reviewed:
    form = ctx.form
    return Reviewed(
        form.seq,
        form.project_name,
        ctx.index,
        ctx.requested_yuan,
        form.source,
        profile_of(ctx),
        import_notes(ctx),
        template_of(form),
    )


def import_notes(ctx: FormContext) -> tuple[Note, ...]:
    """The notes of the importer shown with the review (`[notes] shown`), each once."""
    if not ctx.form.notes:
        return ()
    shown = ctx.settings.words("notes.shown")
    kept = {(n.message, n.line): n for n in ctx.form.notes if n.code in shown}
    return tuple({n.message: n for n in kept.values()}.values())


_GOALS = ("overall_goal", "annual_goal")


def _key(reviewed_as: ReviewedAs) -> tuple[str | None, frozenset[str]]:
    return reviewed_as or (None, frozenset())


def template_of(form: Form) -> ReviewedAs:
    """What the form is reviewed as: the id of the template it was read through, and the
    goals of it the form prints no box for; None: a form of no template.

    A form has a box for a goal when it printed its label (the reader keeps a line for every
    goal label it met, filled or not: `Form.lines`). One that printed a box for one goal and
    none for the other has one goal box (蒙城 2024 prints 总体目标 beside its one text where the
    central form prints 中期目标 | 年度目标): the review asks it for no second goal, as it asks
    no form for a field its template lacks (docs/templates.md, "One goal box"). It follows what
    the form printed, never what it wrote in a box, so emptying a box never spares it."""
    if form.template is None:
        return None
    unprinted = frozenset(g for g in _GOALS if g not in form.lines)
    if len(unprinted) == 1:  # one box printed: the form has no box for the other goal
        return form.template.id, unprinted
    return form.template.id, frozenset()


def review_form(form: Form, settings: ReviewSettings | None = None) -> FormReview:
    """Review one form with the per-form rules (what the web editor runs on save), with the
    settings of its template (`ReviewMemo.for_template`)."""
    memo = ReviewMemo(settings or default_settings()).for_template(*_key(template_of(form)))
    ctx = FormContext(form, memo.settings, memo=memo)
    return build_review(_reviewed(ctx), FormRules(active_rules(memo, "form")).run(ctx), memo)


class Review:
    """One review of forms that come one at a time (`add`): the per-form rules and the collect
    step of the batch rules run on each form as it comes, and the form is let go; what its
    review needs is kept, packed (`Reviewed`, `FormRules.run_packed`). After the last form the
    batch rules speak, and `reviews` builds the reviews one at a time, in order, letting go of
    each form's part as it goes: a writer can pass each on (docs/review.md, "How a review runs").

    `settle`, if given, is called every 256 forms: an entry point's way to keep the garbage
    collector off what the review has kept so far (`jixiao.cli.collector.settled`)."""

    def __init__(
        self, settings: ReviewSettings | None = None, settle: Callable[[], None] | None = None
    ) -> None:
        self.settings = settings or default_settings()
        self.memo = ReviewMemo(self.settings)  # what this review works out, for it alone
        self.form_rules = FormRules(active_rules(self.memo, "form"))
        # the per-form rules of each template's settings (`ReviewMemo.for_template`): a row's
        # findings are kept per settings, since the settings decide them
        self._form_rules: dict[int, FormRules] = {id(self.memo): self.form_rules}
        self.batch_rules = active_rules(self.memo, "batch")
        self.settle = settle
        self.kept = Spill()  # each form's part, until the batch rules have spoken

    @property
    def count(self) -> int:
        """The forms added."""
        return self.kept.count

    def _for(self, reviewed_as: ReviewedAs) -> tuple[ReviewMemo, FormRules]:
        """The memo and the per-form rules of the forms of a template, in this review."""
        memo = self.memo.for_template(*_key(reviewed_as))
        rules = self._form_rules.get(id(memo))
        if rules is None:
            rules = self._form_rules[id(memo)] = FormRules(active_rules(memo, "form"))
        return memo, rules

    def add(self, form: Form) -> None:
        index = self.kept.count
        memo, form_rules = self._for(template_of(form))
        ctx = FormContext(form, memo.settings, index, memo)
        own, packed = form_rules.run_packed(ctx)
        failed: list[Finding] = []
        collect(ctx, self.batch_rules, failed)
        if failed:  # rare: a batch rule failed on this form; that comes after the rows' findings
            own, packed = form_rules.unpack(own, packed) + failed, array("i")
        self.kept.put(_reviewed(ctx), own, packed)
        if self.settle is not None and index % 256 == 255:
            self.settle()

    def reviews(self) -> Iterator[FormReview]:
        """The reviews, in the order the forms came (once: each form's part is let go). A
        caller that keeps them (`review_forms`) keeps what they hold out of the collector's way
        too (`settle`, every 256 reviews)."""
        late = emit(self.batch_rules, self.settings, self.count)
        for index, (reviewed, own, packed) in enumerate(self.kept.parts()):
            memo, form_rules = self._for(reviewed.template)
            findings = form_rules.unpack(own, packed)
            findings.extend(late.pop(index, ()))
            yield build_review(reviewed, findings, memo)
            if self.settle is not None and index % 256 == 255:
                self.settle()


def review_forms(
    forms: Iterable[Form],
    settings: ReviewSettings | None = None,
    sources: Sequence[str] = (),
    settle: Callable[[], None] | None = None,
) -> ReviewReport:
    """Review forms as they come (an iterator is never held whole): per-form rules and the
    collect step of batch rules on each form, then the batch findings, scores and grades."""
    review = Review(settings, settle)
    for form in forms:
        review.add(form)
    reviews = tuple(review.reviews())
    return ReviewReport(
        forms=reviews,
        summary=summarise(reviews, review.settings),
        settings_name=review.settings.name,
        sources=tuple(sources),
    )


def review_batch(
    batch: Batch,
    settings: ReviewSettings | None = None,
    settle: Callable[[], None] | None = None,
) -> ReviewReport:
    """Review every form of a batch with the per-form rules, then the batch rules."""
    return review_forms(batch.forms, settings, [s.path for s in batch.sources], settle)


_DEFAULT: list[ReviewSettings] = []


def grades(settings: ReviewSettings | None = None) -> tuple[str, ...]:
    """The grades a review gives, best first (`[grades] bands`): what a list of forms filters on."""
    return tuple(grade for _, grade in (settings or default_settings()).grade_bands)


def score_bands(
    settings: ReviewSettings | None = None,
) -> tuple[tuple[str, Decimal, Decimal | None], ...]:
    """(grade, lowest score, score it ends below or None), best first: the grades' score bands
    (`[grades] bands`), for a chart of scores. An error may still cap a form's grade."""
    bands = (settings or default_settings()).grade_bands
    ends = [None, *(low for low, _ in bands[:-1])]
    return tuple((grade, low, end) for (low, grade), end in zip(bands, ends, strict=True))


def default_settings() -> ReviewSettings:
    if not _DEFAULT:
        _DEFAULT.append(load_settings())
    return _DEFAULT[0]
