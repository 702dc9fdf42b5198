"""Applying a finding's suggestion to a form: what the web editor's "accept" and the tests do.

docs/review.md, suggestions. A finding on an indicator row suggests new values of its `name`,
`target`, `level1` or `level2`; a finding on a field (gap.W001 on a goal) that suggests a `name`
suggests a whole new row; any other key names a field of the form. Applied, the suggestion clears
the finding it came with (tests/review/test_suggestions.py walks every one).
"""

from __future__ import annotations

from dataclasses import replace

from jixiao.domain.form import Form, Indicator
from jixiao.review.model import Finding

ROW_KEYS = ("level1", "level2", "name", "target")


def apply_suggestion(form: Form, finding: Finding) -> Form:
    """The form with `finding.suggestion` written in; the form itself if there is none."""
    suggestion = finding.suggestion
    if not suggestion:
        return form
    index = finding.location.indicator
    if index is not None and 0 <= index < len(form.indicators):
        rows = list(form.indicators)
        rows[index] = replace(rows[index], **{k: v for k, v in suggestion.items() if k in ROW_KEYS})
        return form.with_changes(indicators=tuple(rows))
    if "name" in suggestion:  # a new row
        row = Indicator(
            suggestion.get("level1"),
            suggestion.get("level2"),
            suggestion["name"],
            suggestion.get("target", ""),
        )
        return form.with_changes(indicators=(*form.indicators, row))
    fields = {k: v for k, v in suggestion.items() if k in Form.__dataclass_fields__}
    return form.with_changes(**fields) if fields else form
