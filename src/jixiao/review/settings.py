"""Review settings: thresholds, grade bands, weights and word lists, read from a TOML file.

Regions and budget years differ; their differences are data. The default file
(`jixiao/data/review/rules.toml`) holds the base settings and named rule sets under `[rulesets.*]`;
a rule set that matches the region and budget year asked for is merged over the base (tables
merge key by key, other values replace). Every rule reads its values through `get`, so a finding
can name the setting it applied.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from importlib import resources
from types import MappingProxyType
from typing import Any

from jixiao.domain.form import FUNDS_FIELDS
from jixiao.errors import InputError
from jixiao.i18n import Text
from jixiao.review.criteria import check_weights
from jixiao.templates import FIELD_NAMES, Template

DEFAULT_FILE = "rules.toml"
_MISSING = object()


def frozen(value: Any) -> Any:
    """`value` made read-only all the way down: tables as `MappingProxyType`, lists as tuples."""
    if isinstance(value, Mapping):
        return MappingProxyType({k: frozen(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return tuple(frozen(v) for v in value)
    return value


def _paths(node: Mapping[str, Any], prefix: str = "") -> Iterator[tuple[str, Any]]:
    """Every dotted path of the tables and the value at it (`thresholds.max_satisfaction`)."""
    for key, value in node.items():
        path = prefix + key
        yield path, value
        if isinstance(value, Mapping):
            yield from _paths(value, path + ".")


@dataclass(frozen=True)
class ReviewSettings:
    """Merged settings; `name` says which file and rule sets they came from.

    Immutable: the tables are read-only and nothing is written to the object after it is made
    (what a review derives and reuses lives in that review's `ReviewMemo`, docs/review.md). What
    follows from the settings alone (the dotted paths, the word sets, the grade bands) is
    computed once, when first asked, as a `cached_property`.
    """

    data: Mapping[str, Any]
    name: str = "default"
    # The named rule sets of the file (`[rulesets.NAME]`), kept for the forms whose template
    # names one (`merged`), and the names already merged into `data`.
    rulesets: Mapping[str, Any] = field(default_factory=dict)
    applied: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "data", frozen(self.data))
        object.__setattr__(self, "rulesets", frozen(self.rulesets))

    def merged(self, names: tuple[str, ...]) -> ReviewSettings:
        """These settings with the rule sets `names` merged over them, in order (those already
        merged and those the file does not have are skipped: `has_ruleset` tells which): new
        settings, checked as a file's are; these stay as they are."""
        todo = [n for n in names if n not in self.applied and n in self.rulesets]
        if not todo:
            return self
        data: Mapping[str, Any] = self.data
        name = self.name
        for set_name in todo:
            data = _merge(data, _overrides(self.rulesets[set_name]))
            name = f"{name}+{set_name}"
        _validate(data, name)
        return ReviewSettings(data, name, self.rulesets, (*self.applied, *todo))

    def has_ruleset(self, name: str) -> bool:
        return name in self.rulesets

    @cached_property
    def _values(self) -> dict[str, Any]:
        """Every dotted path's value (private, read by `get` alone; a plain dict reads faster)."""
        return dict(_paths(self.data))

    def get(self, path: str, default: Any = _MISSING) -> Any:
        """A value by dotted path (`thresholds.max_satisfaction`)."""
        found = self._values.get(path, _MISSING)
        if found is _MISSING:
            if default is _MISSING:
                raise KeyError(f"review setting missing: {path}")
            return default
        return found

    def decimal(self, path: str) -> Decimal:
        return Decimal(str(self.get(path)))

    @cached_property
    def _word_sets(self) -> dict[str, frozenset[str]]:
        return {
            path: frozenset(value)
            for path, value in self._values.items()
            if isinstance(value, tuple) and all(isinstance(v, str) for v in value)
        }

    def words(self, path: str) -> frozenset[str]:
        found = self._word_sets.get(path)
        return found if found is not None else frozenset(self.get(path, ()))

    def rule_option(self, rule_id: str, option: str, default: Any = None) -> Any:
        """A per-rule switch from `[rules."id"]` (rule ids hold a dot, so no dotted path)."""
        return (self.get("rules", {}).get(rule_id) or {}).get(option, default)

    @cached_property
    def _grade_bands(self) -> tuple[tuple[Decimal, str], ...]:
        return read_bands(self.get("grades.bands"))

    @property
    def grade_bands(self) -> list[tuple[Decimal, str]]:
        """(lower bound, grade), best first."""
        return list(self._grade_bands)

    @cached_property
    def _criteria_weights(self) -> Mapping[str, Decimal]:
        weights = self.get("criteria.weights").items()
        return MappingProxyType({k: Decimal(str(v)) for k, v in weights})

    @property
    def criteria_weights(self) -> dict[str, Decimal]:
        return dict(self._criteria_weights)

    @cached_property
    def _severity_overrides(self) -> Mapping[str, str]:
        return MappingProxyType(
            {
                rule_id: options["severity"]
                for rule_id, options in self.get("rules", {}).items()
                if options and options.get("severity")
            }
        )

    def severity_overrides(self) -> Mapping[str, str]:
        """Rule id -> the severity `[rules."id"] severity` gives it, for the rules that have one."""
        return self._severity_overrides


def read_bands(bands: Any) -> tuple[tuple[Decimal, str], ...]:
    """A table of grade bands (`[{min, grade}, ...]`) as (lower bound, grade), best first: the
    review's `[grades]` and the self-evaluation's `[evaluation.grades]` alike."""
    return tuple(sorted(((Decimal(str(b["min"])), str(b["grade"])) for b in bands), reverse=True))


def band_of(
    score: Decimal, bands: tuple[tuple[Decimal, str], ...] | list[tuple[Decimal, str]]
) -> str:
    """The grade whose band holds `score` (the lowest band below them all)."""
    return next((grade for low, grade in bands if score >= low), bands[-1][1])


def _merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _overrides(ruleset: Mapping[str, Any]) -> dict[str, Any]:
    """What a rule set changes: all it says but when it applies (`region`, `budget_years`)."""
    return {k: v for k, v in ruleset.items() if k not in ("region", "budget_years")}


def _read(path: str | None) -> tuple[dict[str, Any], str]:
    if path is None:
        text = resources.files("jixiao").joinpath("data", "review", DEFAULT_FILE).read_text("utf-8")
        return tomllib.loads(text), "default"
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle), path
    except FileNotFoundError:
        raise InputError(Text("审核设置文件不存在", "no such settings file"), path=path) from None
    except OSError as exc:
        raise InputError(
            Text("无法读取：{e}", "cannot read: {e}").format(e=exc.strerror), path=path
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(
            Text("审核设置不是有效的 TOML：{e}", "settings are not valid TOML: {e}").format(e=exc),
            path=path,
        ) from None


def _matches(ruleset: Mapping[str, Any], region: str | None, budget_year: int | None) -> bool:
    if ruleset.get("region") and ruleset.get("region") != region:
        return False
    years = ruleset.get("budget_years")
    if years and (budget_year is None or budget_year not in years):
        return False
    return bool(ruleset.get("region") or years)


def load_settings(
    path: str | None = None, region: str | None = None, budget_year: int | None = None
) -> ReviewSettings:
    """Settings from `path` (None: the bundled default), with the matching rule sets merged in.

    A file given by `path` is merged over the bundled default, so it needs to hold only what
    it changes.
    """
    base, _ = _read(None)
    name = "default"
    if path is not None:
        own, name = _read(path)
        base = _merge(base, own)
    data = {k: v for k, v in base.items() if k != "rulesets"}
    rulesets = base.get("rulesets") or {}
    applied = []
    for set_name, ruleset in sorted(rulesets.items()):
        if _matches(ruleset, region, budget_year):
            data = _merge(data, _overrides(ruleset))
            name = f"{name}+{set_name}"
            applied.append(set_name)
    _validate(data, name)
    return ReviewSettings(data, name, rulesets, tuple(applied))


def _validate(data: Mapping[str, Any], name: str) -> None:
    """Refuse settings the rules cannot use, saying which table is wrong."""
    for key in ("grades", "criteria", "scoring", "thresholds"):
        if not isinstance(data.get(key), Mapping):
            raise InputError(
                Text(
                    "审核设置缺少 [{k}] 节或其格式不对",
                    "review settings: [{k}] missing or malformed",
                ).format(k=key),
                path=name,
            )
    probe = ReviewSettings(data, name)
    try:
        probe.grade_bands  # noqa: B018 - parsing is the check
        weights = probe.criteria_weights
        for value in probe.data["thresholds"].values():
            if not isinstance(value, tuple):
                Decimal(str(value))
    except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
        raise InputError(
            Text("审核设置的值无效：{e}", "invalid value in review settings: {e}").format(e=exc),
            path=name,
        ) from None
    check_weights(weights, name)


def template_key(template: Template) -> tuple[object, ...]:
    """What of a template its settings follow (`for_template`): templates alike in it are
    reviewed with the same settings."""
    return (
        template.scheme,
        template.ruleset,
        template.required,
        template.recommended,
        template.required_funds,
        template.has_fields,
    )


# Every field a form may have: a template that has them all leaves `[fields] present` unset.
_EVERY_FIELD = frozenset((*FIELD_NAMES, *FUNDS_FIELDS, "overall_goal", "annual_goal"))


def for_template(settings: ReviewSettings, template: Template) -> ReviewSettings:
    """The settings a form read through `template` is reviewed with (docs/templates.md, "The
    review follows the template"): `settings` with the rule set named after the template's
    taxonomy (`scheme`, when the file has one) and the template's own `ruleset` merged over them;
    the fields asked for are the template's `[required]` (the settings' `[fields]` where the
    template lists none), and a field the template does not have is neither asked for nor
    scored. `settings` itself is `settings` again when the template changes nothing."""
    if template.ruleset and not settings.has_ruleset(template.ruleset):
        raise InputError(
            Text(
                "模板 {t} 的审核规则集 [rulesets.{r}] 在审核设置中不存在",
                "template {t}: its review rule set [rulesets.{r}] is not in the settings",
            ).format(t=template.id, r=template.ruleset),
            path=template.path,
        )
    merged = settings.merged(tuple(n for n in (template.scheme, template.ruleset) if n))
    has = template.has_fields
    fields = dict(merged.get("fields"))
    lists = {
        "required": template.required,
        "recommended": template.recommended,
        "required_funds": template.required_funds,
    }
    own = any(lists.values())  # a template with a [required] table says all it asks for
    for key, listed in lists.items():
        fields[key] = tuple(
            n for n in (listed if own else fields.get(key, ())) if n in has or n == "indicators"
        )
    if not has >= _EVERY_FIELD:
        # what a rule that reads a field asks before it reads an empty one (`FormContext.has`)
        fields["present"] = tuple(sorted(has))
    scoring = dict(merged.get("scoring"))
    scoring["fields"] = {n: p for n, p in scoring["fields"].items() if n in has}
    data = {**merged.data, "fields": fields, "scoring": scoring}
    if frozen(data) == merged.data:
        return merged
    return ReviewSettings(data, merged.name, merged.rulesets, merged.applied)
