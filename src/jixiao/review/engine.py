"""The review engine: runs the registered rules on forms and batches, scores and grades.

A rule that raises does not stop the review: its exception becomes an `engine.E001` finding on
the form it was checking (category `engine_error`, outside the table of docs/review.md, never scored).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from jixiao.domain.form import Form, Note
from jixiao.i18n import Text
from jixiao.interchange import Batch
from jixiao.review.context import FormContext, IndicatorView
from jixiao.review.model import Basis, Finding, FormReview, Location, ReviewReport, Severity
from jixiao.review.overlap import merge_overlaps
from jixiao.review.profile import profile_of
from jixiao.review.registry import IndicatorRule, Rule, load_rules, placed
from jixiao.review.scoring import Profile, criteria_scores, grade_of, summarise, total_score
from jixiao.review.settings import ReviewSettings, load_settings

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


def active_rules(settings: ReviewSettings, scope: str) -> list[Rule]:
    rules = []
    for rule_id, cls in sorted(load_rules().items()):
        if cls.scope == scope and settings.rule_option(rule_id, "enabled", True):
            rules.append(cls())
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
    `IndicatorRule` runs once per distinct row and its findings are placed at each occurrence."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.row_rules = [r for r in rules if isinstance(r, IndicatorRule)]
        self.other_rules = [r for r in rules if not isinstance(r, IndicatorRule)]
        self.rows: dict[tuple[str | None, str | None, str, str], tuple[Finding, ...]] = {}

    def run(self, ctx: FormContext) -> list[Finding]:
        findings = run_form_rules(ctx, self.other_rules)
        for view in ctx.indicators:
            ind = view.indicator
            key = (ind.level1, ind.level2, ind.name, ind.target)
            found = self.rows.get(key)
            if found is None:
                if len(self.rows) > ROW_CACHE:
                    self.rows.clear()
                found = self.rows[key] = tuple(self._check_row(view, ctx))
            for f in found:
                findings.append(f if f.location is view.location else placed(f, view.location))
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


def emit(rules: Sequence[Rule], settings: ReviewSettings, into: list[list[Finding]]) -> None:
    for rule in rules:
        try:
            pairs = list(rule.emit())
        except Exception as exc:
            for found in into:
                found.append(engine_finding(rule.id, exc))
            continue
        severity = settings.severity_overrides().get(rule.id)
        for index, finding in pairs:
            into[index].extend(_adjusted((finding,), severity))


@dataclass(frozen=True, slots=True)
class Reviewed:
    """What scoring needs of a form once its rules have run (the form itself is let go)."""

    seq: int
    project_name: str | None
    index: int
    requested_yuan: Decimal | None
    source: int
    profile: Profile
    import_notes: tuple[Note, ...]


def build_review(form: Reviewed, findings: list[Finding], settings: ReviewSettings) -> FormReview:
    criteria = criteria_scores(findings, form.profile, settings)  # every problem counts
    findings = merge_overlaps(findings, settings)  # ... and is said once (docs/review.md)
    findings.sort(key=Finding.sort_key)
    score = total_score(criteria, settings, form.profile)
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
    )


def import_notes(ctx: FormContext) -> tuple[Note, ...]:
    """The notes of the importer shown with the review (`[notes] shown`), each once."""
    if not ctx.form.notes:
        return ()
    shown = ctx.settings.words("notes.shown")
    kept = {(n.message, n.line): n for n in ctx.form.notes if n.code in shown}
    return tuple({n.message: n for n in kept.values()}.values())


def review_form(form: Form, settings: ReviewSettings | None = None) -> FormReview:
    """Review one form with the per-form rules (what the web editor runs on save)."""
    settings = settings or default_settings()
    ctx = FormContext(form, settings)
    return build_review(
        _reviewed(ctx), FormRules(active_rules(settings, "form")).run(ctx), settings
    )


def review_forms(
    forms: Iterable[Form],
    settings: ReviewSettings | None = None,
    sources: Sequence[str] = (),
    settle: Callable[[], None] | None = None,
) -> ReviewReport:
    """Review forms as they come (an iterator is never held whole): per-form rules and the
    collect step of batch rules on each form, then the batch findings, scores and grades.

    `settle`, if given, is called every 256 forms: an entry point's way to keep the garbage
    collector off what the review has kept so far (`jixiao.cli.collector.settled`)."""
    settings = settings or default_settings()
    form_rules = FormRules(active_rules(settings, "form"))
    batch_rules = active_rules(settings, "batch")
    records: list[Reviewed] = []
    found: list[list[Finding]] = []
    for index, form in enumerate(forms):
        ctx = FormContext(form, settings, index)
        findings = form_rules.run(ctx)
        collect(ctx, batch_rules, findings)
        records.append(_reviewed(ctx))
        found.append(findings)
        if settle is not None and index % 256 == 255:
            settle()
    emit(batch_rules, settings, found)
    reviews = tuple(build_review(r, f, settings) for r, f in zip(records, found, strict=True))
    return ReviewReport(
        forms=reviews,
        summary=summarise(reviews, settings),
        settings_name=settings.name,
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
