"""Review test helpers: the clean forms, a clean form to spoil, running one rule."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from jixiao import templates
from jixiao.domain.form import Form, Indicator
from jixiao.importers import read_path, read_paths
from jixiao.interchange import Batch
from jixiao.review.context import FormContext
from jixiao.review.engine import FormRules, collect, default_settings, emit
from jixiao.review.memo import ReviewMemo
from jixiao.review.model import Finding
from jixiao.review.registry import load_rules
from jixiao.review.settings import ReviewSettings

DATA = Path(__file__).parent.parent / "data"
CLEAN = sorted((DATA / "clean").glob("*.txt"))
SEED = DATA / "seed" / "000_5de6d4488e662275.txt"


def clean_batch() -> Batch:
    return read_paths(CLEAN)


def clean_form(name: str = "innovation") -> Form:
    """A well-written form (tests/data/clean/NAME.txt) to spoil one thing at a time."""
    return read_path(DATA / "clean" / f"{name}.txt").forms[0]


def run(rule_id: str, form: Form, settings: ReviewSettings | None = None) -> list[Finding]:
    """The findings of one per-form rule on one form, by the engine's own path (`FormRules`:
    a row rule's findings are made once per distinct row and placed, as in production)."""
    rule = load_rules()[rule_id]()
    return FormRules([rule]).run(FormContext(form, settings or default_settings()))


def run_batch(rule_id: str, forms: list[Form]) -> list[tuple[int, Finding]]:
    """The findings of one batch rule on the forms, by the engine's own path (`collect` as each
    form goes by, in one review's memo, then `emit`), as (form index, finding)."""
    rule, memo = load_rules()[rule_id](), ReviewMemo(default_settings())
    broken: list[Finding] = []
    for i, form in enumerate(forms):
        collect(FormContext(form, memo.settings, i, memo), [rule], broken)
    assert broken == []  # the rule raised (engine.E001)
    by_form = emit([rule], memo.settings, len(forms))
    return [(i, f) for i, found in by_form.items() for f in found]


def with_indicator(form: Form, index: int, **changes: object) -> Form:
    """The form with one indicator row changed."""
    rows = list(form.indicators)
    rows[index] = replace(rows[index], **changes)
    return form.with_changes(indicators=tuple(rows))


def add_indicator(form: Form, level1: str, level2: str, name: str, target: str) -> Form:
    row = Indicator(level1, level2, name, target, source_lines=(999,))
    return form.with_changes(indicators=(*form.indicators, row))


def where(findings: list[Finding]) -> list[tuple[str, str | None, int | None]]:
    """(rule, field, indicator) of each finding: what the tests compare."""
    return [(f.rule, f.location.field, f.location.indicator) for f in findings]


@pytest.fixture(scope="session")
def clean_forms() -> list[Form]:
    return list(clean_batch().forms)


@pytest.fixture(scope="session")
def seed_review():
    from jixiao.review import review_batch

    return review_batch(read_path(SEED))


@pytest.fixture
def known(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, templates.Template]]:
    """The bundled templates and those a test adds (`known[id] = template`), for this test."""
    loaded = dict(templates.templates())
    monkeypatch.setattr(templates, "_LOADED", [loaded])
    yield loaded
