"""project.W001 / project.I001: the same project name in more than one form of a batch
(docs/review.md, duplicate_project).

The same work may be funded twice when the same unit files the name twice, or when the forms say
the same thing: their goals share most of their wording, or their indicator sets most of their
rows (project.W001, a warning). Different units doing different work under a common name
(网络信息系统运行与维护) are no double funding: a note asks for a name that says what the project
does (project.I001). What counts as the same unit and as shared content are settings
(`[project]`).

Grouped in a dict as the forms go by; the content of a form is compared with a bounded number of
forms of the same name (`project.compare_max`): linear in the forms.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from jixiao.domain.make import maker
from jixiao.i18n import Text
from jixiao.review.context import FormContext
from jixiao.review.lexicon import clean
from jixiao.review.model import Basis, Finding, Location, Severity
from jixiao.review.registry import Rule, register
from jixiao.review.rowsets import Rows, packed, size, unpacked
from jixiao.review.settings import ReviewSettings

# A bracketed part of a unit's name (（本部）, （上海市松江区大数据中心）), closed or not.
_BRACKETED = re.compile(r"[（(][^）)]*(?:[）)]|$)")
_HAN_RUN = re.compile("[\u4e00-\u9fa5]+")


def unit_key(unit: str | None) -> str | None:
    """A unit's name for comparing: white space and bracketed parts left out; None when empty."""
    key = _BRACKETED.sub("", clean(unit))
    return key or None


@dataclass(frozen=True, slots=True)
class Declared:
    """What the rule keeps of a form with a name: where it is and what it says, in brief."""

    index: int
    seq: int
    line: int | None  # of the project name
    name: str
    unit: str | None
    goal: str
    content: Rows  # its rows that tell projects apart (`content_rows`), packed (`rowsets`)
    unit_as_compared: str | None  # `unit_key(unit)`, read once: each form is compared many times

    @property
    def location(self) -> Location:
        return Location(field="project_name", line=self.line)

    @property
    def unit_key(self) -> str | None:
        return self.unit_as_compared


_make_declared = maker(Declared)


def _declared(ctx: FormContext) -> Declared | None:
    """What both rules of this module keep of a form, made once per form."""
    found = ctx.shared.get("project:declared", _UNSEEN)
    if found is _UNSEEN:
        form = ctx.form
        found = ctx.shared["project:declared"] = (
            _make_declared(
                ctx.index,
                form.seq,
                form.line_of("project_name"),
                form.project_name,
                form.implementing_unit,
                ctx.goal_texts,
                content_rows(ctx),
                unit_key(form.implementing_unit),
            )
            if clean(form.project_name)
            else None
        )
    return found  # type: ignore[return-value]


_UNSEEN = object()


def content_rows(ctx: FormContext) -> Rows:
    """The rows that tell projects apart, (name, target) with white space removed: generic and
    satisfaction rows are alike anywhere. Kept per form for the whole batch, so packed
    (`rowsets`); each distinct row is read once per settings (bounded), as rows repeat."""
    cache = ctx.memo.table(_CONTENT)
    found = []
    for ind in ctx.form.indicators:
        key = (ind.name, ind.target)
        row = cache.get(key, _UNSEEN)
        if row is _UNSEEN:
            row = cache[key] = _content_hash(ctx, ind.name, ind.target)
        if row is not None:
            found.append(row)
    return packed(found)  # type: ignore[arg-type]


def _content_hash(ctx: FormContext, name: str, target: str) -> int | None:
    """The hash of a row as compared (see `rowsets`), or None for a row left out."""
    lex = ctx.lexicon
    if lex.is_generic(name) or lex.is_satisfaction(name):
        return None
    return hash((clean(name), clean(target)))


_CONTENT = "project:content"  # the memo's table: (name, target) -> the row's content hash


def _grams(text: str, n: int) -> frozenset[str]:
    """The runs of n Chinese characters of a text."""
    return frozenset(
        run[i : i + n] for run in _HAN_RUN.findall(text) for i in range(len(run) - n + 1)
    )


