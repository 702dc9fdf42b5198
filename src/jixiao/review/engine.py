"""The review engine: runs the registered rules on forms and batches, scores and grades.

A rule that raises does not stop the review: its exception becomes an `engine.E001` finding on
the form it was checking (category `engine_error`, outside the DESIGN.md table, never scored).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from jixiao.domain.form import Form
from jixiao.i18n import Text
from jixiao.interchange import Batch
from jixiao.review.context import FormContext
from jixiao.review.model import Basis, Finding, FormReview, Location, ReviewReport, Severity
from jixiao.review.registry import Rule, load_rules
from jixiao.review.scoring import criteria_scores, grade_of, summarise, total_score
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


def _adjusted(rule: Rule, findings: Iterable[Finding], settings: ReviewSettings) -> list[Finding]:
    key = "severity:" + rule.id
    if key not in settings._cache:
        settings._cache[key] = settings.rule_option(rule.id, "severity")
    severity = settings._cache[key]
    if not severity:
        return list(findings)
    return [f.with_severity(Severity(severity)) for f in findings]


def run_form_rules(ctx: FormContext, rules: Sequence[Rule]) -> list[Finding]:
    findings: list[Finding] = []
    for rule in rules:
        try:
            findings.extend(_adjusted(rule, rule.check(ctx), ctx.settings))
        except Exception as exc:  # a broken rule is a finding, not a crash
            findings.append(engine_finding(rule.id, exc))
    return findings


def run_batch_rules(
    contexts: Sequence[FormContext], rules: Sequence[Rule], into: list[list[Finding]]
) -> None:
    for rule in rules:
        try:
            pairs = list(rule.check_batch(contexts))
        except Exception as exc:
            for found in into:
                found.append(engine_finding(rule.id, exc))
            continue
        for index, finding in pairs:
            into[index].extend(_adjusted(rule, (finding,), contexts[index].settings))


def build_review(ctx: FormContext, findings: list[Finding]) -> FormReview:
    findings.sort(key=Finding.sort_key)
    criteria = criteria_scores(findings, ctx.settings)
    score = total_score(criteria, ctx.settings)
    has_error = any(f.severity is Severity.ERROR for f in findings)
    return FormReview(
        seq=ctx.form.seq,
        project_name=ctx.form.project_name,
        form_index=ctx.index,
        score=score,
        grade=grade_of(score, has_error, ctx.settings),
        criteria_scores=criteria,
        findings=tuple(findings),
        requested_yuan=ctx.requested_yuan,
        source=ctx.form.source,
    )


def review_form(form: Form, settings: ReviewSettings | None = None) -> FormReview:
    """Review one form with the per-form rules (what the web editor runs on save)."""
    settings = settings or default_settings()
    ctx = FormContext(form, settings)
    return build_review(ctx, run_form_rules(ctx, active_rules(settings, "form")))


def review_batch(batch: Batch, settings: ReviewSettings | None = None) -> ReviewReport:
    """Review every form of a batch with the per-form rules, then the batch rules."""
    settings = settings or default_settings()
    contexts = [FormContext(form, settings, i) for i, form in enumerate(batch.forms)]
    form_rules = active_rules(settings, "form")
    found = [run_form_rules(ctx, form_rules) for ctx in contexts]
    run_batch_rules(contexts, active_rules(settings, "batch"), found)
    reviews = tuple(build_review(ctx, f) for ctx, f in zip(contexts, found, strict=True))
    return ReviewReport(
        forms=reviews,
        summary=summarise(reviews, settings),
        settings_name=settings.name,
        sources=tuple(s.path for s in batch.sources),
    )


_DEFAULT: list[ReviewSettings] = []


def default_settings() -> ReviewSettings:
    if not _DEFAULT:
        _DEFAULT.append(load_settings())
    return _DEFAULT[0]
