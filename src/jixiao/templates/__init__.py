"""Templates: the paper forms of each region, as data (docs/templates.md).

A template is one TOML file in `jixiao/data/templates/` (or in the folder named by the
environment variable `JIXIAO_TEMPLATES`, whose files are added to the bundled ones): the labels of
its fields and their variants, its funds block and where the unit is stated, its indicator table
(columns, side-by-side period blocks, extra columns), its footnote markers, the fields it
requires, the review rule set and taxonomy it follows, and how a form is written back in it.
Adding a region is adding a file: its labels join what the reader knows, and `detect` finds it.

Pure: no Django. `templates()` loads every file once per process; a file that is wrong is refused
with its name and the key at fault.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType
from typing import Any

from jixiao.domain.columns import FLAT_NAME
from jixiao.domain.form import HEADER_FIELDS, TemplateMatch
from jixiao.domain.taxonomy import SCHEMES
from jixiao.errors import InputError
from jixiao.i18n import Text

__all__ = [
    "DEFAULT",
    "Template",
    "TemplateMatch",
    "detect",
    "get",
    "load",
    "templates",
]

DEFAULT = "shanghai-district"  # the seed's layout: what a form with no better match is read as

# Canonical names a template may give labels for.
FIELD_NAMES = HEADER_FIELDS
# A cell that gives the start and the end at once (项目起止时间 `2023.07-2024.01`): read into
# planned_start and planned_end (docs/templates.md, *What a template file says*).
PERIOD_FIELD = "planned_period"
FUNDS_NAMES = (
    "project_total",
    "project_fiscal",
    "project_other",
    "annual_request",
    "annual_appropriation",
    "annual_carryover",
    "other",  # a cell called 其他资金 on both sides: the reader tells which by its place
)
GOAL_NAMES = ("section", "overall_goal", "annual_goal")
# `other_tables`: the headings of the form's tables that hold no indicators (a cost breakdown,
# its 测算依据): the reader skips their rows, with a note.
TABLE_ROLES = ("section", "level1", "level2", "name", "target", "midterm", "other_tables")
UNITS = ("元", "万元")
UNIT_PLACES = ("label", "header", "cell")
PERIODS = ("midterm", "annual")


@dataclass(frozen=True)
class PeriodBlock:
    """One of the side-by-side blocks of a table (中期 | 年度): its period and the headings that
    open it (`中期目标`, `实施期绩效指标`, `年度目标` ...)."""

    period: str
    headings: tuple[str, ...]


@dataclass(frozen=True)
class Template:
    """One region's paper form. Label lists give the label as the blank form prints it first,
    then the variants real forms use; every label is compared folded (`importers.labels.fold`)."""

    id: str
    name: str
    region: str
    path: str
    sources: tuple[str, ...] = ()  # where the blank form or published forms of it were found
    scheme: str = "classic"  # indicator taxonomy (`domain.taxonomy.SCHEMES`): classic, mof2021 ...
    ruleset: str | None = None  # the review's [rulesets.NAME] merged over the base
    titles: tuple[str, ...] = ()
    fields: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    funds: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    funds_section: tuple[str, ...] = ()
    funds_unit: str | None = None  # the unit the blank form prints, when a form states none
    funds_unit_at: tuple[str, ...] = UNIT_PLACES  # where a form states its unit
    # The amount the 合计 row of the form's cost breakdown (`table.other_tables`) gives, read
    # from its 金额 column (湖北: annual_request); None where no such table holds an amount.
    funds_table_total: str | None = None
    goals: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    table: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    extra_columns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    columns: tuple[str, ...] = ()  # the table's column headings as printed, left to right
    periods: tuple[PeriodBlock, ...] = ()
    footnotes: tuple[str, ...] = ()
    # Labels the form prints for what no field of jixiao holds (项目负责人及电话, a column for the
    # year-end 年度总体目标完成情况): known as labels, so never read as a value, and part of the
    # template's signature; what stands beside them is noted as text in no field.
    unread: tuple[str, ...] = ()
    required: tuple[str, ...] = ()
    recommended: tuple[str, ...] = ()
    required_funds: tuple[str, ...] = ()
    export: Mapping[str, Any] = field(default_factory=dict)
    # The layout of the grid its forms are printed in, when it is theirs alone (宁夏's批复表:
    # "tree", `importers/tree.py`): detection weighs it for those forms only.
    layout: str | None = None
    # The project columns a ledger prints before its indicator columns, left to right (四川: 单位名称 |
    # 项目名称 | 预算数 | 年度目标), each with the field, fund or goal its label is: how forms of the
    # template are written back as one table (`domain.paper.pages`).
    ledger_columns: tuple[tuple[str, str], ...] = ()

    @property
    def has_fields(self) -> frozenset[str]:
        """The canonical fields (and goals, and funds) this template's form has at all: what
        the review may report as missing."""
        names = {*self.fields, *self.funds, *(g for g in self.goals if g != "section")}
        if self.funds_table_total is not None:
            names.add(self.funds_table_total)
        if PERIOD_FIELD in names:
            names.discard(PERIOD_FIELD)
            names.update({"planned_start", "planned_end"})
        if "other" in names:
            names.discard("other")
            names.update({"project_other", "annual_other"})
        return frozenset(names)

    def without_goals(self, goals: frozenset[str]) -> Template:
        """This template as a form prints it that has no box for `goals` (a form with one goal
        box: `review.engine.template_of`): the same template, those goals left out."""
        if not goals & self.goals.keys():
            return self
        return replace(self, goals={k: v for k, v in self.goals.items() if k not in goals})

    def label_lists(self) -> Iterable[tuple[str, str, tuple[str, ...]]]:
        """(part, canonical name, labels) for every list of labels the template has."""
        for part, table in (
            ("fields", self.fields),
            ("funds", self.funds),
            ("goals", self.goals),
            ("table", self.table),
            ("extra", self.extra_columns),
        ):
            for name, labels in table.items():
                yield part, name, labels
        yield "funds", "section", self.funds_section
        if self.unread:
            yield "unread", "unread", self.unread

    @cached_property
    def printed(self) -> frozenset[str]:
        """The folded labels the blank form prints: the first of each list of its fields,
        funds and goals, the table's section heading and its printed columns. Its signature."""
        from jixiao.importers.labels import fold_label

        heads = [
            labels[0]
            for part, name, labels in self.label_lists()
            if labels
            and (
                part in ("fields", "funds", "goals")
                or (part, name) in (("table", "section"), ("table", "other_tables"))
            )
        ]
        columns = (c for c in self.columns if c != FLAT_NAME)  # 指标: no label, never seen
        return frozenset(fold_label(x) for x in (*heads, *columns, *self.unread))

    @cached_property
    def known(self) -> frozenset[str]:
        """Every folded label of the template, variants included."""
        from jixiao.importers.labels import fold_label

        return frozenset(fold_label(x) for _, _, labels in self.label_lists() for x in labels)


