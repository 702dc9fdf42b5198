"""Characters are placed by their baseline, not by the box their font's metrics give them (重庆's
budgets typeset with 方正 fonts box their digits and signs a line below the text they stand in):
a cell's text reads in order whatever box each font gives its characters (docs/templates.md,
*Inputs*, PDF). The published case is read exactly in tests/templates (重庆市科学技术局 2026)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.importers.pdf_reader import _on_their_baselines, cell_text

HEIGHT = 600.0
SIZE = 10.0
WIDTH = 200.0  # the cell's: a line of up to 19 characters


def _char(text: str, x: float, baseline: float, drop: float) -> dict:
    """A character on `baseline` (from the page's top) whose box its font puts `drop` ems lower
    than a well-made font would (0: the baseline at three quarters of the box)."""
    top = baseline - 0.75 * SIZE + drop * SIZE
    return {
        "text": text,
        "x0": x,
        "x1": x + SIZE,
        "top": top,
        "bottom": top + SIZE,
        "y0": HEIGHT - top - SIZE,
        "y1": HEIGHT - top,
        "size": SIZE,
        "upright": True,
        "matrix": (1.0, 0.0, 0.0, 1.0, x, HEIGHT - baseline),
    }


LINES = st.lists(
    st.lists(
        st.sampled_from(list("年度布局关键技术不少于项目0123456789≥%,。")), min_size=1, max_size=19
    ),
    min_size=1,
    max_size=4,
)


@settings(max_examples=200, deadline=None)
@given(LINES, st.data())
def test_a_cells_lines_read_in_order_whatever_box_each_font_gives(lines, data) -> None:
    # each character's font: well made, or its box put up to a line below its baseline, or
    # half a line above it
    drops = {
        c: data.draw(st.sampled_from([0.0, 0.0, 0.1, -0.2, 0.3, 0.6, 0.8, 1.0, -0.5]))
        for c in sorted(set("".join(map("".join, lines))))
    }
    chars = []
    for n, line in enumerate(lines):
        baseline = 100.0 + n * 1.6 * SIZE
        chars += [_char(c, 10.0 + k * SIZE, baseline, drops[c]) for k, c in enumerate(line)]
    box = (5.0, 80.0, 5.0 + WIDTH, 100.0 + len(lines) * 1.6 * SIZE)
    text = cell_text(_on_their_baselines(chars), box)
    assert text.replace("\n", "") == "".join("".join(line) for line in lines)


def test_a_well_made_fonts_characters_are_left_as_they_are() -> None:
    chars = [_char(c, 10.0 + k * SIZE, 100.0, 0.0) for k, c in enumerate("年度目标")]
    assert _on_their_baselines(chars) is chars


def test_a_digit_boxed_below_its_line_reads_in_it() -> None:
    chars = [
        _char(c, 10.0 + k * SIZE, 100.0, 1.0 if c.isdigit() else 0.0)
        for k, c in enumerate("2026年")
    ]
    chars += [_char(c, 10.0 + k * SIZE, 116.0, 0.0) for k, c in enumerate("布局")]
    assert cell_text(chars, (5.0, 80.0, 205.0, 130.0)) != "2026年布局"  # as the boxes say
    assert cell_text(_on_their_baselines(chars), (5.0, 80.0, 205.0, 130.0)) == "2026年\n布局"
