"""docs/seed-review.md, made from the review of the seed: `python -m tests.review.seed_review_doc`.

`tests/review/test_seed_review.py` checks that the file in docs/ is what this prints, so the
document never drifts from what `jixiao review` says.
"""

from __future__ import annotations

import sys
from collections import Counter
from decimal import Decimal

from tests.review.conftest import SEED

from jixiao.domain.form import FIELD_LABELS
from jixiao.importers import read_path
from jixiao.review import review_batch
from jixiao.review.model import FormReview, ReviewReport, Severity, category_labels

SEVERITY = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
PLURAL = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "notes"}


# What a reviewer raises first, among findings of one severity.
WEIGHT = (
    "funds_indicator_imbalance",
    "cost_mismatch",
    "vague_goal",
    "goal_indicator_gap",
    "funds_inconsistent",
    "date_inconsistent",
    "unrealistic_target",
    "unmeasurable_target",
    "misclassified_indicator",
    "generic_indicator",
    "irrelevant_indicator",
    "duplicate_project",
    "missing_indicator_category",
    "garbled_text",
    "target_format",
    "duplicate_indicator",
    "missing_field",
    "text_artifact",
)


def money(value: Decimal | None) -> str:
    if value is None:
        return "—"
    text = f"{value:,}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def serious(finding) -> tuple[int, int, int]:
    weight = WEIGHT.index(finding.category) if finding.category in WEIGHT else len(WEIGHT)
    return (-finding.severity.rank, weight, finding.location.line or 0)


def _where(finding) -> str:
    loc = finding.location
    parts = []
    if loc.line:
        parts.append(f"line {loc.line}")
    if loc.indicator is not None:
        parts.append(f"indicator {loc.indicator + 1}")
    elif loc.field and loc.field != "indicators":
        parts.append(FIELD_LABELS.get(loc.field, loc.field))
    return ", ".join(parts)


def form_section(review: FormReview) -> list[str]:
    counts = Counter(f.severity for f in review.findings)
    head = (
        f"**{review.seq} {review.project_name} — {review.score} {review.grade}** "
        f"({money(review.requested_yuan)} 元; "
        + ", ".join(f"{counts[s]} {PLURAL[s]}" for s in Severity)
        + "). "
        + " · ".join(f"{k} {v}" for k, v in review.criteria_scores.items())
    )
    lines = [head]
    ranked = sorted(review.findings, key=serious)
    for n, finding in enumerate(ranked[:3], 1):
        place = _where(finding)
        lines.append(
            f"{n}. `{finding.rule}` ({SEVERITY[finding.severity]}"
            + (f", {place}" if place else "")
            + f"): {finding.message.zh}"
        )
    rest = Counter(f.rule for f in ranked[3:])
    if rest:
        lines.append("   Also: " + ", ".join(f"`{r}` ×{n}" for r, n in sorted(rest.items())) + ".")
    return lines


def render(report: ReviewReport) -> str:
    s = report.summary
    grades = " · ".join(f"{g} {n}" for g, n in s.grades.items())
    requested = sum((r.requested_yuan or Decimal(0) for r in report.forms), Decimal(0))
    out = [
        "# Automated review of the seed document",
        "",
        "`jixiao review tests/data/seed/000_5de6d4488e662275.txt` on the fifteen forms of the 2021",
        '"项目经费情况说明" (default settings, `src/jixiao/data/review/rules.toml`). Made by',
        "`python -m tests.review.seed_review_doc`; `tests/review/test_seed_review.py` checks that this",
        "file is what the review says and pins every finding of every form (rule and place). How the",
        "score is earned: docs/review.md. A field expert's read of every warning and error:",
        "docs/review-precision.md. Line numbers are lines of the seed file.",
        "",
        f"Batch summary: {grades}; average score {s.average_score}. Funds at risk (forms graded",
        f"中 or 差): {money(s.funds_at_risk_yuan)} 元 of {money(requested)} 元 requested.",
        "",
        "| # | project | requested (元) | score | grade | errors | warnings | notes |",
        "|---|---|---:|---:|:-:|---:|---:|---:|",
    ]
    for r in report.forms:
        out.append(
            f"| {r.seq} | {r.project_name} | {money(r.requested_yuan)} | {r.score} | {r.grade} | "
            f"{r.count(Severity.ERROR)} | {r.count(Severity.WARNING)} | {r.count(Severity.INFO)} |"
        )
    out += ["", "## Findings per rule", ""]
    out += [
        "| rule | category | errors | warnings | notes | forms |",
        "|---|---|---:|---:|---:|---|",
    ]
    per_rule: dict[str, Counter[Severity]] = {}
    forms: dict[str, set[int]] = {}
    category: dict[str, str] = {}
    for r in report.forms:
        for f in r.findings:
            per_rule.setdefault(f.rule, Counter())[f.severity] += 1
            forms.setdefault(f.rule, set()).add(r.seq)
            category[f.rule] = f.category
    labels = category_labels("zh")
    for rule in sorted(per_rule):
        c = per_rule[rule]
        out.append(
            f"| `{rule}` | {labels.get(category[rule], category[rule])} | "
            f"{c[Severity.ERROR]} | {c[Severity.WARNING]} | {c[Severity.INFO]} | "
            f"{', '.join(str(n) for n in sorted(forms[rule]))} |"
        )
    total = Counter(f.severity for r in report.forms for f in r.findings)
    out.append(
        f"| all | | {total[Severity.ERROR]} | {total[Severity.WARNING]} | "
        f"{total[Severity.INFO]} | |"
    )
    out += [
        "",
        "## Form by form",
        "",
        "The three most serious findings of each form, then the rest by rule.",
        "",
    ]
    for r in report.forms:
        out += form_section(r)
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def main() -> None:
    sys.stdout.write(render(review_batch(read_path(SEED))))


if __name__ == "__main__":
    main()