# Loading ----------------------------------------------------------------------------------------


def _bad(path: str, key: str, said: str, said_en: str) -> InputError:
    return InputError(
        Text(f"模板设置“{key}”有误：{said}", f"template setting “{key}” is wrong: {said_en}"),
        path=path,
    )


def _labels(value: Any, path: str, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
        raise _bad(path, key, "应为非空文字的列表", "expected a list of non-empty strings")
    return tuple(value)


def _table(data: Any, path: str, key: str, names: tuple[str, ...] | None) -> dict:
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise _bad(path, key, "应为表", "expected a table")
    out = {}
    for name, labels in data.items():
        if names is not None and name not in names:
            raise _bad(
                path,
                f"{key}.{name}",
                f"未知的栏目（可用：{'、'.join(names)}）",
                f"unknown name (known: {', '.join(names)})",
            )
        out[name] = _labels(labels, path, f"{key}.{name}")
    return out


def load(path: str | Path) -> Template:
    """One template file, checked: InputError with the file and the key at fault."""
    name = str(path)
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(
            Text("无法读取模板：{e}", "cannot read the template: {e}").format(e=exc.strerror),
            path=name,
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(
            Text("模板不是有效的 TOML：{e}", "the template is not valid TOML: {e}").format(e=exc),
            path=name,
        ) from None
    return from_data(data, name)


def from_data(data: Mapping[str, Any], path: str) -> Template:
    for key in ("id", "name", "region"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise _bad(path, key, "必填的文字", "a required string")
    funds_data = dict(data.get("funds") or {})
    unit = funds_data.pop("unit", None) or None
    if unit is not None and unit not in UNITS:
        raise _bad(path, "funds.unit", "只能是“元”或“万元”", "must be 元 or 万元")
    unit_at = _labels(funds_data.pop("unit_at", list(UNIT_PLACES)), path, "funds.unit_at")
    if not set(unit_at) <= set(UNIT_PLACES):
        raise _bad(path, "funds.unit_at", "只能是 label、header、cell", "label, header or cell")
    section = _labels(funds_data.pop("section", ["项目资金"]), path, "funds.section")
    table_total = funds_data.pop("other_table_total", None)
    if table_total is not None and table_total not in FUNDS_NAMES[:-1]:
        raise _bad(
            path,
            "funds.other_table_total",
            f"应为资金栏目之一（{'、'.join(FUNDS_NAMES[:-1])}）",
            f"must be one of {', '.join(FUNDS_NAMES[:-1])}",
        )
    table_data = dict(data.get("table") or {})
    columns = (
        _labels(table_data.pop("columns", None) or [], path, "table.columns")
        if table_data.get("columns")
        else ()
    )
    table_data.pop("columns", None)
    extra = _table(table_data.pop("extra", None), path, "table.extra", None)
    blocks = []
    for k, block in enumerate(table_data.pop("periods", None) or []):
        where = f"table.periods[{k}]"
        if not isinstance(block, dict) or block.get("period") not in PERIODS:
            raise _bad(path, where, "period 应为 midterm 或 annual", "period: midterm or annual")
        blocks.append(PeriodBlock(block["period"], _labels(block.get("headings"), path, where)))
    scheme = data.get("scheme", "classic")
    if scheme not in SCHEMES:
        known = "、".join(SCHEMES)
        raise _bad(path, "scheme", f"只能是 {known}", f"must be one of {', '.join(SCHEMES)}")
    required = data.get("required") or {}
    known = {
        *FIELD_NAMES,
        *FUNDS_NAMES,
        "project_other",
        "annual_other",
        "overall_goal",
        "annual_goal",
    }
    lists = {}
    for key in ("fields", "recommended", "funds"):
        values = (
            _labels(required.get(key, []), path, f"required.{key}") if required.get(key) else ()
        )
        unknown = [v for v in values if v not in known]
        if unknown:
            raise _bad(path, f"required.{key}", f"未知的栏目 {unknown[0]}", f"unknown {unknown[0]}")
        lists[key] = values
    return Template(
        id=data["id"],
        name=data["name"],
        region=data["region"],
        path=path,
        sources=_labels(data["sources"], path, "sources") if data.get("sources") else (),
        scheme=scheme,
        ruleset=data.get("ruleset") or None,
        titles=_labels(data["titles"], path, "titles") if data.get("titles") else (),
        fields=MappingProxyType(
            _table(data.get("fields"), path, "fields", (*FIELD_NAMES, PERIOD_FIELD))
        ),
        funds=MappingProxyType(_table(funds_data, path, "funds", FUNDS_NAMES)),
        funds_section=section,
        funds_unit=unit,
        funds_unit_at=unit_at,
        funds_table_total=table_total,
        goals=MappingProxyType(_table(data.get("goals"), path, "goals", GOAL_NAMES)),
        table=MappingProxyType(_table(table_data, path, "table", TABLE_ROLES)),
        extra_columns=MappingProxyType(extra),
        columns=columns,
        periods=tuple(blocks),
        footnotes=_labels(data["footnotes"], path, "footnotes") if data.get("footnotes") else (),
        unread=_labels(data["unread"], path, "unread") if data.get("unread") else (),
        required=lists["fields"],
        recommended=lists["recommended"],
        required_funds=lists["funds"],
        export=MappingProxyType(dict(data.get("export") or {})),
        layout=_layout(data.get("layout"), path),
        ledger_columns=_ledger_columns(data, path),
    )


def _ledger_columns(data: Mapping[str, Any], path: str) -> tuple[tuple[str, str], ...]:
    """`ledger_columns`, each label resolved to the field, fund or goal it is a label of."""
    if not data.get("ledger_columns"):
        return ()
    if data.get("layout") != "ledger":
        raise _bad(
            path, "ledger_columns", '仅用于 layout = "ledger"', 'only with layout = "ledger"'
        )
    named = {
        label: name
        for part in ("fields", "funds", "goals")
        for name, labels in (data.get(part) or {}).items()
        if isinstance(labels, list)
        for label in labels
    }
    out = []
    for label in _labels(data["ledger_columns"], path, "ledger_columns"):
        if label not in named:
            raise _bad(
                path,
                "ledger_columns",
                f"“{label}”不是本表样的栏目名",
                f"“{label}” is no label of the template's fields, funds or goals",
            )
        out.append((label, named[label]))
    return tuple(out)


LAYOUTS = ("tree", "ledger")  # the grids of one template's forms alone (`Template.layout`)


def _layout(value: Any, path: str) -> str | None:
    if value is None:
        return None
    if value not in LAYOUTS:
        raise _bad(
            path, "layout", f"只能是 {'、'.join(LAYOUTS)}", f"must be one of {', '.join(LAYOUTS)}"
        )
    return str(value)


_LOADED: list[dict[str, Template]] = []


def template_files() -> list[Path]:
    """The bundled template files, then those of `JIXIAO_TEMPLATES` (a folder), by name."""
    bundled = Path(str(files("jixiao.data").joinpath("templates")))
    found = sorted(bundled.glob("*.toml"))
    extra = os.environ.get("JIXIAO_TEMPLATES")
    if extra:
        folder = Path(extra)
        if not folder.is_dir():
            raise InputError(
                Text("JIXIAO_TEMPLATES 不是文件夹", "JIXIAO_TEMPLATES is not a folder"),
                path=extra,
            )
        found += sorted(folder.glob("*.toml"))
    return found


def templates() -> dict[str, Template]:
    """Every template by id, the default first. Loaded once per process."""
    if not _LOADED:
        loaded: dict[str, Template] = {}
        for path in template_files():
            template = load(path)
            if template.id in loaded:
                raise _bad(
                    str(path),
                    "id",
                    f"与 {loaded[template.id].path} 重复",
                    f"the same as in {loaded[template.id].path}",
                )
            loaded[template.id] = template
        if DEFAULT not in loaded:
            raise InputError(
                Text(f"缺少默认模板 {DEFAULT}", f"the default template {DEFAULT} is missing")
            )
        ordered = {DEFAULT: loaded.pop(DEFAULT), **dict(sorted(loaded.items()))}
        _LOADED.append(ordered)
    return _LOADED[0]


def get(template_id: str | None) -> Template:
    """The template called `template_id`; the default for None or an unknown id."""
    known = templates()
    return known.get(template_id or DEFAULT) or known[DEFAULT]


# Detection --------------------------------------------------------------------------------------

_HUNDREDTH = Decimal("0.01")


def _score(template: Template, seen: frozenset[str], title: str | None) -> Decimal:
    """How well `template` explains the labels seen: the share of its printed labels found
    (recall) and the share of the labels found that it knows (precision), as their harmonic
    mean; a title the template prints counts as one more printed label found."""
    printed = template.printed
    known = template.known
    found = len(printed & seen)
    total = len(printed)
    if title and template.titles and any(t in title for t in template.titles):
        found += 1
        total += 1
    recall = Decimal(found) / total if total else Decimal(0)
    precision = Decimal(len(seen & known)) / len(seen) if seen else Decimal(0)
    if not recall or not precision:
        return Decimal(0)
    return (2 * recall * precision / (recall + precision)).quantize(_HUNDREDTH, ROUND_HALF_UP)


def detect(
    seen: Iterable[str], title: str | None = None, layout: str | None = None
) -> TemplateMatch:
    """The template that explains the folded labels `seen` best, with its confidence (0 to 1)
    and the runner-up's. Ties go to the default template, then by id. A template printed in a
    layout of its own (`layout`: 宁夏's tree) is weighed for the forms read in that layout only,
    and they for it only."""
    labels = frozenset(seen)
    folded_title = None
    if title:
        from jixiao.importers.labels import fold

        folded_title = fold(title)
    every = templates().values()
    own = [t for t in every if t.layout is not None and t.layout == layout]
    candidates = own or [t for t in every if t.layout is None]
    scored = sorted(
        ((_score(t, labels, folded_title), t.id) for t in candidates),
        key=lambda pair: (-pair[0], pair[1] != DEFAULT, pair[1]),
    )
    (best, best_id), *rest = scored
    runner = rest[0] if rest else (None, None)
    return TemplateMatch(best_id, best, runner[1], runner[0])
