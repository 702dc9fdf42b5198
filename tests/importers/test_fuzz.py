"""Fuzzing the importer: whatever the bytes, it returns forms or raises InputError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.conftest import SEED

from jixiao.errors import InputError
from jixiao.importers import read_bytes

SEED_TEXT = SEED.read_text("utf-8")
SEED_LINES = SEED_TEXT.split("\n")


def _read(data: bytes) -> None:
    try:
        batch = read_bytes(data, "fuzz.txt")
    except InputError as exc:
        assert "fuzz.txt" in str(exc)
        return
    for form in batch.forms:
        for indicator in form.indicators:
            indicator.parsed_target  # noqa: B018


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes(data: bytes) -> None:
    _read(data)


@settings(max_examples=150, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("\t\n\r 　项目名称一级指标二级三值=%>0（）[]:：|")),
        max_size=400,
    )
)
def test_random_text_of_form_words(text: str) -> None:
    _read(text.encode("utf-8"))


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_the_seed_with_lines_dropped_swapped_or_cut(data) -> None:
    lines = list(SEED_LINES)
    for _ in range(data.draw(st.integers(0, 20))):
        i = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "swap", "blank", "tab"]))
        if action == "drop":
            del lines[i]
        elif action == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        elif action == "blank":
            lines.insert(i, "")
        else:
            lines[i] = "\t" + lines[i]
    cut = data.draw(st.integers(1, len(lines)))
    _read("\n".join(lines[:cut]).encode("utf-8"))
