"""The canonical JSON written piece by piece (orjson, form by form) is byte for byte what the
standard library writes for the whole document (`json.dumps(..., ensure_ascii=False, indent=2)`)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.domain.form import Note
from jixiao.importers import read_path
from jixiao.interchange import Batch, dumps, iter_canonical, loads, to_canonical

SEED = Path(__file__).parent.parent / "data" / "seed" / "000_5de6d4488e662275.txt"
BATCH = read_path(SEED)


def reference(batch: Batch) -> str:
    return json.dumps(to_canonical(batch), ensure_ascii=False, indent=2) + "\n"


def test_the_seed_is_written_as_the_standard_library_writes_it():
    assert dumps(BATCH) == reference(BATCH)
    assert len(list(iter_canonical(BATCH))) > len(BATCH.forms)  # a piece per form at least


def test_no_forms_and_batch_notes():
    empty = Batch(BATCH.sources, (), (Note("layout", "按“种子”版式读取", None),))
    assert dumps(empty) == reference(empty)
    assert loads(dumps(empty)).forms == ()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.text(max_size=40))
def test_any_text_is_written_as_the_standard_library_writes_it(name, goal):
    form = BATCH.forms[0].with_changes(project_name=name or None, annual_goal=goal or None)
    batch = replace(BATCH, forms=(form, BATCH.forms[1]))
    assert dumps(batch) == reference(batch)


def test_the_review_json_is_written_as_the_standard_library_writes_it():
    from jixiao.exporters.review_json import iter_json
    from jixiao.review import review_batch, to_json

    report = review_batch(BATCH)
    expected = json.dumps(to_json(report), ensure_ascii=False, indent=2) + "\n"
    assert b"".join(iter_json(report)).decode("utf-8") == expected
