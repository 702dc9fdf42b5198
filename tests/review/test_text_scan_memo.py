"""The text rules read each distinct indicator name and target once; what they find is unchanged."""

import contextlib
import glob
import importlib

import pytest
from tests.review.conftest import add_indicator, clean_form

from jixiao.importers import read_path
from jixiao.review.context import FormContext
from jixiao.review.engine import default_settings
from jixiao.review.registry import load_rules
from jixiao.review.textscan import find_markup, is_punctuation_only


def _text_brackets():
    load_rules()
    return importlib.import_module("jixiao.review.rules.text_brackets")


def _every_text(module, ctx):
    """What the text rules read, every text in order: the scan `found_in_texts` must equal."""
    for field_name, place, text in module.field_texts(ctx):
        yield ctx.at(field_name), place, text
    for view in ctx.indicators:
        ind = view.indicator
        yield view.location, ("name", ind.name), ind.name
        if ind.target:
            yield view.location, ("target", ind.name), ind.target


def _forms():
    form = clean_form()
    form = add_indicator(form, "产出指标", "数量指标", "（", "≥1个")
    form = add_indicator(form, "产出指标", "数量指标", "培训（人次", "≥100人次")
    form = add_indicator(form, "产出指标", "数量指标", "培训（人次", "[bookmark: _GoBack]")
    form = add_indicator(form, "产出指标", "数量指标", "）", "）")
    forms = [form, form]
    for path in sorted(glob.glob("tests/data/**/*.txt", recursive=True)):
        with contextlib.suppress(Exception):  # files meant to fail the import
            forms += read_path(path).forms
    return forms


@pytest.mark.parametrize("read", ["unbalanced", "punctuation", "markup"])
def test_found_in_texts_is_the_scan_of_every_text(read):
    module = _text_brackets()
    read = {
        "unbalanced": module._unbalanced,
        "punctuation": is_punctuation_only,
        "markup": find_markup,
    }[read]
    settings = default_settings()
    found = 0
    for form in _forms():
        ctx = FormContext(form, settings)
        expected = [(*t, read(t[2])) for t in _every_text(module, ctx) if read(t[2])]
        assert list(module.found_in_texts(ctx, read)) == expected
        found += len(expected)
    assert found >= 2  # the rows added above are found, in both copies of the form
