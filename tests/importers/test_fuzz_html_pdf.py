"""Fuzzing the web page and PDF readers: whatever the markup or the bytes, forms or InputError
naming the file, never another exception."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.errors import InputError
from jixiao.importers import read_bytes

WORDS = [
    "项目名称",
    "甲",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "产出指标",
    "=5人",
    "单位：万元",
    "",
]
SPANS = ["", ' rowspan="0"', ' rowspan="3"', ' colspan="2"', ' colspan="-1"', ' rowspan="x"']
SPANS += [' colspan="99999"', ' rowspan="99999" colspan="3"']


def _read(data: bytes, name: str) -> None:
    try:
        read_bytes(data, name)
    except InputError as exc:
        assert name in str(exc)


cells = st.builds(
    lambda tag, span, word, br: f"<{tag}{span}>{word}{br}</{tag}>",
    st.sampled_from(["td", "th"]),
    st.sampled_from(SPANS),
    st.sampled_from(WORDS),
    st.sampled_from(["", "<br>", "<p>续</p>"]),
)
rows = st.lists(cells, max_size=6).map(lambda c: "<tr>" + "".join(c) + "</tr>")
tables = st.lists(rows, max_size=8).map(lambda r: "<table>" + "".join(r) + "</table>")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(tables, st.sampled_from(WORDS).map(lambda w: f"<p>{w}</p>")), max_size=5),
    st.integers(0, 3),
    st.sampled_from(["utf-8", "gb18030", "utf-16"]),
)
def test_random_tables_of_form_words(parts: list[str], nesting: int, encoding: str) -> None:
    page = "".join(parts)
    for _ in range(nesting):  # tables inside a cell of a table
        page = f"<table><tr><td>{page}</td><td>旁</td></tr></table>"
    _read(f"<html><body>{page}</body></html>".encode(encoding), "fuzz.html")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_random_bytes_called_a_page(data: bytes) -> None:
    _read(b"<html>" + data, "fuzz.html")


LENGTHS = ["0", "10pt", "-5pt", "2.5px", "300pt", "1e9pt", "99999999pt", "auto", "", "12"]
BORDERS = ["", "border-bottom:0.5pt solid #000", "border-right:1px solid", "border:1pt solid"]
BORDERS += ["border:0.5pt none", "border-width:2px;border-style:solid", "background:#000"]
boxes = st.builds(
    lambda where, left, top, width, height, size, border, word: (
        f'<div style="position:absolute;left:{left};{where}:{top};width:{width};'
        f'height:{height};font-size:{size};{border}">{word or "&nbsp;"}</div>'
    ),
    st.sampled_from(["top", "bottom"]),
    *[st.sampled_from(LENGTHS)] * 5,
    st.sampled_from(BORDERS),
    st.sampled_from(WORDS),
)
placed_pages = st.builds(
    lambda width, height, inner: (
        f'<div style="position:relative;width:{width};height:{height}">{"".join(inner)}</div>'
    ),
    st.sampled_from(LENGTHS),
    st.sampled_from(LENGTHS),
    st.lists(boxes, max_size=12),
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(placed_pages, max_size=4))
def test_random_pages_of_placed_boxes(pages: list[str]) -> None:
    """A PDF shown as placed text (`importers/placed.py`), with any lengths, borders and
    words: forms or InputError."""
    _read(f"<html><body>{''.join(pages)}</body></html>".encode(), "placed.html")


@pytest.fixture(scope="module")
def small_pdf(seed_batch) -> bytes:
    from jixiao.exporters.html_export import render_pdf
    from jixiao.interchange import Batch

    return render_pdf(Batch(forms=seed_batch.forms[:1]))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_pdf_with_bytes_changed_or_cut(small_pdf: bytes, data) -> None:
    pdf = bytearray(small_pdf)
    for _ in range(data.draw(st.integers(1, 30))):
        pdf[data.draw(st.integers(0, len(pdf) - 1))] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(pdf)))
    _read(bytes(pdf[:cut] if data.draw(st.booleans()) else pdf), "fuzz.pdf")


@pytest.mark.parametrize(
    "data", ["项目名称\n\n主管部门\n\n项目名称\n", "项目名称|\n主管部门|\n项目名称|\n"]
)
def test_two_forms_of_two_labels_are_read_without_a_traceback(data: str) -> None:
    # found by the fuzzing above: the first form ended with an empty row (the cells before
    # the second 项目名称), and its note of no indicator table looked for that row's line
    batch = read_bytes(data.encode(), "two.txt")
    assert [n.code for f in batch.forms for n in f.notes].count("no-indicator-table") == 2


@pytest.mark.parametrize("data", ["项目名称\n\n项目名称\n", "项目名称|\n项目名称|\n"])
def test_a_name_right_after_a_name_is_the_same_form_noted(data: str) -> None:
    # two forms need more than a name each: the second label names the same form, and the
    # reader says it saw the field twice
    (form,) = read_bytes(data.encode(), "two.txt").forms
    assert [n.code for n in form.notes].count("repeated-field") == 1
