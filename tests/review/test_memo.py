"""A review keeps what it works out in its own memo: the settings stay immutable, and no module
of the review holds anything once a review is over (issue 11, item 2)."""

import dataclasses
import importlib
import pkgutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import jixiao.review
from jixiao.importers import read_path
from jixiao.review import review_batch
from jixiao.review.engine import default_settings
from jixiao.review.memo import ReviewMemo
from jixiao.review.registry import load_rules
from jixiao.review.settings import load_settings

SEED = sorted(Path("tests/data/seed").glob("*.txt"))


def test_the_default_settings_cannot_be_changed():
    settings = default_settings()
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.name = "mine"  # type: ignore[misc]
    with pytest.raises(TypeError):
        settings.data["thresholds"] = {}  # type: ignore[index]
    with pytest.raises(TypeError):
        settings.get("thresholds")["max_satisfaction"] = 1
    with pytest.raises(AttributeError):
        settings.get("goal.empty_phrases").append("无")
    with pytest.raises(TypeError):
        settings.get("grades.bands")[0]["min"] = 0


def test_settings_hold_no_memo():
    # the named rule sets and the names merged are what the file says, not what a review derives
    fields = [f.name for f in dataclasses.fields(load_settings())]
    assert fields == ["data", "name", "rulesets", "applied"]


def _module_state() -> dict[str, int]:
    """The size of every container and cache at module level in the review's modules."""
    load_rules()
    sizes = {}
    for info in pkgutil.walk_packages(jixiao.review.__path__, "jixiao.review."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if hasattr(value, "cache_info"):
                sizes[f"{info.name}.{name}"] = value.cache_info().currsize
            elif isinstance(value, dict | list | set):
                sizes[f"{info.name}.{name}"] = len(value)
    return sizes


def test_a_review_leaves_nothing_behind_in_the_modules():
    batch = read_path(str(SEED[0]))
    review_batch(batch)  # whatever loads once (the rules) is loaded
    before = _module_state()
    review_batch(batch, load_settings(region="none", budget_year=2024))
    assert _module_state() == before


def test_two_reviews_of_one_settings_give_the_same_report():
    batch = read_path(str(SEED[0]))
    settings = load_settings()
    assert review_batch(batch, settings) == review_batch(batch, settings)


@given(st.lists(st.text(max_size=3), max_size=60), st.integers(min_value=1, max_value=8))
def test_a_memo_answers_as_the_function_and_stays_bounded(texts, limit):
    memo = ReviewMemo(default_settings())
    calls = []

    def reverse(text: str) -> str:
        calls.append(text)
        return text[::-1]

    for text in texts:
        assert memo.call(reverse, text) == text[::-1]
        assert len(memo.table("mine", limit)) <= limit + 1
        memo.table("mine", limit)[text] = True
    assert len(calls) == len(set(texts))  # each distinct text worked out once
    memo.call(reverse, "fresh")
    assert calls[-1] == "fresh"  # a new argument is worked out, the others answered
