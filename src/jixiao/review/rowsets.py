"""A form's indicator rows as a set, for the batch rules that compare forms row by row
(project.W001 and project.I001 on shared content, generic.W003 on cloned sets).

Made once per form and kept in `ctx.memo`, so that the rules reading it share the work.
"""

from __future__ import annotations

from operator import attrgetter

from jixiao.review.context import FormContext

Row = tuple[str, str]  # (name, target), both as written
_ROW = attrgetter("name", "target")


def form_rows(ctx: FormContext) -> frozenset[Row]:
    """The form's indicator rows, each once."""
    found = ctx.memo.get("rowsets.rows")
    if found is None:
        found = ctx.memo["rowsets.rows"] = frozenset(map(_ROW, ctx.form.indicators))
    return found  # type: ignore[return-value]
