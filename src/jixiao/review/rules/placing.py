"""Findings that depend on a few values but not on where they are: made once per review, placed.

Making a finding formats its texts and looks up the shared message, hint and basis; placing a
finding made before at another location is a third of that. Names, headings and fields repeat
across the forms of a batch, so a rule keeps its findings by what they say (on the rule object,
which lives for one review, bounded) and places them where they occur, as the engine places the
findings of a repeated indicator row.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from jixiao.review.model import Basis, Finding, Location, Severity
from jixiao.review.registry import Rule, placed

_LIMIT = 20_000


def placed_finding(
    rule: Rule,
    key: Hashable,
    location: Location,
    basis: Basis,
    *,
    severity: Severity | None = None,
    **values: Any,
) -> Finding:
    """`rule.finding(location, basis, severity=severity, **values)`, made once per `key` in a
    review and placed at `location`. `key` must determine everything but the location."""
    memo: dict[Hashable, Finding] | None = rule.__dict__.get("_placed")
    if memo is None or len(memo) > _LIMIT:
        memo = rule.__dict__["_placed"] = {}
    found = memo.get(key)
    if found is None:
        found = memo[key] = rule.finding(location, basis, severity=severity, **values)
    return found if found.location is location else placed(found, location)
