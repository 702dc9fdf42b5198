"""Review settings: thresholds, grade bands, weights and word lists, read from a TOML file.

Regions and budget years differ; their differences are data. The default file
(`jixiao/data/review/rules.toml`) holds the base settings and named rule sets under `[rulesets.*]`;
a rule set that matches the region and budget year asked for is merged over the base (tables
merge key by key, other values replace). Every rule reads its values through `get`, so a finding
can name the setting it applied.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from importlib import resources
from typing import Any

from jixiao.errors import InputError
from jixiao.i18n import Text

DEFAULT_FILE = "rules.toml"
_MISSING = object()


@dataclass(frozen=True)
class ReviewSettings:
    """Merged settings; `name` says which file and rule sets they came from."""

    data: Mapping[str, Any]
    name: str = "default"
    _cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def get(self, path: str, default: Any = _MISSING) -> Any:
        """A value by dotted path (`thresholds.max_satisfaction`)."""
        if path in self._cache:
            return self._cache[path]
        node: Any = self.data
        for part in path.split("."):
            if not isinstance(node, Mapping) or part not in node:
                if default is _MISSING:
                    raise KeyError(f"review setting missing: {path}")
                return default
            node = node[part]
        self._cache[path] = node
        return node

    def decimal(self, path: str) -> Decimal:
        return Decimal(str(self.get(path)))

    def words(self, path: str) -> frozenset[str]:
        key = "words:" + path
        if key not in self._cache:
            self._cache[key] = frozenset(self.get(path, ()))
        return self._cache[key]

    def rule_option(self, rule_id: str, option: str, default: Any = None) -> Any:
        """A per-rule switch from `[rules."id"]` (rule ids hold a dot, so no dotted path)."""
        return (self.get("rules", {}).get(rule_id) or {}).get(option, default)

    @property
    def grade_bands(self) -> list[tuple[Decimal, str]]:
        """(lower bound, grade), best first."""
        if "grade_bands" not in self._cache:
            bands = self.get("grades.bands")
            self._cache["grade_bands"] = sorted(
                ((Decimal(str(b["min"])), str(b["grade"])) for b in bands), reverse=True
            )
        return list(self._cache["grade_bands"])

    @property
    def criteria_weights(self) -> dict[str, Decimal]:
        if "criteria_weights" not in self._cache:
            weights = self.get("criteria.weights").items()
            self._cache["criteria_weights"] = {k: Decimal(str(v)) for k, v in weights}
        return dict(self._cache["criteria_weights"])

    def severity_overrides(self) -> dict[str, str]:
        """Rule id -> the severity `[rules."id"] severity` gives it, for the rules that have one."""
        if "severity_overrides" not in self._cache:
            rules = self.get("rules", {})
            self._cache["severity_overrides"] = {
                rule_id: options["severity"]
                for rule_id, options in rules.items()
                if options and options.get("severity")
            }
        return self._cache["severity_overrides"]


def _merge(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


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
    for set_name, ruleset in sorted((base.get("rulesets") or {}).items()):
        if _matches(ruleset, region, budget_year):
            overrides = {k: v for k, v in ruleset.items() if k not in ("region", "budget_years")}
            data = _merge(data, overrides)
            name = f"{name}+{set_name}"
    _validate(data, name)
    return ReviewSettings(data, name)


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
        probe.criteria_weights  # noqa: B018
        for value in data["thresholds"].values():
            if not isinstance(value, list):
                Decimal(str(value))
    except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
        raise InputError(
            Text("审核设置的值无效：{e}", "invalid value in review settings: {e}").format(e=exc),
            path=name,
        ) from None