class Overlap:
    """Whether two forms of one name are one project: the same unit, or shared content."""

    def __init__(self, settings: ReviewSettings) -> None:
        self.n = int(settings.get("project.goal_ngram"))
        self.goal_min = int(settings.get("project.goal_min_ngrams"))
        self.goal_share = float(settings.get("project.goal_overlap"))
        self.rows_min = int(settings.get("project.rows_min_shared"))
        self.rows_share = float(settings.get("project.rows_overlap"))
        self._grams: dict[int, frozenset[str]] = {}
        self._content: dict[int, frozenset[int]] = {}

    def reason(self, a: Declared, b: Declared) -> str | None:
        """Why a and b look like one project (in Chinese, for the basis), or None."""
        key = a.unit_key
        if key is not None and key == b.unit_key:
            return "实施单位相同"
        shared = len(self.content(a) & self.content(b))
        smaller = min(size(a.content), size(b.content))
        if shared >= self.rows_min and shared > self.rows_share * smaller:
            return f"指标有 {shared} 行相同"
        ga, gb = self.grams(a), self.grams(b)
        smaller = min(len(ga), len(gb))
        if smaller >= self.goal_min and len(ga & gb) > self.goal_share * smaller:
            return "绩效目标表述大量相同"
        return None

    def content(self, d: Declared) -> frozenset[int]:
        """The rows that tell projects apart (`content_rows`), as a set of hashes."""
        found = self._content.get(d.index)
        if found is None:
            found = self._content[d.index] = unpacked(d.content)
        return found

    def forget(self) -> None:
        """Let go of what was read of a group's forms: forms are compared within their group
        only, so a group's sets need not outlive it (the grams of a goal are many strings)."""
        self._grams.clear()
        self._content.clear()

    def grams(self, d: Declared) -> frozenset[str]:
        found = self._grams.get(d.index)
        if found is None:
            found = self._grams[d.index] = _grams(d.goal, self.n)
        return found


class SameName(Rule):
    """Forms of a batch with the same project name (and budget year)."""

    category = "duplicate_project"
    scope = "batch"
    one_project: ClassVar[bool]  # the forms this rule speaks of: one project, or only one name

    def __init__(self) -> None:
        self.groups: dict[tuple[int | None, str], list[Declared]] = {}
        self.settings: ReviewSettings | None = None

    def collect(self, ctx: FormContext) -> None:
        declared = _declared(ctx)
        if declared is not None:
            self.settings = ctx.settings
            key = (ctx.form.budget_year, clean(ctx.form.project_name))
            self.groups.setdefault(key, []).append(declared)

    def emit(self) -> Iterator[tuple[int, Finding]]:
        if self.settings is None:
            return
        overlap = Overlap(self.settings)
        limit = int(self.settings.get("project.compare_max"))
        for group in self.groups.values():
            if len(group) >= 2:
                yield from self._group(group, overlap, limit)
                overlap.forget()

    def _group(
        self, group: list[Declared], overlap: Overlap, limit: int
    ) -> Iterator[tuple[int, Finding]]:
        units = "；".join(f"第{d.seq}表 {d.unit or '？'}" for d in group[:5])
        for declared in group:
            others = [d for d in group[: limit + 1] if d is not declared][:limit]
            alike = [(d, why) for d in others if (why := overlap.reason(declared, d))]
            if bool(alike) is not self.one_project:
                continue
            named = [d for d, _ in alike] if alike else others
            why = "；".join(sorted({w for _, w in alike}))
            yield (
                declared.index,
                self.finding(
                    declared.location,
                    Basis(
                        f"{declared.name}：{units}" + (f"；{why}" if why else ""),
                        "project.goal_overlap, project.rows_overlap",
                    ),
                    related=tuple(d.index for d in named[:50]),
                    name=declared.name,
                    others="、".join(str(d.seq) for d in named[:20]),
                ),
            )


@register
class DuplicateProject(SameName):
    """The same name from the same unit, or with the same content: possibly funded twice."""

    id = "project.W001"
    severity = Severity.WARNING
    one_project = True
    title = Text("项目重复申报", "project declared twice")
    message = Text(
        "项目名称“{name}”与第 {others} 表相同，可能重复申报",
        "project “{name}” has the same name as form(s) {others}: possibly declared twice",
    )
    hint = Text(
        "请核实是否为同一项目；如不同，请在名称中区分内容或实施单位",
        "check whether it is the same project; if not, make the names tell them apart",
    )


@register
class SharedName(SameName):
    """The same name for different units' different work: the name says too little."""

    id = "project.I001"
    severity = Severity.INFO
    one_project = False
    title = Text("项目名称不够具体", "project name not specific")
    message = Text(
        "项目名称“{name}”与第 {others} 表相同，但实施单位和内容均不同",
        "project “{name}” has the same name as form(s) {others}, "
        "though the units and the work differ",
    )
    hint = Text(
        "建议在项目名称中写明具体内容或对象，便于区分",
        "say in the name what the project does, so that it is told apart",
    )
