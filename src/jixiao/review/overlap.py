"""One row, one finding per problem: overlapping rules on one indicator row (or one field) merge.

docs/review.md, one finding per problem. Several rules may say one problem about one row: on
`信息化程度 提升` in a planting project, relevance.W001 (unrelated to the project), generic.W002 (the
same row in many forms) and measure.W001 (no baseline) all say "a boilerplate row that measures
nothing of this project"; a reviewer writes that once. The same holds for a field: a goal that is
a past funding schedule is one problem, whether read as money only (goal.W004) or as other years
(date.W005). The groups of rules that merge are settings
(`[overlaps] groups`). Of a group's findings on one row, the one of the rule listed first is kept,
at the highest severity of those merged; its message says every merged problem, one after the
other, and its basis lists every merged rule with the text and setting it rested on, so nothing
found is lost. A finding repeated by the same rule on the same row with the same message is kept
once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from jixiao.i18n import Text
from jixiao.review.memo import ReviewMemo
from jixiao.review.model import Basis, Finding, Severity
from jixiao.review.registry import make_finding
from jixiao.review.settings import ReviewSettings

_JOIN = Text("；", "; ")
SETTING = "overlaps.groups"


def members_of(settings: ReviewSettings) -> Mapping[str, tuple[int, int]]:
    """Rule id -> (its group, its rank in the group), from the settings."""
    members: dict[str, tuple[int, int]] = {}
    for number, group in enumerate(settings.get(SETTING, ())):
        for rank, rule_id in enumerate(group):
            members.setdefault(rule_id, (number, rank))
    return members


_SAID = "overlaps:said"  # the memo's table of merged texts (`merged_finding`)


def merge_overlaps(findings: list[Finding], memo: ReviewMemo) -> list[Finding]:
    """The findings of one form with those of one overlap group on one row merged, and a
    finding repeated by one rule on one row for one problem kept once (order kept)."""
    members = memo.once(members_of, lambda: members_of(memo.settings))
    if _nothing_to_merge(findings, members):
        return findings
    seen: dict[tuple[str, int | str], list[int]] = {}  # (rule, place) -> places of its messages
    dropped: set[int] = set()
    buckets: dict[tuple[int | str, int], list[int]] = {}
    for position, finding in enumerate(findings):
        row = _place(finding)
        if row is None:
            continue  # about the form as a whole: nothing to share a place with
        mark = (finding.rule, row)  # and the message: compared only when the rule and row repeat
        places = seen.get(mark)
        if places is None:
            seen[mark] = [position]
        else:
            message = finding.message
            first = next((p for p in places if _same(findings[p].message, message)), None)
            if first is not None:
                if not dropped:
                    findings = list(findings)  # the caller's list is left as it was
                _keep_worse(findings, first, position, dropped)
                continue
            places.append(position)
        member = members.get(finding.rule)
        if member is not None:
            buckets.setdefault((row, member[0]), []).append(position)
    if not dropped and all(len(p) == 1 for p in buckets.values()):
        return findings
    return _merged(findings, buckets, members, dropped, memo.table(_SAID, _SAID_LIMIT))


def _nothing_to_merge(findings: list[Finding], members: Mapping[str, tuple[int, int]]) -> bool:
    """No rule said twice at one place, and no two rules of a group at one place: the common
    case, told in one pass with no finding made or moved."""
    said: set[tuple[object, ...]] = set()
    for finding in findings:
        location = finding.location
        if location.indicator is None and (
            location.field is None or location.field == "indicators"
        ):
            continue  # about the form as a whole: nothing to share a place with
        place = (location.indicator, location.field)
        key = (finding.rule, *place)
        if key in said:
            return False
        said.add(key)
        member = members.get(finding.rule)
        if member is not None:
            key = (member[0], *place)
            if key in said:
                return False
            said.add(key)
    return True


def _same(a: Text, b: Text) -> bool:
    return a is b or a == b


def _place(finding: Finding) -> int | str | None:
    """The row (its index) or the field a finding is about; None for the form as a whole."""
    location = finding.location
    if location.indicator is not None:
        return location.indicator
    field = location.field
    return None if field is None or field == "indicators" else field


def _keep_worse(findings: list[Finding], kept: int, again: int, dropped: set[int]) -> None:
    """A finding said twice: the first place keeps the higher severity of the two."""
    if findings[again].severity.rank > findings[kept].severity.rank:
        findings[kept] = findings[kept].with_severity(findings[again].severity)
    dropped.add(again)


def _merged(
    findings: list[Finding],
    buckets: dict[tuple[int | str, int], list[int]],
    members: Mapping[str, tuple[int, int]],
    dropped: set[int],
    said: dict[tuple[object, ...], tuple[Text, Severity, Basis]] | None = None,
) -> list[Finding]:
    merged: dict[int, Finding] = {}
    for positions in buckets.values():
        if len(positions) > 1:
            positions.sort(key=lambda p: members[findings[p].rule][1])
            merged[positions[0]] = merged_finding([findings[p] for p in positions], said)
            dropped.update(positions[1:])
    return [merged.get(p, f) for p, f in enumerate(findings) if p not in dropped]


def merged_finding(
    found: Sequence[Finding],
    said: dict[tuple[object, ...], tuple[Text, Severity, Basis]] | None = None,
) -> Finding:
    """One finding saying what `found` (one row, first the rule kept) say.

    Rows repeat from form to form, and so do the findings merged on them: `said` (the review's
    memo, bounded) keeps the merged message, severity and basis of each combination once, so a hundred
    thousand forms share them instead of each holding its own joined texts."""
    first = found[0]
    key = tuple((f.rule, f.severity, f.message, f.basis) for f in found)
    texts = said.get(key) if said is not None else None
    if texts is None:
        message = first.message
        for other in found[1:]:
            message = message + _JOIN + other.message
        severity: Severity = max((f.severity for f in found), key=lambda s: s.rank)
        texts = (message, severity, Basis("；".join(_said(f) for f in found), SETTING))
        if said is not None:
            said[key] = texts
    message, severity, basis = texts
    related = tuple(dict.fromkeys(i for f in found for i in f.related_forms))
    return make_finding(
        first.rule,
        first.category,
        severity,
        message,
        first.hint,
        first.location,
        basis,
        first.suggestion,
        related,
    )


_SAID_LIMIT = 20_000


def _said(finding: Finding) -> str:
    """A merged rule in the basis: its id, the text it read and the setting it applied."""
    setting = f" [{finding.basis.setting}]" if finding.basis.setting else ""
    return f"{finding.rule} {finding.basis.text}{setting}"
