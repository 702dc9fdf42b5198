"""A form's indicator rows in brief, for the batch rules that compare forms row by row
(project.W001 and project.I001 on shared content, generic.W003 on cloned sets).

Batch rules keep what they need of every form until the last one has gone by, so what they keep
per form must be small. A set of (name, target) tuples keeps each row's strings alive, several
kilobytes a form; here a set of rows is the sorted distinct 64-bit hashes of its rows packed as
`bytes` (8 bytes a row): equal sets of rows give equal bytes (hashable, so equal sets meet in a
dict), and `unpacked` gives the set of hashes back for the few sets a subset or overlap test
needs. Python's `hash` of a tuple of str is the same for equal tuples throughout a process (it
varies only between processes, with PYTHONHASHSEED), and one review runs in one process. Two
different rows with one hash would be a collision of 64-bit hashes: astronomically rare.

Made once per form and kept in `ctx.shared`, so that the rules reading it share the work.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable

from jixiao.review.context import FormContext

Rows = bytes  # sorted distinct row hashes, packed (`packed`)


def packed(hashes: Iterable[int]) -> Rows:
    """Row hashes as a compact, hashable set: sorted, each once, 8 bytes apiece."""
    return array("q", sorted(set(hashes))).tobytes()


def hashes(rows: Rows) -> array[int]:
    """The row hashes of a packed set, in order (no set is made)."""
    found = array("q")
    found.frombytes(rows)
    return found


def unpacked(rows: Rows) -> frozenset[int]:
    """A packed set of rows as a set of hashes, for subset and overlap tests."""
    return frozenset(hashes(rows))


def size(rows: Rows) -> int:
    """How many distinct rows a packed set holds."""
    return len(rows) // 8


def form_rows(ctx: FormContext) -> Rows:
    """The form's indicator rows, (name, target) as written, each once."""
    found = ctx.shared.get("rowsets.rows")
    if found is None:
        found = ctx.shared["rowsets.rows"] = packed(
            hash((ind.name, ind.target)) for ind in ctx.form.indicators
        )
    return found  # type: ignore[return-value]
